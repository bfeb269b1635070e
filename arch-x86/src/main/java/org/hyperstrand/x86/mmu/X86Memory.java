package org.hyperstrand.x86.mmu;

import static org.hyperstrand.x86.cpu.X86Arch.PAGE_OFFSET_MASK;
import static org.hyperstrand.x86.cpu.X86Arch.PAGE_SHIFT;
import static org.hyperstrand.x86.cpu.X86Arch.PAGE_SIZE;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.CodeCache;
import org.hyperstrand.x86.decode.DecodedPage;

/**
 * The memory path of one CPU: linear addresses go through the guest's page tables
 * ({@link PageWalker}) to guest-physical addresses, and from there to host physical memory:
 * through the domain's {@link RealMemoryMap}, or, while nested paging is on (a guest under
 * SVM with NP_ENABLE, reference/amd-v-svm.md 5.1), through the nested tables at N_CR3
 * ({@link NestedWalker}), which then replace the map. Under nested paging every guest-physical
 * address is translated: each guest page-table entry (as a user write, EXITINFO1 bit 33 on a
 * fault) and the final address (with the access's own kind, bit 32).
 *
 * <p>The fast path is a software TLB, direct-mapped on the 4 KiB linear page: a hit is a tag
 * compare and yields the host chunk and the page's offset in it, which is then indexed with a
 * little-endian {@link VarHandle} view (any alignment within the page). Reads and writes have
 * separate tags; a page enters the read side only once its chunk exists (an untouched chunk
 * reads as a shared zero array that a later write would replace) and the write side only after
 * the walk set its dirty bit, and only while it holds no decoded instructions: stores to a
 * page with decoded code go through a second set of write entries that check, after the store,
 * whether it hit a decoded instruction, and drop the decoded page only then (code and data often
 * share pages in small guests). When any CPU decodes a new page, the code cache's epoch moves
 * and each CPU drops its plain write entries, at once for the CPU that decoded and at the start
 * of their next run (or code TLB miss) for the others. Known limit: a store another CPU makes
 * in that window, through an entry older than the decoding, into the bytes of an instruction
 * just decoded, does not invalidate it, and CPUs keep executing the old decoding. Code written
 * before it is first executed, by any CPU, is always seen.
 *
 * <p>Supervisor and user accesses use separate sets ({@link SoftTlb}), chosen by the CPL; implicit
 * supervisor accesses (descriptor tables, the TSS, the stack of an interrupt to CPL 0) name the
 * supervisor set. Accesses that cross a page boundary, and pages that do not map whole onto one
 * memory block, always take the slow path. Everything is flushed by CR3 writes and paging-mode
 * changes; INVLPG drops one page, or every cached piece of the 2 MiB or 1 GiB page it names.
 *
 * <p>Instruction fetch uses a small code TLB of {@link DecodedPage}s in the same way.
 *
 * <p>The TLB caches linear to host translations, so turning nested paging on or off, or
 * changing N_CR3, flushes it; so must the hypervisor after it edits nested tables in use.
 * Nested walks happen only on TLB misses.
 *
 * <p>Faults leave through {@link X86State#fault}: #GP(0) for a non-canonical address, #PF from
 * the guest walk, {@link X86State#NESTED_PAGE_FAULT} from the nested walk (the NPF #VMEXIT),
 * and {@link X86State#NO_MEMORY} for a guest-physical address outside the domain's memory
 * without nested paging (fatal).
 */
public final class X86Memory {

    public static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int TLB_MASK = SoftTlb.SIZE - 1;
    private static final int CODE_MASK = SoftTlb.CODE_SIZE - 1;

    private final GuestContext guest;
    private final PhysicalMemory memory;
    private final CodeCache code;
    private final X86State s;
    private final PageWalker walker;
    private final NestedWalker nested;
    private RealMemoryMap map;
    /** True while guest-physical addresses go through {@link #nested} instead of {@link #map}. */
    private boolean nestedOn;

    private final SoftTlb supervisor = new SoftTlb();
    private final SoftTlb user = new SoftTlb();
    private SoftTlb current;
    private boolean currentUser;
    // the current set's arrays, read by the fast paths
    private long[] rTag;
    private byte[][] rChunk;
    private int[] rBase;
    private long[] wTag;
    private byte[][] wChunk;
    private int[] wBase;
    private long[] cTag;
    private DecodedPage[] cPage;

