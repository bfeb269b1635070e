package org.hyperstrand.sparc;

import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.sparc.trap.TrapType;
import org.junit.jupiter.api.Test;

/** Integer arithmetic, logic, shifts, multiply/divide and condition codes. */
class SparcIntegerTest {

    /** Runs {@code insns} then stop, with %g1 = a and %g2 = b. */
    private static SparcRig run(long a, long b, int... insns) {
        SparcRig rig = new SparcRig().program(SparcRig.code(insns, SparcRig.STOP));
        rig.s.r[G1] = a;
        rig.s.r[G2] = b;
        rig.tba(SparcRig.TBA_BASE);
        return rig.runToStop();
    }

    private static void assertCcr(int expected, SparcRig rig, String what) {
        assertEquals(Integer.toHexString(expected), Integer.toHexString(rig.s.ccr), what);
    }

    @Test
    void addccSetsIccAndXccIndependently() {
        long[][] cases = {
            // a, b, result, ccr (xcc NZVC << 4 | icc NZVC)
            {0x7fff_ffffL, 1, 0x8000_0000L, 0x0a},
            {0xffff_ffffL, 1, 0x1_0000_0000L, 0x05},
            {Long.MAX_VALUE, 1, Long.MIN_VALUE, 0xa5},
            {-1, 1, 0, 0x55},
            {Long.MIN_VALUE, Long.MIN_VALUE, 0, 0x74},
            {2, 3, 5, 0x00},
        };
        for (long[] c : cases) {
            SparcRig rig = run(c[0], c[1], addcc(G3, G1, G2));
            String what = Long.toHexString(c[0]) + " + " + Long.toHexString(c[1]);
            assertEquals(c[2], rig.reg(G3), what);
            assertCcr((int) c[3], rig, what);
        }
    }

    @Test
    void subccSetsBorrowAndOverflow() {
        long[][] cases = {
            {0, 1, -1, 0x99},
            {0x8000_0000L, 1, 0x7fff_ffffL, 0x02},
            {Long.MIN_VALUE, 1, Long.MAX_VALUE, 0x29},
            {5, 5, 0, 0x44},
            {1, -1, 2, 0x11},
        };
        for (long[] c : cases) {
            SparcRig rig = run(c[0], c[1], subcc(G3, G1, G2));
            String what = Long.toHexString(c[0]) + " - " + Long.toHexString(c[1]);
            assertEquals(c[2], rig.reg(G3), what);
            assertCcr((int) c[3], rig, what);
        }
    }

    @Test
    void addcAndSubcUseTheIccCarry() {
        // 64-bit add done as two 32-bit halves: low halves carry into addc.
        SparcRig rig = run(0xffff_ffffL, 1, addcc(G3, G1, G2), movi(G4, 2), arith(ADDC, G5, G4, G0));
        assertEquals(3, rig.reg(G5));
        rig = run(0, 1, subcc(G3, G1, G2), movi(G4, 10), arithi(SUBCCC, G5, G4, 2));
        assertEquals(7, rig.reg(G5));
        assertCcr(0x00, rig, "10 - 2 - borrow");
        // a plain add does not touch the condition codes
        rig = run(-1, 1, subcc(G0, G0, G0), add(G3, G1, G2));
        assertCcr(0x44, rig, "add keeps ccr");
    }

    @Test
    void logicOperationsAndTheirConditionCodes() {
        long a = 0xf0f0_0000_ff00_ff00L;
        long b = 0x0ff0_ffff_0f0f_00ffL;
        SparcRig rig = run(a, b, and(G3, G1, G2), arith(ANDN, G4, G1, G2), arith(ORN, G5, G1, G2),
                arith(XNOR, G6, G1, G2), xor(G7, G1, G2), or(O0, G1, G2));
        assertEquals(a & b, rig.reg(G3));
        assertEquals(a & ~b, rig.reg(G4));
        assertEquals(a | ~b, rig.reg(G5));
        assertEquals(~(a ^ b), rig.reg(G6));
        assertEquals(a ^ b, rig.reg(G7));
        assertEquals(a | b, rig.reg(O0));

        rig = run(0xff00, 0x00ff, arith(ANDCC, G3, G1, G2));
        assertCcr(0x44, rig, "andcc zero");
        rig = run(0x8000_0000L, 0, arith(ORCC, G3, G1, G2));
        assertCcr(0x08, rig, "orcc 32-bit negative");
        rig = run(-1, 0, arith(XORCC, G3, G1, G2));
        assertCcr(0x88, rig, "xorcc negative");
        // logic ops clear V and C
        rig = run(-1, 1, addcc(G0, G1, G2), arith(ANDNCC, G3, G1, G2));
        assertCcr(0x88, rig, "andncc clears carry");
    }

