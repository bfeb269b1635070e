package org.hyperstrand.tools;

import static org.hyperstrand.tools.SparcWords.G1;
import static org.hyperstrand.tools.SparcWords.NE;
import static org.hyperstrand.tools.SparcWords.NOP;
import static org.hyperstrand.tools.SparcWords.O0;
import static org.hyperstrand.tools.SparcWords.O1;
import static org.hyperstrand.tools.SparcWords.O2;
import static org.hyperstrand.tools.SparcWords.O5;
import static org.hyperstrand.tools.SparcWords.bicc;
import static org.hyperstrand.tools.SparcWords.movi;
import static org.hyperstrand.tools.SparcWords.set;
import static org.hyperstrand.tools.SparcWords.subcci;
import static org.hyperstrand.tools.SparcWords.ta;
import static org.hyperstrand.tools.SparcWords.words;

import org.hyperstrand.core.hcall.api.HvApiGroups;
import org.hyperstrand.core.hcall.api.HvCalls;

/**
 * The guest program behind {@code hv bench}'s null-hypercall figure, assembled here rather than
 * built with a cross compiler: negotiate sun4v 1.0 and core 1.1, call {@code cpu_myid} with
 * {@code ta 0x80} N times in a five-instruction loop, then {@code mach_exit} with the status of
 * the last call. The control program is the same loop with a {@code nop} where the trap was, so
 * the difference of the two run times divided by N is the cost of one hypercall round trip: the
 * trap out of the CPU model, the dispatch, the result written back and the guest resumed.
 *
 * <p>The program needs no stack, no trap table and no memory beyond its own words; it runs with
 * the MMU off at {@link #ORIGIN}.
 */
final class HypercallLoop {

    /** Real address the program is loaded at, where guest images start too. */
    static final long ORIGIN = 0x10_0000;

    private HypercallLoop() {
    }

    /** Refuses a loop count {@code n} that does not fit the 32-bit counters of the bench loops. */
    static void checkCount(String what, long n) {
        if (n < 1 || n > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " must be between 1 and 2^32 - 1, not " + n);
        }
    }

    /** Words that negotiate API groups sun4v 1.0 and core 1.1 with api_set_version; 10 words. */
    static int[] negotiate() {
        return new int[] {
            movi(O0, (int) HvApiGroups.SUN4V),
            movi(O1, 1),
            movi(O2, 0),
            movi(O5, (int) HvCalls.CORE_API_SET_VERSION),
            ta(0xff),
            movi(O0, (int) HvApiGroups.CORE),
            movi(O1, 1),
            movi(O2, 1),
            movi(O5, (int) HvCalls.CORE_API_SET_VERSION),
            ta(0xff),
        };
    }

    /**
     * The program's words.
     *
     * @param calls   loop iterations, 1 to 2^32 - 1
     * @param trapped true for the measured program ({@code ta 0x80}), false for the control
     *                ({@code nop})
     */
    static int[] program(long calls, boolean trapped) {
        checkCount("calls", calls);
        return words(
                negotiate(),
                set(G1, calls),                                 // %g1 = calls
                movi(O5, (int) HvCalls.FAST_CPU_MYID),          // loop: %o0 = status, %o1 = cpu id
                trapped ? ta(0x80) : NOP,
                subcci(G1, G1, 1),
                bicc(NE, -3),                                   // back to the loop's first word
                NOP,
                movi(O5, (int) HvCalls.FAST_MACH_EXIT),         // mach_exit(%o0): 0 unless a call failed
                ta(0x80));
    }
}