    /**
     * The 2 MiB and 1 GiB pages cached since the last flush (base and size shift), so INVLPG
     * inside one drops every 4 KiB entry of it; past {@link #LARGE_REGIONS} INVLPG flushes all.
     */
    private static final int LARGE_REGIONS = 8;
    private final long[] largeBase = new long[LARGE_REGIONS];
    private final int[] largeShift = new int[LARGE_REGIONS];
    private int largeCount;
    private boolean largeOverflow;
    private int seenEpoch;
    /** Guest-physical address of the last slow-path translation. */
    private long lastGpa;

    /** The host chunk of the last {@link #rmwOffset} translation. */
    public byte[] chunk;

    // counters for reports
    private long dataMisses;
    private long codeMisses;
    private long flushes;

    public X86Memory(GuestContext guest, CodeCache code, X86State s) {
        this.guest = guest;
        this.memory = guest.memory();
        this.code = code;
        this.s = s;
        this.map = guest.realMemory();
        this.walker = new PageWalker(s, this);
        this.nested = new NestedWalker(s, this);
        select(supervisor, false);
        seenEpoch = code.epoch();
    }

    public PhysicalMemory physical() {
        return memory;
    }

    public CodeCache code() {
        return code;
    }

    public PageWalker walker() {
        return walker;
    }

    public NestedWalker nestedWalker() {
        return nested;
    }

    // ---- nested paging ------------------------------------------------------------------------

    /**
     * From now on guest-physical addresses go through the nested tables rooted at host physical
     * {@code nCr3} (VMRUN with NP_ENABLE). Flushes the TLB: its entries are linear to host.
     */
    public void enableNestedPaging(long nCr3) {
        nested.setRoot(nCr3);
        nestedOn = true;
        flush();
    }

    /** Back to the domain's memory map (#VMEXIT, or VMRUN without NP_ENABLE); flushes the TLB. */
    public void disableNestedPaging() {
        nestedOn = false;
        flush();
    }

    public boolean nestedPaging() {
        return nestedOn;
    }

    // ---- TLB management -----------------------------------------------------------------------

    /** Follows the CPL: user accesses at CPL 3, supervisor otherwise. */
    public void selectPrivilege() {
        boolean u = s.cpl == 3;
        if (u != currentUser) {
            select(u ? user : supervisor, u);
        }
    }

    private void select(SoftTlb t, boolean u) {
        current = t;
        currentUser = u;
        rTag = t.rTag;
        rChunk = t.rChunk;
        rBase = t.rBase;
        wTag = t.wTag;
        wChunk = t.wChunk;
        wBase = t.wBase;
        cTag = t.cTag;
        cPage = t.cPage;
        s.codeVPage = -1;
    }

    /** Drops every translation (CR3 write, paging-mode change). */
    public void flush() {
        supervisor.flush();
        user.flush();
        largeCount = 0;
        largeOverflow = false;
        flushes++;
        s.codeVPage = -1;
    }

    /** INVLPG: drops the translations of the page holding {@code la}, whatever its size. */
    public void invalidatePage(long la) {
        if (largeOverflow) {
            flush();
            return;
        }
        for (int k = 0; k < largeCount; k++) {
            if (((la ^ largeBase[k]) >>> largeShift[k]) == 0) {
                long first = largeBase[k] >>> PAGE_SHIFT;
                int shift = largeShift[k] - PAGE_SHIFT;
                supervisor.invalidateRange(first, shift);
                user.invalidateRange(first, shift);
                largeCount--;
                largeBase[k] = largeBase[largeCount];
                largeShift[k] = largeShift[largeCount];
                k--;
            }
        }
        supervisor.invalidate(la >>> PAGE_SHIFT);
        user.invalidate(la >>> PAGE_SHIFT);
        s.codeVPage = -1;
    }

    private void noteLargePage(long la, int shift) {
        long base = la & -(1L << shift);
        for (int k = 0; k < largeCount; k++) {
            if (largeBase[k] == base && largeShift[k] == shift) {
                return;
            }
        }
        if (largeCount == LARGE_REGIONS) {
            largeOverflow = true;
            return;
        }
        largeBase[largeCount] = base;
        largeShift[largeCount] = shift;
        largeCount++;
    }

