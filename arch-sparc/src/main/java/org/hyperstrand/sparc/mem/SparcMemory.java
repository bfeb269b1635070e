package org.hyperstrand.sparc.mem;

import static org.hyperstrand.sparc.cpu.SparcArch.PAGE_OFFSET_MASK;
import static org.hyperstrand.sparc.cpu.SparcArch.PAGE_SHIFT;
import static org.hyperstrand.sparc.cpu.SparcArch.PAGE_SIZE;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.CodeCache;
import org.hyperstrand.sparc.decode.DecodedPage;
import org.hyperstrand.sparc.mmu.Mmu;

/**
 * The memory path of one strand: the addresses instructions use go to host physical memory,
 * through the domain's {@link RealMemoryMap} with the MMU off, through the {@link Mmu} (TLB, the
 * guest's TSBs, then the memory map) with it on.
 *
 * <p>The fast path is a software TLB, direct-mapped on the 8 KiB page of the address the
 * instruction uses: a hit is a tag compare and yields the host chunk and the page's offset in
 * it, which the caller indexes with a {@link VarHandle} view. Reads and writes have separate
 * TLBs. A page enters the read TLB only once its chunk exists (an untouched chunk reads as a
 * shared zero array that a later write would replace), and the write TLB only after the page
 * was checked for decoded code: a write to a page with decoded instructions invalidates them
 * first. A page that does not map whole onto one memory block is never cached; every access to
 * it takes the slow path. Instruction fetch uses a small code TLB of {@link DecodedPage}s the
 * same way.
 *
 * <h2>Translation regimes</h2>
 * Which translation a virtual page has depends on the context (primary, or nucleus at TL > 0)
 * and on the privilege level (TTE.P, TTE.W). So the software TLB is a small set of
 * {@link SoftTlb}s, one per regime: the real one (MMU off, hyperprivileged mode, ASI_REAL) and a
 * few virtual ones, each for one (context, privileged) pair. The arrays of the regime the CPU is
 * in are the fields the fast path reads, so a hit costs the same with or without the MMU.
 * {@link #updateRegime} switches them whenever TL, PSTATE, HPSTATE, the context registers or
 * mmu_enable change what implicit accesses translate with. Alternate-space accesses name their
 * regime ({@link #readOffsetAsi}). A virtual entry is only ever filled from an entry of the
 * architectural TLB and is dropped when that entry leaves ({@link #invalidateVirtual}), so the
 * software TLB never translates what the TLB the guest programs no longer holds.
 *
 * <h2>Results</h2>
 * The data methods return a chunk offset (at least 0) with {@link #chunk} set, or
 * {@link #NOT_MEMORY} when the real address is not the domain's memory (the caller raises
 * data_access_exception, see {@link Mmu#noMemory}), or {@link #TRAPPED} when the MMU already
 * delivered the trap that stops the access (a miss, a protection or access fault).
 *
 * <h2>Mapped-in pages</h2>
 * Pages of other domains mapped in with ldc_mapin are part of the memory map: loads reach them,
 * stores only if they were mapped writable (a store to a read-only one takes
 * {@link Mmu#readOnlyStore} on the write miss, so such a page never enters a write TLB), and
 * instruction fetch never (no decoded page is made of them). All three checks sit on the miss
 * paths. {@link #synchronize} drops every cached translation when the domain's map is replaced.
 */
public final class SparcMemory {

    public static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    public static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    public static final VarHandle BE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    public static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Result: the real address is not the domain's memory; the caller raises the trap. */
    public static final int NOT_MEMORY = -1;
    /** Result: the MMU has delivered the trap for this access; the instruction stops. */
    public static final int TRAPPED = -2;

    /** Regime key of real addressing. */
    static final long REAL = -1;
    /** Virtual regimes cached at once; a further one recycles the least recently chosen. */
    private static final int VIRTUAL_SETS = 4;

    private static final int TLB_SIZE = SoftTlb.SIZE;
    private static final int CODE_TLB_SIZE = SoftTlb.CODE_SIZE;

    private final GuestContext guest;
    private final PhysicalMemory memory;
    private final CodeCache code;
    private final SparcState s;
    private RealMemoryMap map;

