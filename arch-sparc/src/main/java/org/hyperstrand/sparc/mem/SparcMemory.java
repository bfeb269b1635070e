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

/**
 * The memory path of one strand with the MMU off: real addresses go through the domain's
 * {@link RealMemoryMap} to host physical memory.
 *
 * <p>The fast path is a software TLB, direct-mapped on the 8 KiB real page: a hit is a tag
 * compare and yields the host chunk and the page's offset in it, which the caller indexes
 * with a {@link VarHandle} view. Reads and writes have separate TLBs. A page enters the read
 * TLB only once its chunk exists (an untouched chunk reads as a shared zero array that a later
 * write would replace), and the write TLB only after the page was checked for decoded code:
 * a write to a page with decoded instructions invalidates them first. A page that does not map
 * whole onto one memory block is never cached; every access to it takes the slow path.
 *
 * <p>Instruction fetch uses a small code TLB of {@link DecodedPage}s the same way.
 */
public final class SparcMemory {

    public static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    public static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    public static final VarHandle BE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    public static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int TLB_SIZE = 256;
    private static final int CODE_TLB_SIZE = 64;

    private final GuestContext guest;
    private final PhysicalMemory memory;
    private final CodeCache code;
    private final SparcState s;
    private RealMemoryMap map;

    private final long[] rTag = new long[TLB_SIZE];
    private final byte[][] rChunk = new byte[TLB_SIZE][];
    private final int[] rBase = new int[TLB_SIZE];
    private final long[] wTag = new long[TLB_SIZE];
    private final byte[][] wChunk = new byte[TLB_SIZE][];
    private final int[] wBase = new int[TLB_SIZE];
    private int seenEpoch;

    private final long[] cTag = new long[CODE_TLB_SIZE];
    private final DecodedPage[] cPage = new DecodedPage[CODE_TLB_SIZE];

    /** The host chunk of the last successful translation; index it with the returned offset. */
    public byte[] chunk;

    public SparcMemory(GuestContext guest, CodeCache code, SparcState s) {
        this.guest = guest;
        this.memory = guest.memory();
        this.code = code;
        this.s = s;
        this.map = guest.realMemory();
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
        java.util.Arrays.fill(rTag, -1L);
        java.util.Arrays.fill(rChunk, null);
        java.util.Arrays.fill(wTag, -1L);
        java.util.Arrays.fill(wChunk, null);
        java.util.Arrays.fill(cTag, -1L);
        java.util.Arrays.fill(cPage, null);
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

    /** Drops the write TLB if pages were decoded since it was filled. */
    public void checkEpoch() {
        int e = code.epoch();
        if (e != seenEpoch) {
            seenEpoch = e;
            java.util.Arrays.fill(wTag, -1L);
            java.util.Arrays.fill(wChunk, null);
        }
    }

    // ---- data ------------------------------------------------------------------------------

    /**
     * The chunk offset of a naturally aligned read of {@code size} bytes at real address
     * {@code ra}, with {@link #chunk} set; or -1 if the address is not the domain's memory.
     */
    public int readOffset(long ra, int size) {
        long page = ra >>> PAGE_SHIFT;
        int i = (int) page & (TLB_SIZE - 1);
        if (rTag[i] == page) {
            chunk = rChunk[i];
            return rBase[i] + (int) (ra & PAGE_OFFSET_MASK);
        }
        return readMiss(ra, size);
    }

    /** As {@link #readOffset} for a write; invalidates decoded code of the page on first write. */
    public int writeOffset(long ra, int size) {
        long page = ra >>> PAGE_SHIFT;
        int i = (int) page & (TLB_SIZE - 1);
        if (wTag[i] == page) {
            chunk = wChunk[i];
            return wBase[i] + (int) (ra & PAGE_OFFSET_MASK);
        }
        return writeMiss(ra, size);
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

    private int readMiss(long ra, int size) {
        long pa = translate(ra, size);
        if (pa < 0) {
            return -1;
        }
        boolean touched = memory.isTouched(pa);
        byte[] c = memory.chunkForRead(pa);
        int off = (int) (pa & PhysicalMemory.CHUNK_MASK);
        if (touched && wholePage(ra, pa)) {
            int i = (int) (ra >>> PAGE_SHIFT) & (TLB_SIZE - 1);
            rTag[i] = ra >>> PAGE_SHIFT;
            rChunk[i] = c;
            rBase[i] = off - (int) (ra & PAGE_OFFSET_MASK);
        }
        chunk = c;
        return off;
    }

    private int writeMiss(long ra, int size) {
        long pa = translate(ra, size);
        if (pa < 0) {
            return -1;
        }
        checkEpoch();
        invalidateCodePage(pa >>> PAGE_SHIFT);
        byte[] c = memory.chunkForWrite(pa);
        int off = (int) (pa & PhysicalMemory.CHUNK_MASK);
        if (wholePage(ra, pa)) {
            int i = (int) (ra >>> PAGE_SHIFT) & (TLB_SIZE - 1);
            int base = off - (int) (ra & PAGE_OFFSET_MASK);
            wTag[i] = ra >>> PAGE_SHIFT;
            wChunk[i] = c;
            wBase[i] = base;
            rTag[i] = ra >>> PAGE_SHIFT;
            rChunk[i] = c;
            rBase[i] = base;
        }
        chunk = c;
        return off;
    }

    /** True if a load at {@code ra} of {@code size} bytes would find memory (no side effects). */
    public boolean isMemory(long ra, int size) {
        return translate(ra, size) >= 0;
    }

    // ---- instruction fetch -----------------------------------------------------------------

    /**
     * The decoded page holding fetch address {@code pc}, or null when that page cannot be
     * cached (not backed yet, or not mapped whole); then fetch with {@link #instructionPa}.
     */
    public DecodedPage codePage(long pc) {
        long page = pc >>> PAGE_SHIFT;
        int i = (int) page & (CODE_TLB_SIZE - 1);
        DecodedPage p = cPage[i];
        if (cTag[i] == page && p.valid) {
            return p;
        }
        long pa = translate(pc, 4);
        if (pa < 0 || !memory.isTouched(pa) || !wholePage(pc, pa)) {
            return null;
        }
        long pagePa = pa & ~PAGE_OFFSET_MASK;
        p = code.page(pagePa >>> PAGE_SHIFT, memory.chunkForRead(pagePa), (int) (pagePa & PhysicalMemory.CHUNK_MASK));
        cTag[i] = page;
        cPage[i] = p;
        checkEpoch();
        return p;
    }

    /** The host physical address of the instruction at {@code pc}, or -1 outside the domain's memory. */
    public long instructionPa(long pc) {
        return translate(pc, 4);
    }

    /** Forgets the decoded code of the page holding real address {@code ra} (FLUSH). */
    public void flushCode(long ra) {
        long pa = translate(ra & ~7L, 1);
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

    /** Reads a big-endian word for reports, or returns -1 when not memory; no TLB effects. */
    public long peekWord(long ra) {
        long pa = translate(ra, 4);
        return pa < 0 ? -1 : memory.read32BE(pa) & 0xffff_ffffL;
    }
}