    /**
     * Called at the start of every run: picks up a changed memory map and pages other CPUs
     * decoded since this CPU's write TLB was filled.
     */
    public void synchronize() {
        RealMemoryMap m = guest.realMemory();
        if (m != map) {
            map = m;
            flush();
        }
        checkEpoch();
    }

    private void checkEpoch() {
        int e = code.epoch();
        if (e != seenEpoch) {
            seenEpoch = e;
            supervisor.flushWrites();
            user.flushWrites();
        }
    }

    // ---- guest-physical to host-physical ------------------------------------------------------

    /**
     * The host physical address of guest-physical [gpa, gpa+len), or -1 when it is not the
     * domain's memory or, under nested paging, not mapped contiguously. Never faults and sets
     * no accessed bits (boot setup, reports); CPU accesses use {@link #tableHpa} and
     * {@link #finalHpa}.
     */
    public long gpaToHpa(long gpa, int len) {
        if (nestedOn) {
            return nestedRange(gpa, len);
        }
        // pages mapped in from other domains only through the nested tables, which carry their rights
        long pa = map.isImported(gpa) ? -1 : map.toPhysical(gpa, len);
        return pa >= 0 && memory.contains(pa, len) ? pa : -1;
    }

    /** {@link #gpaToHpa} under nested paging: every page of the range must follow on from the first. */
    private long nestedRange(long gpa, int len) {
        long hpa = nested.probe(gpa);
        if (hpa < 0 || !memory.contains(hpa, len)) {
            return -1;
        }
        for (long page = (gpa & ~PAGE_OFFSET_MASK) + PAGE_SIZE; page - gpa < len; page += PAGE_SIZE) {
            if (nested.probe(page) != hpa + (page - gpa)) {
                return -1;
            }
        }
        return hpa;
    }

    /**
     * The host address of the guest page-table entry at {@code gpa} (guest CR3 and every entry
     * of the guest walk). Under nested paging this is a user write for the nested walk (5.1:
     * it needs R/W and sets nested A/D), an NPF with EXITINFO1 bit 33 on failure.
     */
    long tableHpa(long gpa) {
        if (nestedOn) {
            return nested.translate(gpa, PageWalker.WRITE, NestedWalker.GUEST_TABLE);
        }
        long hpa = gpaToHpa(gpa, 8);
        if (hpa < 0) {
            throw noMemory(gpa);
        }
        return hpa;
    }

    /**
     * The host address of the final guest-physical address of an access of kind {@code access}
     * ({@link PageWalker} bits); under nested paging an NPF with EXITINFO1 bit 32 on failure.
     */
    private long finalHpa(long gpa, int access) {
        if (nestedOn) {
            return nested.translate(gpa, access, NestedWalker.FINAL);
        }
        long hpa = gpaToHpa(gpa, 1);
        if (hpa < 0) {
            throw noMemory(gpa);
        }
        return hpa;
    }

    private RuntimeException noMemory(long gpa) {
        s.faultAddress = gpa;
        return s.fault(X86State.NO_MEMORY, 0);
    }

    /** ORs {@code bits} into the page-table entry at host address {@code hpa}, atomically. */
    void setTableBits(long hpa, long bits) {
        byte[] c = memory.chunkForWrite(hpa);
        int off = (int) (hpa & PhysicalMemory.CHUNK_MASK);
        if ((off & 7) == 0) {
            LE64.getAndBitwiseOr(c, off, bits);
        } else {
            memory.write64LE(hpa, memory.read64LE(hpa) | bits);
        }
        invalidateCodePage(hpa >>> PAGE_SHIFT);
    }

    /** True if the 4 KiB guest page of {@code gpa} maps whole onto one block, at {@code hpa}'s page. */
    private boolean wholePage(long gpa, long hpa) {
        if ((gpa & PAGE_OFFSET_MASK) != (hpa & PAGE_OFFSET_MASK)) {
            return false;
        }
        if (nestedOn) {
            // nested pages are 4 KiB or larger and aligned, and the walk that gave hpa checked
            // that its page is host memory: the guest page lies whole on hpa's page
            return true;
        }
        long pagePa = gpaToHpa(gpa & ~PAGE_OFFSET_MASK, PAGE_SIZE);
        return pagePa == (hpa & ~PAGE_OFFSET_MASK);
    }