    @Test
    void shiftsMaskTheirCountsAndExtendCorrectly() {
        long a = 0xdead_beef_8000_0001L;
        SparcRig rig = run(a, 33, sll(G3, G1, G2), srl(G4, G1, G2), sra(G5, G1, G2), sllx(G6, G1, G2),
                srlx(G7, G1, G2), srax(O0, G1, G2));
        assertEquals(a << 1, rig.reg(G3), "sll uses count mod 32 and keeps 64 bits");
        assertEquals(0x4000_0000L, rig.reg(G4), "srl shifts the zero-extended low word");
        assertEquals(0xffff_ffff_c000_0000L, rig.reg(G5), "sra shifts the sign-extended low word");
        assertEquals(a << 33, rig.reg(G6));
        assertEquals(a >>> 33, rig.reg(G7));
        assertEquals(a >> 33, rig.reg(O0));

        rig = run(a, 64, sllx(G3, G1, G2), srax(G4, G1, G2), sraxi(G5, G1, 63), sllxi(G6, G1, 63),
                srli(G7, G1, 0), srai(O0, G1, 31));
        assertEquals(a, rig.reg(G3), "count 64 is count 0");
        assertEquals(a, rig.reg(G4));
        assertEquals(-1, rig.reg(G5));
        assertEquals(Long.MIN_VALUE, rig.reg(G6));
        assertEquals(0x8000_0001L, rig.reg(G7), "srl by 0 still clears the upper word");
        assertEquals(-1, rig.reg(O0));
    }

    @Test
    void sethiZeroExtends() {
        SparcRig rig = run(0, 0, sethi(G3, 0x3f_ffff), sethi(G4, 1), sethi(G0, 5));
        assertEquals(0xffff_fc00L, rig.reg(G3));
        assertEquals(0x400, rig.reg(G4));
        assertEquals(0, rig.reg(G0));
    }

    @Test
    void multiplyWritesYWithTheUpperWord() {
        SparcRig rig = run(0xffff_ffffL, 0xffff_ffffL, arith(UMUL, G3, G1, G2), rd(G4, Y));
        assertEquals(0xffff_fffe_0000_0001L, rig.reg(G3));
        assertEquals(0xffff_fffeL, rig.reg(G4));

        rig = run(-1, 1, arith(SMUL, G3, G1, G2), rd(G4, Y));
        assertEquals(-1, rig.reg(G3));
        assertEquals(0xffff_ffffL, rig.reg(G4));

        rig = run(0x1_0000_0003L, -2, arith(SMULCC, G3, G1, G2));
        assertEquals(-6, rig.reg(G3), "smul uses only the low words");
        assertCcr(0x88, rig, "smulcc negative");

        rig = run(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L, arith(MULX, G3, G1, G2));
        assertEquals(0x1234_5678_9abc_def0L * 0x0fed_cba9_8765_4321L, rig.reg(G3));

        rig = run(0x8000_0000L, 2, arith(UMULCC, G3, G1, G2));
        assertEquals(0x1_0000_0000L, rig.reg(G3));
        assertCcr(0x04, rig, "umulcc: icc Z from the low word, xcc from 64 bits");
    }