    private final SoftTlb realTlb = new SoftTlb();
    private final SoftTlb[] virtualTlbs = new SoftTlb[VIRTUAL_SETS];
    private int nextRecycled;
    /** The regime of implicit accesses and instruction fetch, and its context and privilege. */
    private SoftTlb current;
    private int currentCtx;
    private boolean currentPriv;

    // the current regime's arrays, read by the fast paths
    private long[] rTag;
    private byte[][] rChunk;
    private int[] rBase;
    private long[] wTag;
    private byte[][] wChunk;
    private int[] wBase;
    private long[] cTag;
    private DecodedPage[] cPage;
    private int seenEpoch;

    /** The host chunk of the last successful translation; index it with the returned offset. */
    public byte[] chunk;

    public SparcMemory(GuestContext guest, CodeCache code, SparcState s) {
        this.guest = guest;
        this.memory = guest.memory();
        this.code = code;
        this.s = s;
        this.map = guest.realMemory();
        realTlb.key = REAL;
        for (int i = 0; i < VIRTUAL_SETS; i++) {
            virtualTlbs[i] = new SoftTlb();
        }
        select(realTlb, 0, true);
        flushAll();
    }

    public PhysicalMemory physical() {
        return memory;
    }

    public CodeCache code() {
        return code;
    }

    /** Drops every cached translation. */
    public void flushAll() {
        realTlb.flush();
        for (SoftTlb t : virtualTlbs) {
            t.flush();
        }
        seenEpoch = code.epoch();
        s.codeBase = -1;
    }

    /**
     * Called at the start of every run: picks up a changed memory map and pages other CPUs of
     * the domain decoded since this CPU's write TLB was filled.
     */
    public void synchronize() {
        RealMemoryMap current = guest.realMemory();
        if (current != map) {
            map = current;
            flushAll();
        }
        checkEpoch();
    }

    /** Drops the write TLBs if pages were decoded since they were filled. */
    public void checkEpoch() {
        int e = code.epoch();
        if (e != seenEpoch) {
            seenEpoch = e;
            realTlb.flushWrites();
            for (SoftTlb t : virtualTlbs) {
                t.flushWrites();
            }
        }
    }

    // ---- regimes ---------------------------------------------------------------------------

    /**
     * Makes the software TLB follow what implicit accesses and instruction fetch translate with
     * now: real addresses with the MMU off or in hyperprivileged mode, else the nucleus context
     * at TL > 0 or the primary context at TL = 0, at the current privilege level. Cheap when
     * nothing changed; callers need not know whether anything did.
     */
    public void updateRegime() {
        Mmu mmu = s.mmu;
        if (mmu == null || !mmu.enabled() || s.hpriv) {
            if (current != realTlb) {
                select(realTlb, 0, true);
            }
            return;
        }
        int ctx = s.tl > 0 ? 0 : (int) s.primaryContext & (Mmu.CONTEXTS - 1);
        boolean priv = s.priv;
        if (current.key != key(ctx, priv)) {
            select(virtualTlb(ctx, priv), ctx, priv);
        }
    }

    private static long key(int ctx, boolean priv) {
        return ((long) ctx << 1) | (priv ? 1 : 0);
    }

    private void select(SoftTlb t, int ctx, boolean priv) {
        current = t;
        currentCtx = ctx;
        currentPriv = priv;
        rTag = t.rTag;
        rChunk = t.rChunk;
        rBase = t.rBase;
        wTag = t.wTag;
        wChunk = t.wChunk;
        wBase = t.wBase;
        cTag = t.cTag;
        cPage = t.cPage;
        s.codeBase = -1;
    }

    /** The virtual set of (ctx, priv), recycling one (never the current one) if none serves it. */
    private SoftTlb virtualTlb(int ctx, boolean priv) {
        long key = key(ctx, priv);
        for (SoftTlb t : virtualTlbs) {
            if (t.key == key) {
                return t;
            }
        }
        SoftTlb t = virtualTlbs[nextRecycled];
        nextRecycled = (nextRecycled + 1) % VIRTUAL_SETS;
        if (t == current) {
            t = virtualTlbs[nextRecycled];
            nextRecycled = (nextRecycled + 1) % VIRTUAL_SETS;
        }
        t.flush();
        t.key = key;
        return t;
    }