    /** Translates {@code la} for {@code access} to a host physical address, or faults. */
    private long translate(long la, int access) {
        if (!X86Arch.canonical(la)) {
            throw s.gp0();
        }
        long gpa = walker.translate(la, access);
        if (walker.lastShift > PAGE_SHIFT) {
            noteLargePage(la, walker.lastShift);
        }
        long hpa = finalHpa(gpa, access);
        lastGpa = gpa;
        return hpa;
    }

    // ---- data ---------------------------------------------------------------------------------

    /** Reads {@code 1 << size} bytes at {@code la}, zero-extended, with the current privilege. */
    public long read(long la, int size) {
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        int po = (int) la & (int) PAGE_OFFSET_MASK;
        if (rTag[i] == page && po <= PAGE_SIZE - (1 << size)) {
            return load(rChunk[i], rBase[i] + po, size);
        }
        return readSlow(current, la, size, currentUser);
    }

    /** Writes the low {@code 1 << size} bytes of {@code v} at {@code la}, with the current privilege. */
    public void write(long la, int size, long v) {
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        int po = (int) la & (int) PAGE_OFFSET_MASK;
        if (wTag[i] == page && po <= PAGE_SIZE - (1 << size)) {
            store(wChunk[i], wBase[i] + po, size, v);
            return;
        }
        writeSlow(current, la, size, v, currentUser);
    }

    /** 32-bit read, zero-extended: {@link #read} without the switch on size (hot loads). */
    public long read32(long la) {
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        int po = (int) la & (int) PAGE_OFFSET_MASK;
        if (rTag[i] == page && po <= PAGE_SIZE - 4) {
            return (int) LE32.get(rChunk[i], rBase[i] + po) & 0xffff_ffffL;
        }
        return readSlow(current, la, 2, currentUser);
    }

    /** 8-bit read, zero-extended: {@link #read} without the switch on size (hot loads). */
    public long read8(long la) {
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        if (rTag[i] == page) {
            return rChunk[i][rBase[i] + ((int) la & (int) PAGE_OFFSET_MASK)] & 0xffL;
        }
        return readSlow(current, la, 0, currentUser);
    }

    /** 32-bit write: {@link #write} without the switch on size (hot stores). */
    public void write32(long la, long v) {
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        int po = (int) la & (int) PAGE_OFFSET_MASK;
        if (wTag[i] == page && po <= PAGE_SIZE - 4) {
            LE32.set(wChunk[i], wBase[i] + po, (int) v);
            return;
        }
        writeSlow(current, la, 2, v, currentUser);
    }

    /** 8-bit write: {@link #write} without the switch on size (hot stores). */
    public void write8(long la, long v) {
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        if (wTag[i] == page) {
            wChunk[i][wBase[i] + ((int) la & (int) PAGE_OFFSET_MASK)] = (byte) v;
            return;
        }
        writeSlow(current, la, 0, v, currentUser);
    }

    /** 64-bit read (stack pops, RET). */
    public long read64(long la) {
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        int po = (int) la & (int) PAGE_OFFSET_MASK;
        if (rTag[i] == page && po <= PAGE_SIZE - 8) {
            return (long) LE64.get(rChunk[i], rBase[i] + po);
        }
        return readSlow(current, la, 3, currentUser);
    }

    /** 64-bit write (stack pushes, CALL). */
    public void write64(long la, long v) {
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        int po = (int) la & (int) PAGE_OFFSET_MASK;
        if (wTag[i] == page && po <= PAGE_SIZE - 8) {
            LE64.set(wChunk[i], wBase[i] + po, v);
            return;
        }
        writeSlow(current, la, 3, v, currentUser);
    }

    /** An implicit supervisor read (descriptor tables, TSS) whatever the CPL. */
    public long readSystem(long la, int size) {
        SoftTlb t = supervisor;
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        int po = (int) la & (int) PAGE_OFFSET_MASK;
        if (t.rTag[i] == page && po <= PAGE_SIZE - (1 << size)) {
            return load(t.rChunk[i], t.rBase[i] + po, size);
        }
        return readSlow(t, la, size, false);
    }