    @Test
    void mulsccComputesAProductInThirtyThreeSteps() {
        int[] steps = new int[33];
        for (int i = 0; i < 32; i++) {
            steps[i] = arith(MULSCC, O4, O4, G2);
        }
        steps[32] = arith(MULSCC, O4, O4, G0);
        SparcRig rig = run(1234, 5678, SparcRig.code(wrr(Y, G1, G0), andcc(O4, G0, G0), steps, rd(G3, Y)));
        assertEquals(1234 * 5678, rig.reg(G3));
        assertEquals(0, rig.reg(O4));

        rig = run(0x8000_0001L, 0x10, SparcRig.code(wrr(Y, G1, G0), andcc(O4, G0, G0), steps, rd(G3, Y)));
        assertEquals(0x10, rig.reg(G3), "low word of 0x80000001 * 0x10");
        assertEquals(8, rig.reg(O4), "high word");
    }

    private static int andcc(int rd, int rs1, int rs2) {
        return arith(ANDCC, rd, rs1, rs2);
    }

    @Test
    void thirtyTwoBitDivideUsesYAndSaturates() {
        SparcRig rig = run(0, 2, wr(Y, G0, 1), arith(UDIV, G3, G1, G2));
        assertEquals(0x8000_0000L, rig.reg(G3));

        rig = run(0, 1, wr(Y, G0, 2), arith(UDIVCC, G3, G1, G2));
        assertEquals(0xffff_ffffL, rig.reg(G3), "unsigned overflow saturates");
        assertCcr(0x0a, rig, "udivcc overflow: icc N V, xcc clear");

        rig = run(0xffff_fffeL, 2, wr(Y, G0, -1), arith(SDIV, G3, G1, G2));
        assertEquals(-1, rig.reg(G3), "-2 / 2, sign-extended");

        rig = run(0, -1, wrr(Y, G0, G0), sethi(G4, 0x80_0000 >>> 2), wrr(Y, G4, G0), arith(SDIVCC, G3, G1, G2));
        assertEquals(0x7fff_ffffL, rig.reg(G3), "INT64_MIN / -1 saturates to INT32_MAX");
        assertCcr(0x02, rig, "sdivcc overflow sets icc.V only");

        rig = run(0, 1, wr(Y, G0, -1), arith(SDIVCC, G3, G1, G2));
        assertEquals(0xffff_ffff_8000_0000L, rig.reg(G3), "-2^32 / 1 saturates to INT32_MIN");
        assertCcr(0x8a, rig, "negative saturation");

        rig = run(0x1_0000_0007L, 0x1_0000_0002L, wr(Y, G0, 0), arith(UDIV, G3, G1, G2));
        assertEquals(3, rig.reg(G3), "only the low words take part");
    }

    @Test
    void sixtyFourBitDivideCorners() {
        SparcRig rig = run(Long.MIN_VALUE, -1, arith(SDIVX, G3, G1, G2), arith(UDIVX, G4, G1, G2));
        assertEquals(Long.MIN_VALUE, rig.reg(G3), "INT64_MIN / -1 wraps without a trap");
        assertEquals(0, rig.reg(G4));
        rig = run(-7, 2, arith(SDIVX, G3, G1, G2), arith(UDIVX, G4, G1, G2), arithi(SDIVX, G5, G1, -2));
        assertEquals(-3, rig.reg(G3));
        assertEquals(Long.divideUnsigned(-7, 2), rig.reg(G4));
        assertEquals(3, rig.reg(G5));
    }

