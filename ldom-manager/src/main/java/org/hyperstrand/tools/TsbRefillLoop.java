package org.hyperstrand.tools;

import static org.hyperstrand.tools.SparcWords.ALWAYS;
import static org.hyperstrand.tools.SparcWords.EQ;
import static org.hyperstrand.tools.SparcWords.G0;
import static org.hyperstrand.tools.SparcWords.G1;
import static org.hyperstrand.tools.SparcWords.G2;
import static org.hyperstrand.tools.SparcWords.G3;
import static org.hyperstrand.tools.SparcWords.G5;
import static org.hyperstrand.tools.SparcWords.G6;
import static org.hyperstrand.tools.SparcWords.G7;
import static org.hyperstrand.tools.SparcWords.NE;
import static org.hyperstrand.tools.SparcWords.NOP;
import static org.hyperstrand.tools.SparcWords.O0;
import static org.hyperstrand.tools.SparcWords.O1;
import static org.hyperstrand.tools.SparcWords.O5;
import static org.hyperstrand.tools.SparcWords.add;
import static org.hyperstrand.tools.SparcWords.and;
import static org.hyperstrand.tools.SparcWords.bicc;
import static org.hyperstrand.tools.SparcWords.ldx;
import static org.hyperstrand.tools.SparcWords.movi;
import static org.hyperstrand.tools.SparcWords.ori;
import static org.hyperstrand.tools.SparcWords.set;
import static org.hyperstrand.tools.SparcWords.sethi;
import static org.hyperstrand.tools.SparcWords.subcci;
import static org.hyperstrand.tools.SparcWords.subi;
import static org.hyperstrand.tools.SparcWords.ta;
import static org.hyperstrand.tools.SparcWords.words;

import org.hyperstrand.core.hcall.api.HvCalls;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.hcall.api.HvErrors;

/**
 * The guest program behind {@code hv bench}'s TSB-refill figure, assembled here. It registers
 * one context-0 TSB of 8 KiB pages with {@code mmu_tsb_ctx0}, turns translation on with
 * {@code mmu_enable}, checks that a load really goes through the TSB's mapping, then loads one
 * doubleword from each of {@code pages} data pages in turn, {@code accesses} times, and exits.
 *
 * <p>With {@link #MISS_PAGES} pages, twice the 128 entries of a T2-like data TLB, every load
 * misses the TLB (round-robin or LRU replacement both evict the page before it comes round
 * again) and is refilled from the TSB by the hypervisor without the guest seeing a trap. With
 * {@link #HIT_PAGES} pages every load hits once the loop is warm. Both programs retire the same
 * instructions, so their time difference divided by the loads is the cost of one TSB-hit
 * refill.
 *
 * <p>Everything the program needs in memory (the TSB, its descriptor, the data pages) is
 * written by {@link #prepare} before the CPU starts. Virtual addresses map to different real
 * addresses for the data pages, so a hypervisor that accepted the calls without translating is
 * caught. Exit status: 0; {@link #TSB_REFUSED} or {@link #ENABLE_REFUSED} plus the call's
 * error status; {@link #NOT_TRANSLATED}.
 */
final class TsbRefillLoop {

    static final long ORIGIN = HypercallLoop.ORIGIN;
    static final int MISS_PAGES = 256;
    static final int HIT_PAGES = 32;

    static final long TSB_REFUSED = 0x100;
    static final long ENABLE_REFUSED = 0x200;
    static final long NOT_TRANSLATED = 0x300;

    private static final long PAGE = 8192;
    private static final long DESCRIPTOR = 0x18_0000;
    private static final long TSB = 0x20_0000;
    private static final int TSB_ENTRIES = 1024;
    /** Data pages: virtual addresses from here ... */
    private static final long DATA_VA = 0x40_0000;
    /** ... map to real addresses from here. */
    private static final long DATA_RA = 0x80_0000;

    private TsbRefillLoop() {
    }

    /** Writes the TSB descriptor, the TSB (the code page and {@link #MISS_PAGES} data pages) and the data. */
    static void prepare(EmbeddedRun.RealMemory m) {
        m.write16(DESCRIPTOR + HvConstants.TSB_DESCR_PGSZ_IDX_OFFSET, (int) HvConstants.PGSZ_IDX_8K);
        m.write16(DESCRIPTOR + HvConstants.TSB_DESCR_ASSOC_OFFSET, 1);
        m.write32(DESCRIPTOR + HvConstants.TSB_DESCR_NUM_TTES_OFFSET, TSB_ENTRIES);
        m.write32(DESCRIPTOR + HvConstants.TSB_DESCR_CTX_IDX_OFFSET, 0);
        m.write32(DESCRIPTOR + HvConstants.TSB_DESCR_PGSZ_MASK_OFFSET, (int) HvConstants.PGSZ_MASK_8K);
        m.write64(DESCRIPTOR + HvConstants.TSB_DESCR_TSB_BASE_OFFSET, TSB);
        m.write64(DESCRIPTOR + HvConstants.TSB_DESCR_RESV_OFFSET, 0);
        mapPage(m, ORIGIN, ORIGIN);
        for (int i = 0; i < MISS_PAGES; i++) {
            mapPage(m, DATA_VA + i * PAGE, DATA_RA + i * PAGE);
            m.write64(DATA_RA + i * PAGE, 0x5eed_0000L + i); // non-zero: the translation check reads it
        }
    }