    /** An implicit supervisor write (interrupt frames on a CPL 0 stack, descriptor busy bits). */
    public void writeSystem(long la, int size, long v) {
        SoftTlb t = supervisor;
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        int po = (int) la & (int) PAGE_OFFSET_MASK;
        if (t.wTag[i] == page && po <= PAGE_SIZE - (1 << size)) {
            store(t.wChunk[i], t.wBase[i] + po, size, v);
            return;
        }
        writeSlow(t, la, size, v, false);
    }

    /**
     * Checks that {@code 1 << size} bytes at {@code la} are writable with the current privilege
     * (the access a later {@link #write} does), so an instruction with several stores can fault
     * before it changes anything.
     */
    public void probeWrite(long la, int size) {
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        int po = (int) la & (int) PAGE_OFFSET_MASK;
        if (wTag[i] == page && po <= PAGE_SIZE - (1 << size)) {
            return;
        }
        int bytes = 1 << size;
        int access = PageWalker.WRITE | (currentUser ? PageWalker.USER : 0);
        translate(la, access);
        if (po > PAGE_SIZE - bytes) {
            translate((la + bytes - 1) & ~PAGE_OFFSET_MASK, access);
        }
    }

    private static long load(byte[] c, int off, int size) {
        switch (size) {
            case 0: return c[off] & 0xffL;
            case 1: return (short) LE16.get(c, off) & 0xffffL;
            case 2: return (int) LE32.get(c, off) & 0xffff_ffffL;
            default: return (long) LE64.get(c, off);
        }
    }

    private static void store(byte[] c, int off, int size, long v) {
        switch (size) {
            case 0: c[off] = (byte) v; break;
            case 1: LE16.set(c, off, (short) v); break;
            case 2: LE32.set(c, off, (int) v); break;
            default: LE64.set(c, off, v); break;
        }
    }

    private long readSlow(SoftTlb t, long la, int size, boolean asUser) {
        int bytes = 1 << size;
        int po = (int) (la & PAGE_OFFSET_MASK);
        if (po > PAGE_SIZE - bytes) {
            long v = 0;
            for (int k = 0; k < bytes; k++) {
                v |= readSlow(t, la + k, 0, asUser) << (8 * k);
            }
            return v;
        }
        dataMisses++;
        long hpa = translate(la, asUser ? PageWalker.USER : 0);
        if (memory.isTouched(hpa) && wholePage(lastGpa, hpa)) {
            int i = (int) (la >>> PAGE_SHIFT) & TLB_MASK;
            t.rTag[i] = la >>> PAGE_SHIFT;
            t.rChunk[i] = memory.chunkForRead(hpa);
            t.rBase[i] = (int) ((hpa & ~PAGE_OFFSET_MASK) & PhysicalMemory.CHUNK_MASK);
        }
        return physicalRead(hpa, size);
    }

    private void writeSlow(SoftTlb t, long la, int size, long v, boolean asUser) {
        int bytes = 1 << size;
        int po = (int) (la & PAGE_OFFSET_MASK);
        int access = PageWalker.WRITE | (asUser ? PageWalker.USER : 0);
        if (po > PAGE_SIZE - bytes) {
            // both pages must be writable before any byte is written
            translate(la, access);
            translate((la + bytes - 1) & ~PAGE_OFFSET_MASK, access);
            for (int k = 0; k < bytes; k++) {
                writeSlow(t, la + k, 0, v >>> (8 * k), asUser);
            }
            return;
        }
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        DecodedPage p = t.cwPage[i];
        if (t.cwTag[i] == page && p.valid) {
            storeToCode(t, i, p, t.cwChunk[i], t.cwBase[i] + po, po, size, v);
            return;
        }
        dataMisses++;
        long hpa = translate(la, access);
        checkEpoch();
        boolean whole = wholePage(lastGpa, hpa);
        p = code.get(hpa >>> PAGE_SHIFT);
        if (p != null && whole) {
            byte[] c = memory.chunkForWrite(hpa);
            int base = (int) ((hpa & ~PAGE_OFFSET_MASK) & PhysicalMemory.CHUNK_MASK);
            t.cwTag[i] = page;
            t.cwChunk[i] = c;
            t.cwBase[i] = base;
            t.cwPage[i] = p;
            storeToCode(t, i, p, c, base + po, po, size, v);
            return;
        }
        if (p != null) {
            invalidateCodePage(hpa >>> PAGE_SHIFT);
        }
        if (whole) {
            byte[] c = memory.chunkForWrite(hpa);
            int base = (int) ((hpa & ~PAGE_OFFSET_MASK) & PhysicalMemory.CHUNK_MASK);
            t.wTag[i] = page;
            t.wChunk[i] = c;
            t.wBase[i] = base;
            t.rTag[i] = page;
            t.rChunk[i] = c;
            t.rBase[i] = base;
        }
        physicalWrite(hpa, size, v);
    }