    @Test
    void divisionByZeroTrapsToTheGuest() {
        int[][] divides = {
            {arith(UDIVX, O3, G1, G2)}, {arith(SDIVX, O3, G1, G2)}, {arith(UDIV, O3, G1, G2)},
            {arith(SDIVCC, O3, G1, G2)},
        };
        for (int[] div : divides) {
            SparcRig rig = new SparcRig().program(SparcRig.code(movi(O3, 99), div, SparcRig.STOP));
            rig.tba(SparcRig.TBA_BASE);
            long handler = rig.handler(TrapType.DIVISION_BY_ZERO, false, SparcRig.STOP);
            rig.s.r[G1] = 10;
            rig.s.r[G2] = 0x1_0000_0000L;  // zero in the low word: a 32-bit divide traps, 64-bit does not
            boolean is64 = div[0] == arith(UDIVX, O3, G1, G2) || div[0] == arith(SDIVX, O3, G1, G2);
            if (is64) {
                rig.s.r[G2] = 0;
            }
            rig.runToStop();
            assertEquals(handler, rig.s.pc);
            assertEquals(1, rig.s.tl);
            assertEquals(TrapType.DIVISION_BY_ZERO, rig.s.tt[1]);
            assertEquals(SparcRig.CODE + 4, rig.s.tpc[1]);
            assertEquals(99, rig.reg(O3), "rd is not written");
            assertEquals(1, rig.core.retired(), "the trapping divide does not retire");
        }
    }

    @Test
    void popcAndConditionalMoves() {
        SparcRig rig = run(0xf0f0_0000_0000_0001L, 0, popc(G3, G1), arithi(0x2e, G4, 0, -1));
        assertEquals(9, rig.reg(G3));
        assertEquals(64, rig.reg(G4));

        rig = run(5, 5, movi(G3, 1), movi(G4, 1), cmp(G1, G2), movcci(E, false, G3, -7), movcci(NE, true, G4, 9),
                movcc(E, true, G5, G1));
        assertEquals(-7, rig.reg(G3));
        assertEquals(1, rig.reg(G4), "condition false: rd untouched");
        assertEquals(5, rig.reg(G5));

        // icc and xcc differ: 0x80000000 - 0 is negative in 32 bits only
        rig = run(0x8000_0000L, 0, subcc(G0, G1, G2), movcci(NEG, false, G3, 1), movcci(NEG, true, G4, 1));
        assertEquals(1, rig.reg(G3));
        assertEquals(0, rig.reg(G4));

        int[] conds = {RZ, RLEZ, RLZ, RNZ, RGZ, RGEZ};
        long[] values = {-5, 0, 5};
        boolean[][] expected = {
            {false, true, false}, {true, true, false}, {true, false, false},
            {true, false, true}, {false, false, true}, {false, true, true},
        };
        for (int c = 0; c < conds.length; c++) {
            for (int v = 0; v < values.length; v++) {
                rig = run(values[v], 0, movri(conds[c], G1, G3, 1), movr(conds[c], G1, G4, G1));
                assertEquals(expected[c][v] ? 1 : 0, rig.reg(G3), "movr cond " + conds[c] + " value " + values[v]);
                assertEquals(expected[c][v] ? values[v] : 0, rig.reg(G4));
            }
        }
    }

    @Test
    void taggedArithmetic() {
        SparcRig rig = run(4, 8, arith(TADDCC, G3, G1, G2));
        assertEquals(12, rig.reg(G3));
        assertCcr(0x00, rig, "clean tags");
        rig = run(5, 8, arith(TADDCC, G3, G1, G2));
        assertCcr(0x02, rig, "tag bits set icc.V");
        rig = run(0x7fff_fffcL, 4, arith(TSUBCC, G3, G1, G2));
        assertEquals(0x7fff_fff8L, rig.reg(G3));

        rig = new SparcRig().program(movi(O3, 77), arith(TSUBCCTV, O3, G1, G2), SparcRig.STOP);
        rig.tba(SparcRig.TBA_BASE);
        long handler = rig.handler(TrapType.TAG_OVERFLOW, false, SparcRig.STOP);
        rig.s.r[G1] = 6;
        rig.s.r[G2] = 4;
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(77, rig.reg(O3));
        assertEquals(0, rig.s.tstate[1] >>> 32 & 0xff, "the ccr is not updated by the trapping op");
    }

    @Test
    void writesToG0AreDiscarded() {
        SparcRig rig = run(3, 4, add(G0, G1, G2), add(G3, G0, G0), sethi(G0, 7), movi(G0, 5), add(G4, G0, G1));
        assertEquals(0, rig.reg(G0));
        assertEquals(0, rig.reg(G3));
        assertEquals(3, rig.reg(G4));
    }
}