    private static void mapPage(EmbeddedRun.RealMemory m, long va, long ra) {
        long entry = TSB + 16 * ((va >>> 13) & (TSB_ENTRIES - 1));
        long tte = HvConstants.TTE_V | (ra & HvConstants.TTE_RA) | HvConstants.TTE_CP | HvConstants.TTE_P
                | HvConstants.TTE_X | HvConstants.TTE_W | HvConstants.PGSZ_IDX_8K;
        m.write64(entry, va >>> 22); // the tag: context 0, VA[63:22]
        m.write64(entry + 8, tte);
    }

    /** The program's words; {@code pages} is a power of two up to {@link #MISS_PAGES}. */
    static int[] program(long accesses, int pages) {
        HypercallLoop.checkCount("accesses", accesses);
        if (pages < 1 || pages > MISS_PAGES || Integer.bitCount(pages) != 1) {
            throw new IllegalArgumentException("pages must be a power of two up to " + MISS_PAGES + ", not " + pages);
        }
        int[] head = words(
                HypercallLoop.negotiate(),                      //  0..9
                movi(O0, 1),                                    // 10: mmu_tsb_ctx0(1, descriptor)
                sethi(O1, (int) (DESCRIPTOR >>> 10)),
                movi(O5, (int) HvCalls.FAST_MMU_TSB_CTX0),
                ta(0x80),
                subcci(G0, O0, 0),                              // 14
                bicc(NE, 0),                                    // 15: to exit, patched below
                ori(O0, O0, (int) TSB_REFUSED),                 //     delay slot: tag the status
                movi(O0, 1),                                    // 17: mmu_enable(1, virtual start)
                set(O1, 0),                                     // 18, 19: patched below
                movi(O5, (int) HvCalls.FAST_MMU_ENABLE),
                ta(0x80),
                bicc(ALWAYS, 0),                                // 22: it returned: refused; patched
                ori(O0, O0, (int) ENABLE_REFUSED));
        int virtualStart = head.length;                         // 24: translation is on from here
        int[] body = words(
                sethi(G2, (int) (DATA_VA >>> 10)),              // %g2 = first data page (virtual)
                ldx(G5, G2, G0),
                subcci(G0, G5, 0),
                bicc(EQ, 0),                                    // read 0: not the mapped page; patched
                movi(O0, (int) NOT_TRANSLATED),                 //     delay slot
                set(G1, accesses),                              // %g1 = loads to do
                movi(G3, 0),                                    // %g3 = offset of the next page
                sethi(G6, (int) (PAGE >>> 10)),                 // %g6 = page size
                sethi(G7, (int) (pages * PAGE >>> 10)),
                subi(G7, G7, 1),                                // %g7 = offset mask
                ldx(G5, G2, G3),                                // loop:
                add(G3, G3, G6),
                and(G3, G3, G7),
                subcci(G1, G1, 1),
                bicc(NE, -4),
                NOP,
                movi(O0, (int) HvErrors.EOK));
        int exit = virtualStart + body.length;
        int[] tail = words(
                movi(O5, (int) HvCalls.FAST_MACH_EXIT),         // exit: mach_exit(%o0)
                ta(0x80));
        int[] all = words(head, body, tail);
        all[15] = bicc(NE, exit - 15);
        int[] target = set(O1, ORIGIN + 4L * virtualStart);
        all[18] = target[0];
        all[19] = target[1];
        all[22] = bicc(ALWAYS, exit - 22);
        all[virtualStart + 3] = bicc(EQ, exit - (virtualStart + 3));
        return all;
    }

    /** "n/a" reasons for the exit statuses that mean the MMU cannot be measured, else null. */
    static String notMeasurable(long status) {
        if (status == NOT_TRANSLATED) {
            return "mmu_enable succeeded but loads were not translated";
        }
        long call = status & ~0xffL;
        String error = HvErrors.name(status & 0xff);
        if (call == TSB_REFUSED || call == ENABLE_REFUSED) {
            String what = (call == TSB_REFUSED ? "mmu_tsb_ctx0" : "mmu_enable") + " answered " + error;
            long e = status & 0xff;
            return e == HvErrors.ENOTSUPPORTED || e == HvErrors.EBADTRAP ? "MMU not implemented yet (" + what + ")" : what;
        }
        return null;
    }
}