    /**
     * A store into a page with decoded instructions: write, fence, and drop the decoded page if
     * the bytes written belong to a decoded instruction (see {@link DecodedPage}).
     */
    private void storeToCode(SoftTlb t, int i, DecodedPage p, byte[] c, int off, int po, int size, long v) {
        store(c, off, size, v);
        VarHandle.fullFence();
        if (p.overlaps(po, 1 << size)) {
            t.cwTag[i] = -1;
            t.cwChunk[i] = null;
            t.cwPage[i] = null;
            invalidateCodePage(p.paPage);
        }
    }

    private long physicalRead(long hpa, int size) {
        int bytes = 1 << size;
        if ((hpa & PhysicalMemory.CHUNK_MASK) + bytes > PhysicalMemory.CHUNK_SIZE) {
            return memory.readUnalignedLE(hpa, bytes);
        }
        return load(memory.chunkForRead(hpa), (int) (hpa & PhysicalMemory.CHUNK_MASK), size);
    }

    private void physicalWrite(long hpa, int size, long v) {
        int bytes = 1 << size;
        if ((hpa & PhysicalMemory.CHUNK_MASK) + bytes > PhysicalMemory.CHUNK_SIZE) {
            memory.writeUnalignedLE(hpa, bytes, v);
            return;
        }
        store(memory.chunkForWrite(hpa), (int) (hpa & PhysicalMemory.CHUNK_MASK), size, v);
    }

    /**
     * For a locked read-modify-write: translates {@code la} for writing with the current
     * privilege and returns the offset of its {@code 1 << size} bytes in {@link #chunk}, or -1
     * when they are not in one chunk (the caller then takes a global lock instead).
     */
    public int rmwOffset(long la, int size) {
        int bytes = 1 << size;
        int po = (int) (la & PAGE_OFFSET_MASK);
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & TLB_MASK;
        rmwCodePage = null;
        if (po > PAGE_SIZE - bytes) {
            probeWrite(la, size);
            return -1;
        }
        if (wTag[i] == page) {
            chunk = wChunk[i];
            return wBase[i] + po;
        }
        DecodedPage cached = current.cwPage[i];
        if (current.cwTag[i] == page && cached.valid) {
            rmwCodePage = cached;                               // the caller reports its store: rmwDone
            rmwCodeOffset = po;
            chunk = current.cwChunk[i];
            return current.cwBase[i] + po;
        }
        long hpa = translate(la, PageWalker.WRITE | (currentUser ? PageWalker.USER : 0));
        checkEpoch();
        if ((hpa & PhysicalMemory.CHUNK_MASK) + bytes > PhysicalMemory.CHUNK_SIZE) {
            invalidateCodePage(hpa >>> PAGE_SHIFT);
            return -1;
        }
        DecodedPage p = code.get(hpa >>> PAGE_SHIFT);
        byte[] c = memory.chunkForWrite(hpa);
        if (p != null) {
            rmwCodePage = p;
            rmwCodeOffset = po;
            if (wholePage(lastGpa, hpa)) {
                current.cwTag[i] = page;
                current.cwChunk[i] = c;
                current.cwBase[i] = (int) ((hpa & ~PAGE_OFFSET_MASK) & PhysicalMemory.CHUNK_MASK);
                current.cwPage[i] = p;
            }
        } else if (wholePage(lastGpa, hpa)) {
            int base = (int) ((hpa & ~PAGE_OFFSET_MASK) & PhysicalMemory.CHUNK_MASK);
            current.wTag[i] = page;
            current.wChunk[i] = c;
            current.wBase[i] = base;
            current.rTag[i] = page;
            current.rChunk[i] = c;
            current.rBase[i] = base;
        }
        chunk = c;
        return (int) (hpa & PhysicalMemory.CHUNK_MASK);
    }