    /**
     * The architectural TLB dropped the translation of the 2^shift-byte page at {@code va} in
     * context {@code ctx}: forget what the software TLB derived from it (data and/or code side).
     */
    public void invalidateVirtual(long va, int shift, int ctx, boolean data, boolean code) {
        for (SoftTlb t : virtualTlbs) {
            if (t.key != SoftTlb.UNUSED && (t.key >>> 1) == ctx) {
                t.invalidate(va, shift, data, code);
                if (code && t == current) {
                    s.codeBase = -1;
                }
            }
        }
    }

    // ---- data ------------------------------------------------------------------------------

    /**
     * The chunk offset of a naturally aligned read of {@code size} bytes at {@code addr} (real,
     * or virtual in the current regime), with {@link #chunk} set; or {@link #NOT_MEMORY} or
     * {@link #TRAPPED}.
     */
    public int readOffset(long addr, int size) {
        long page = addr >>> PAGE_SHIFT;
        int i = (int) page & (TLB_SIZE - 1);
        if (rTag[i] == page) {
            chunk = rChunk[i];
            return rBase[i] + (int) (addr & PAGE_OFFSET_MASK);
        }
        return readMiss(current, addr, size, currentCtx, currentPriv, false);
    }

    /**
     * The chunk offset of a read at {@code addr} when the current regime's software TLB holds
     * its page, with {@link #chunk} set; else -1 and nothing changes. Translated blocks try it
     * first and {@link #readRefill} after a miss.
     */
    public int readHit(long addr) {
        long page = addr >>> PAGE_SHIFT;
        int i = (int) page & (TLB_SIZE - 1);
        if (rTag[i] != page) {
            return -1;
        }
        chunk = rChunk[i];
        return rBase[i] + (int) (addr & PAGE_OFFSET_MASK);
    }

    /** As {@link #readHit} for a write: a hit never lands on a page with decoded code. */
    public int writeHit(long addr) {
        long page = addr >>> PAGE_SHIFT;
        int i = (int) page & (TLB_SIZE - 1);
        if (wTag[i] != page) {
            return -1;
        }
        chunk = wChunk[i];
        return wBase[i] + (int) (addr & PAGE_OFFSET_MASK);
    }

    /**
     * After a {@link #readHit} miss: the chunk offset of a read of {@code size} bytes at
     * {@code addr} when it completes without a trap and its page can enter the software TLB
     * (which it then does, after the MMU loaded its TLB from a TSB if need be, see
     * {@link Mmu#serveData}); else a negative result and nothing the interpreter's retry of the
     * access would find different. So a translated block refills without leaving, and leaves
     * only for what would trap or cannot be cached.
     */
    public int readRefill(long addr, int size) {
        return readMiss(current, addr, size, currentCtx, currentPriv, true);
    }

    /** As {@link #readRefill} for a write; a page with decoded code is left to the interpreter. */
    public int writeRefill(long addr, int size) {
        return writeMiss(current, addr, size, currentCtx, currentPriv, true);
    }

    /** As {@link #readOffset} for a write; invalidates decoded code of the page on first write. */
    public int writeOffset(long addr, int size) {
        long page = addr >>> PAGE_SHIFT;
        int i = (int) page & (TLB_SIZE - 1);
        if (wTag[i] == page) {
            chunk = wChunk[i];
            return wBase[i] + (int) (addr & PAGE_OFFSET_MASK);
        }
        return writeMiss(current, addr, size, currentCtx, currentPriv, false);
    }

    /**
     * As {@link #readOffset} for an alternate-space access whose {@link Asi#info} is {@code info}:
     * the ASI chooses the context (primary, secondary, nucleus, or real addresses) and whether
     * the access is checked as a user access.
     */
    public int readOffsetAsi(int info, long addr, int size) {
        SoftTlb t = asiTlb(info);
        if (t == current) {
            return readOffset(addr, size);
        }
        long page = addr >>> PAGE_SHIFT;
        int i = (int) page & (TLB_SIZE - 1);
        if (t.rTag[i] == page) {
            chunk = t.rChunk[i];
            return t.rBase[i] + (int) (addr & PAGE_OFFSET_MASK);
        }
        return readMiss(t, addr, size, asiCtx(info), asiPriv(info), false);
    }

