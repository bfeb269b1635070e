package org.hyperstrand.sparc.mmu;

import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.spi.GuestContext;

/**
 * The hypervisor's search for a translation after a TLB miss, over the TSBs one CPU registered
 * (mmu_tsb_ctx0 for context 0, mmu_tsb_ctxnon0 for the others) and, in context 0, the
 * domain's permanent mappings, in that order (sun4v API reference, section 4.4):
 *
 * <ul>
 *   <li>a TSB of N entries indexed with page-size code P holds the entry for {@code va} at
 *       {@code base + 16 * ((va >> (13 + 3P)) & (N - 1))}: an 8-byte tag, then the TTE;</li>
 *   <li>the tag is {@code ctx << 48 | va >>> 22}; a TSB that is not shared must hold tags with
 *       a zero context field (the context is implied), a shared TSB is compared in full;</li>
 *   <li>a hit needs TTE.V, and for an instruction fetch TTE.X as well (else the search goes
 *       on as if the entry did not match).</li>
 * </ul>
 *
 * The TSBs stay in guest memory and are read on every search; the descriptors were copied
 * when they were registered. The walk has no side effects: what to do with the TTE (check it,
 * load the TLB, count, or fault) is the caller's business.
 */
public final class TsbWalker {

    /** Where the last successful {@link #search} found its TTE. */
    public enum Source { TSB, PERMANENT }

    private static final TsbDescriptor[] NONE = new TsbDescriptor[0];

    private final GuestContext guest;
    private final PermanentMappings permanent;
    private final int cpu;
    private TsbDescriptor[] ctx0 = NONE;
    private TsbDescriptor[] ctxNon0 = NONE;
    private Source lastSource;
    private int lastShift;

    public TsbWalker(GuestContext guest, PermanentMappings permanent, int cpu) {
        this.guest = guest;
        this.permanent = permanent;
        this.cpu = cpu;
    }

    // ---- the index and tag rules --------------------------------------------------------

    /** The entry index of {@code va} in a TSB of {@code numTtes} entries indexed with size code {@code pgszIdx}. */
    public static long index(long va, int pgszIdx, long numTtes) {
        return (va >>> Tte.shift(pgszIdx)) & (numTtes - 1);
    }

    /** The real address of the entry for {@code va} in TSB {@code d}. */
    public static long entryAddress(TsbDescriptor d, long va) {
        return d.base() + TsbDescriptor.ENTRY_BYTES * index(va, d.pgszIdx(), d.numTtes());
    }

    /** The tag a TSB entry for {@code va} in context {@code ctx} carries: ctx in bits 60:48, VA[63:22] below. */
    public static long tag(long va, int ctx) {
        return ((long) (ctx & 0x1fff) << 48) | (va >>> 22);
    }

    // ---- configuration --------------------------------------------------------------------

    /** The TSBs of context 0 (true) or of the nonzero contexts (false); never null. */
    public TsbDescriptor[] tsbs(boolean context0) {
        return (context0 ? ctx0 : ctxNon0).clone();
    }

    /** Replaces a class's TSB list with {@code tsbs} (already validated); empty unconfigures it. */
    public void configure(boolean context0, TsbDescriptor[] tsbs) {
        TsbDescriptor[] copy = tsbs.length == 0 ? NONE : tsbs.clone();
        if (context0) {
            ctx0 = copy;
        } else {
            ctxNon0 = copy;
        }
    }

    /** True if at least one TSB serves the class of context {@code ctx}: misses there are slow misses. */
    public boolean configuredFor(int ctx) {
        return (ctx == 0 ? ctx0 : ctxNon0).length > 0;
    }

    /** Forgets every TSB (the CPU is being restarted). */
    public void reset() {
        ctx0 = NONE;
        ctxNon0 = NONE;
    }

    // ---- the search -----------------------------------------------------------------------

    /**
     * The TTE translating {@code va} in context {@code ctx} for a data access or an instruction
     * fetch, or 0 if none: the class's TSBs in order, then (context 0) this CPU's permanent
     * mappings. After a hit, {@link #lastSource} says where it came from and {@link #lastShift}
     * the page size of a permanent mapping.
     */
    public long search(long va, int ctx, boolean fetch) {
        TsbDescriptor[] tsbs = ctx == 0 ? ctx0 : ctxNon0;
        PhysicalMemory memory = guest.memory();
        for (TsbDescriptor d : tsbs) {
            long pa = guest.realMemory().toPhysical(entryAddress(d, va), TsbDescriptor.ENTRY_BYTES);
            if (pa < 0) {
                continue;  // the memory map changed under the TSB
            }
            long data = memory.read64BE(pa + 8);
            if (data >= 0) {
                continue;  // TTE.V (bit 63) clear
            }
            long target = d.shared() ? tag(va, ctx) : va >>> 22;
            if (memory.read64BE(pa) != target || (fetch && (data & Tte.X) == 0)) {
                continue;
            }
            lastSource = Source.TSB;
            return data;
        }
        if (ctx == 0) {
            PermanentMappings.Mapping m = permanent.lookup(cpu, va, fetch);
            if (m != null) {
                lastSource = Source.PERMANENT;
                lastShift = m.shift();
                return m.tte();
            }
        }
        return 0;
    }

    public Source lastSource() {
        return lastSource;
    }

    /** Page shift of the permanent mapping the last search found. */
    public int lastShift() {
        return lastShift;
    }
}