    /** Set by {@link #rmwOffset} when the operand's page holds decoded code, else null. */
    private DecodedPage rmwCodePage;
    private int rmwCodeOffset;

    /**
     * After a locked read-modify-write through {@link #rmwOffset} has stored (its compare-and-set
     * is a full fence): drops the page's decoded instructions if the store hit one.
     */
    public void rmwDone(int size) {
        DecodedPage p = rmwCodePage;
        if (p != null) {
            rmwCodePage = null;
            if (p.overlaps(rmwCodeOffset, 1 << size)) {
                invalidateCodePage(p.paPage);
            }
        }
    }

    // ---- instruction fetch --------------------------------------------------------------------

    /**
     * The decoded page holding fetch address {@code la}, or null when that page cannot be
     * cached (not backed yet, or not mapped whole; fetch it with {@link #fetchInto}). Faults
     * (#PF, #GP) if the page is not executable.
     */
    public DecodedPage codePage(long la) {
        long page = la >>> PAGE_SHIFT;
        int i = (int) page & CODE_MASK;
        DecodedPage p = cPage[i];
        if (cTag[i] == page && p.valid) {
            return p;
        }
        codeMisses++;
        long hpa = translate(la, PageWalker.FETCH | (currentUser ? PageWalker.USER : 0));
        if (!memory.isTouched(hpa) || !wholePage(lastGpa, hpa)) {
            return null;
        }
        long pagePa = hpa & ~PAGE_OFFSET_MASK;
        p = code.page(pagePa >>> PAGE_SHIFT, memory.chunkForRead(pagePa), (int) (pagePa & PhysicalMemory.CHUNK_MASK));
        cTag[i] = page;
        cPage[i] = p;
        checkEpoch();
        return p;
    }

    /**
     * Copies instruction bytes at {@code la} into {@code dst[off..]}: at most {@code n}, and no
     * further than the end of {@code la}'s page. Faults if the page is not executable.
     *
     * @return the number of bytes copied
     */
    public int fetchInto(long la, byte[] dst, int off, int n) {
        long hpa = translate(la, PageWalker.FETCH | (currentUser ? PageWalker.USER : 0));
        int count = (int) Math.min(n, PAGE_SIZE - (la & PAGE_OFFSET_MASK));
        for (int k = 0; k < count; k++) {
            dst[off + k] = (byte) memory.read8(hpa + k);
        }
        return count;
    }

    private long peeked;

    /**
     * Reads up to {@code n} (at most 8) bytes at {@code la} for reports, without faults or
     * accessed bits; returns how many could be read and leaves them in {@link #peekedBytes}.
     */
    public int peekBytes(long la, int n) {
        peeked = 0;
        long pageHpa = -1;
        long page = -1;
        for (int k = 0; k < Math.min(n, 8); k++) {
            long at = la + k;
            if ((at >>> PAGE_SHIFT) != page) {
                page = at >>> PAGE_SHIFT;
                long pageLa = at & ~PAGE_OFFSET_MASK;
                long gpa = X86Arch.canonical(pageLa) ? walker.probe(pageLa) : -1;
                pageHpa = gpa < 0 ? -1 : gpaToHpa(gpa, PAGE_SIZE);
            }
            if (pageHpa < 0) {
                return k;
            }
            peeked |= (long) memory.read8(pageHpa + (at & PAGE_OFFSET_MASK)) << (8 * k);
        }
        return Math.min(n, 8);
    }

    /** The bytes of the last {@link #peekBytes}, first byte lowest. */
    public long peekedBytes() {
        return peeked;
    }

    // ---- self-modifying code ------------------------------------------------------------------

    /** Drops the decoded code of host physical page {@code paPage}, for every CPU. */
    public void invalidateCodePage(long paPage) {
        if (code.invalidate(paPage) && s.codePaPage == paPage) {
            s.codeVPage = -1;
        }
    }

    /** Counters for reports: data TLB misses, code TLB misses, page walks, flushes. */
    public long dataMisses() {
        return dataMisses;
    }

    public long codeMisses() {
        return codeMisses;
    }

    public long flushes() {
        return flushes;
    }
}