    /** As {@link #readOffsetAsi} for a write. */
    public int writeOffsetAsi(int info, long addr, int size) {
        SoftTlb t = asiTlb(info);
        if (t == current) {
            return writeOffset(addr, size);
        }
        long page = addr >>> PAGE_SHIFT;
        int i = (int) page & (TLB_SIZE - 1);
        if (t.wTag[i] == page) {
            chunk = t.wChunk[i];
            return t.wBase[i] + (int) (addr & PAGE_OFFSET_MASK);
        }
        return writeMiss(t, addr, size, asiCtx(info), asiPriv(info), false);
    }

    private SoftTlb asiTlb(int info) {
        if (current == realTlb || (info & Asi.CTX_MASK) == Asi.CTX_REAL) {
            return realTlb;
        }
        int ctx = asiCtx(info);
        boolean priv = asiPriv(info);
        return current.key == key(ctx, priv) ? current : virtualTlb(ctx, priv);
    }

    /** The context an alternate-space access with {@link Asi#info} {@code info} uses (0 for real addresses). */
    public int asiCtx(int info) {
        switch (info & Asi.CTX_MASK) {
            case Asi.CTX_PRIMARY:
                return (int) s.primaryContext & (Mmu.CONTEXTS - 1);
            case Asi.CTX_SECONDARY:
                return (int) s.secondaryContext & (Mmu.CONTEXTS - 1);
            default:
                return 0;
        }
    }

    private boolean asiPriv(int info) {
        return s.priv && (info & Asi.AS_USER) == 0;
    }

    private long translate(long ra, int size) {
        long pa = map.toPhysical(ra, size);
        if (pa < 0 || !memory.contains(pa, size)) {
            return -1;
        }
        return pa;
    }

    /** True if the whole 8 KiB page of ra maps, page-aligned, onto one memory block. */
    private boolean wholePage(long ra, long pa) {
        long offset = ra & PAGE_OFFSET_MASK;
        if ((pa & PAGE_OFFSET_MASK) != offset) {
            return false;
        }
        long pagePa = map.toPhysical(ra - offset, PAGE_SIZE);
        return pagePa == pa - offset && memory.contains(pagePa, PAGE_SIZE);
    }

    /**
     * The real address of {@code addr} in regime {@code t}, or -1 after the MMU trapped; when
     * {@code quiet}, -1 instead of a trap ({@link Mmu#serveData}).
     */
    private long realAddress(SoftTlb t, long addr, int ctx, boolean priv, boolean write, boolean quiet) {
        if (t == realTlb) {
            return addr;
        }
        return quiet ? s.mmu.serveData(addr, ctx, priv, write) : s.mmu.translateData(addr, ctx, priv, write);
    }

    /** The slow path of a read; when {@code quiet}, see {@link #readRefill}. */
    private int readMiss(SoftTlb t, long addr, int size, int ctx, boolean priv, boolean quiet) {
        long ra = realAddress(t, addr, ctx, priv, false, quiet);
        if (ra < 0 && t != realTlb) {
            return TRAPPED;
        }
        long pa = translate(ra, size);
        if (pa < 0) {
            return NOT_MEMORY;
        }
        boolean cacheable = memory.isTouched(pa) && wholePage(ra, pa);
        if (quiet && !cacheable) {
            return NOT_MEMORY;
        }
        byte[] c = memory.chunkForRead(pa);
        int off = (int) (pa & PhysicalMemory.CHUNK_MASK);
        if (cacheable) {
            int i = (int) (addr >>> PAGE_SHIFT) & (TLB_SIZE - 1);
            t.rTag[i] = addr >>> PAGE_SHIFT;
            t.rChunk[i] = c;
            t.rBase[i] = off - (int) (addr & PAGE_OFFSET_MASK);
        }
        chunk = c;
        return off;
    }

    /** The slow path of a write; when {@code quiet}, see {@link #writeRefill}. */
    private int writeMiss(SoftTlb t, long addr, int size, int ctx, boolean priv, boolean quiet) {
        long ra = realAddress(t, addr, ctx, priv, true, quiet);
        if (ra < 0 && t != realTlb) {
            return TRAPPED;
        }
        long pa = translate(ra, size);
        if (pa < 0) {
            return NOT_MEMORY;
        }
        if (map.isImported(ra) && !map.isWritable(ra, size)) {
            if (s.mmu == null || quiet) {
                return NOT_MEMORY;
            }
            s.mmu.readOnlyStore(addr, t == realTlb ? 0 : ctx);
            return TRAPPED;
        }
        boolean whole = wholePage(ra, pa);
        // a block may not go on past a store that drops code (its own, perhaps)
        if (quiet && (!whole || code.contains(pa >>> PAGE_SHIFT))) {
            return NOT_MEMORY;
        }
        checkEpoch();
        invalidateCodePage(pa >>> PAGE_SHIFT);
        byte[] c = memory.chunkForWrite(pa);
        int off = (int) (pa & PhysicalMemory.CHUNK_MASK);
        if (whole) {
            int i = (int) (addr >>> PAGE_SHIFT) & (TLB_SIZE - 1);
            int base = off - (int) (addr & PAGE_OFFSET_MASK);
            t.wTag[i] = addr >>> PAGE_SHIFT;
            t.wChunk[i] = c;
            t.wBase[i] = base;
            t.rTag[i] = addr >>> PAGE_SHIFT;
            t.rChunk[i] = c;
            t.rBase[i] = base;
        }
        chunk = c;
        return off;
    }

    /** True if a load at real address {@code ra} of {@code size} bytes would find memory (no side effects). */
    public boolean isMemory(long ra, int size) {
        return translate(ra, size) >= 0;
    }

    // ---- instruction fetch -----------------------------------------------------------------

    /**
     * The decoded page holding fetch address {@code pc}, or null: either that page cannot be
     * cached (not backed yet, or not mapped whole; fetch with {@link #instructionPa}), or the
     * MMU delivered an instruction fault (the CPU sees its trap sequence number move).
     */
    public DecodedPage codePage(long pc) {
        long page = pc >>> PAGE_SHIFT;
        int i = (int) page & (CODE_TLB_SIZE - 1);
        DecodedPage p = cPage[i];
        if (cTag[i] == page && p.valid) {
            return p;
        }
        long ra = pc;
        if (current != realTlb) {
            ra = s.mmu.translateFetch(pc, currentCtx, currentPriv);
            if (ra < 0) {
                return null;
            }
        }
        long pa = translate(ra, 4);
        if (pa < 0 || !memory.isTouched(pa) || !wholePage(ra, pa) || map.isImported(ra)) {
            return null;
        }
        long pagePa = pa & ~PAGE_OFFSET_MASK;
        p = code.page(pagePa >>> PAGE_SHIFT, memory.chunkForRead(pagePa), (int) (pagePa & PhysicalMemory.CHUNK_MASK));
        cTag[i] = page;
        cPage[i] = p;
        checkEpoch();
        return p;
    }

    /**
     * The host physical address of the instruction at {@code pc}, or -1 outside the domain's
     * memory; with the MMU on, through the translation {@link #codePage} just loaded.
     */
    public long instructionPa(long pc) {
        long ra = current == realTlb ? pc : s.mmu.probe(pc, currentCtx, true);
        return ra < 0 || map.isImported(ra) ? -1 : translate(ra, 4);
    }

    /** The real address {@code addr} of a data access translates to now, or -1; no side effects. */
    private long probeData(long addr) {
        return current == realTlb ? addr : s.mmu.probe(addr, currentCtx, false);
    }

    /** Forgets the decoded code of the page holding {@code addr} (FLUSH), if it translates. */
    public void flushCode(long addr) {
        long ra = probeData(addr & ~7L);
        long pa = ra < 0 ? -1 : translate(ra, 1);
        if (pa >= 0) {
            invalidateCodePage(pa >>> PAGE_SHIFT);
        }
    }

    /** Drops the decoded code of host physical page number {@code paPage}, for every CPU. */
    public void invalidateCodePage(long paPage) {
        if (code.invalidate(paPage) && s.codePaPage == paPage) {
            s.codeBase = -1;
        }
    }

    /**
     * Reads a big-endian instruction word at fetch address {@code pc} for reports, or returns -1
     * when it does not translate to memory; no TLB effects.
     */
    public long peekWord(long pc) {
        long ra = current == realTlb ? pc : s.mmu.probe(pc, currentCtx, true);
        long pa = ra < 0 ? -1 : translate(ra, 4);
        return pa < 0 ? -1 : memory.read32BE(pa) & 0xffff_ffffL;
    }
}
