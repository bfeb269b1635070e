package org.hyperstrand.sparc;

import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.sparc.trap.TrapType;
import org.junit.jupiter.api.Test;

/** Branches, delay slots, annulment, CALL/JMPL and exact retirement counts. */
class SparcBranchTest {

    private static SparcRig run(int... words) {
        SparcRig rig = new SparcRig().program(words);
        rig.tba(SparcRig.TBA_BASE);
        return rig.runToStop();
    }

    @Test
    void takenBranchExecutesItsDelaySlot() {
        SparcRig rig = run(movi(G1, 0), ba(3), addi(G1, G1, 1), addi(G1, G1, 10), SparcRig.STOP);
        assertEquals(1, rig.reg(G1));
        assertEquals(3, rig.core.retired());
        assertEquals(SparcRig.CODE + 16, rig.s.pc);
    }

    @Test
    void baWithAnnulSkipsItsDelaySlot() {
        SparcRig rig = run(movi(G1, 0), baa(3), addi(G1, G1, 1), addi(G1, G1, 10), SparcRig.STOP);
        assertEquals(0, rig.reg(G1));
        assertEquals(2, rig.core.retired(), "an annulled delay slot does not retire");
    }

    @Test
    void conditionalAnnulOnlyWhenNotTaken() {
        // taken, annul: the delay slot still runs
        SparcRig rig = run(movi(G1, 0), cmpi(G0, 0), bicc(E, true, 3), addi(G1, G1, 1), addi(G1, G1, 10),
                SparcRig.STOP);
        assertEquals(1, rig.reg(G1));
        assertEquals(4, rig.core.retired());
        // not taken, annul: the delay slot is skipped, execution continues after it
        rig = run(movi(G1, 0), cmpi(G0, 0), bicc(NE, true, 3), addi(G1, G1, 1), addi(G1, G1, 10), SparcRig.STOP);
        assertEquals(10, rig.reg(G1));
        assertEquals(4, rig.core.retired());
        // not taken, no annul: both run
        rig = run(movi(G1, 0), cmpi(G0, 0), bicc(NE, false, 3), addi(G1, G1, 1), addi(G1, G1, 10), SparcRig.STOP);
        assertEquals(11, rig.reg(G1));
        assertEquals(5, rig.core.retired());
    }

    @Test
    void branchNeverWithAndWithoutAnnul() {
        SparcRig rig = run(movi(G1, 0), bicc(N, true, 100), addi(G1, G1, 1), addi(G1, G1, 10), SparcRig.STOP);
        assertEquals(10, rig.reg(G1));
        rig = run(movi(G1, 0), bicc(N, false, 100), addi(G1, G1, 1), addi(G1, G1, 10), SparcRig.STOP);
        assertEquals(11, rig.reg(G1));
        rig = run(movi(G1, 0), bpcc(N, true, true, false, 100), addi(G1, G1, 1), addi(G1, G1, 10), SparcRig.STOP);
        assertEquals(10, rig.reg(G1));
    }

    @Test
    void everyIccConditionAgainstSignedAndUnsignedComparisons() {
        long[][] pairs = {{1, 2}, {2, 1}, {2, 2}, {-1, 1}, {1, -1}, {Long.MIN_VALUE, 1}};
        for (long[] p : pairs) {
            for (int cond = 0; cond < 16; cond++) {
                SparcRig rig = new SparcRig().program(movi(O0, 0), cmp(G1, G2), bpcc(cond, false, true, false, 3), nop(),
                        movi(O0, 1), SparcRig.STOP);
                rig.s.r[G1] = p[0];
                rig.s.r[G2] = p[1];
                rig.runToStop();
                boolean taken = rig.reg(O0) == 0;
                assertEquals(expect(cond, p[0], p[1]), taken, "cond " + cond + " on " + p[0] + " vs " + p[1]);
            }
        }
    }

    private static boolean expect(int cond, long a, long b) {
        switch (cond) {
            case N: return false;
            case E: return a == b;
            case LE: return a <= b;
            case L: return a < b;
            case LEU: return Long.compareUnsigned(a, b) <= 0;
            case CS: return Long.compareUnsigned(a, b) < 0;
            case NEG: return a - b < 0;
            case VS: return ((a ^ b) & (a ^ (a - b))) < 0;
            case A: return true;
            case NE: return a != b;
            case G: return a > b;
            case GE: return a >= b;
            case GU: return Long.compareUnsigned(a, b) > 0;
            case CC: return Long.compareUnsigned(a, b) >= 0;
            case POS: return a - b >= 0;
            default: return ((a ^ b) & (a ^ (a - b))) >= 0;
        }
    }

    @Test
    void iccAndXccBranchesSeeDifferentWidths() {
        // 0x80000000 is negative as 32 bits, positive as 64 bits
        SparcRig rig = run(sethi(G1, 0x8000_0000 >>> 10), movi(O0, 0), movi(O1, 0), orcc(G0, G1, G0),
                bicc(NEG, false, 3), nop(), movi(O0, 1),
                bpcc(NEG, false, true, true, 3), nop(), movi(O1, 1), SparcRig.STOP);
        assertEquals(0, rig.reg(O0), "bneg (icc) is taken and skips the move");
        assertEquals(1, rig.reg(O1), "bneg,pt %xcc is not taken and falls through to the move");
    }

    private static int orcc(int rd, int rs1, int rs2) {
        return arith(ORCC, rd, rs1, rs2);
    }

    @Test
    void registerBranches() {
        SparcRig rig = run(movi(G1, -3), movi(O0, 0), bpr(RLZ, true, true, G1, 3), movi(O0, 1), movi(O0, 2),
                bpr(RZ, true, false, G1, 2), movi(O0, 7), SparcRig.STOP);
        assertEquals(1, rig.reg(O0), "brlz,a taken runs the delay slot; brz,a not taken annuls movi 7");
    }

    @Test
    void countedLoopRetiresExactly() {
        // g1 = 100; loop: subcc g1, 1, g1; bne loop; add g2, 1, g2 (delay)
        SparcRig rig = run(movi(G1, 100), movi(G2, 0), subcci(G1, G1, 1), bne(-1), addi(G2, G2, 1), SparcRig.STOP);
        assertEquals(0, rig.reg(G1));
        assertEquals(100, rig.reg(G2));
        assertEquals(2 + 3 * 100, rig.core.retired());
    }

    @Test
    void callJmplAndReturnLinkage() {
        // main: call sub; mov 5, o0 (delay); add o0, 100, o1; stop
        // sub (at +5): retl; add o0, 1, o0
        SparcRig rig = run(call(5), movi(O0, 5), addi(O1, O0, 100), SparcRig.STOP, nop(), retl(), addi(O0, O0, 1));
        assertEquals(6, rig.reg(O0));
        assertEquals(106, rig.reg(O1));
        assertEquals(SparcRig.CODE, rig.reg(O7), "call writes its own address to %o7");

        rig = run(SparcRig.code(set32(G1, SparcRig.CODE + 20), jmpl(G2, G1, 0), movi(O0, 1), movi(O0, 2),
                movi(O1, 3), SparcRig.STOP));
        assertEquals(SparcRig.CODE + 8, rig.reg(G2));
        assertEquals(1, rig.reg(O0));
        assertEquals(3, rig.reg(O1));
    }

    @Test
    void jmplToAMisalignedTargetTraps() {
        SparcRig rig = new SparcRig().program(SparcRig.code(set32(G1, SparcRig.CODE + 2), jmpl(O7, G1, 0), nop(),
                SparcRig.STOP));
        rig.tba(SparcRig.TBA_BASE);
        long handler = rig.handler(TrapType.MEM_ADDRESS_NOT_ALIGNED, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(SparcRig.CODE + 8, rig.s.tpc[1]);
        assertEquals(0, rig.reg(O7), "rd not written");
    }

    @Test
    void executionCrossesPageBoundaries() {
        SparcRig rig = new SparcRig();
        long start = 0x1_2000 - 8;  // two instructions before an 8 KiB boundary
        // the loop body straddles the boundary; the backward branch goes into the previous page
        rig.put(start, movi(G1, 1), addi(G1, G1, 1), addi(G1, G1, 1), cmpi(G1, 200), bicc(L, true, -3), nop(),
                SparcRig.STOP);
        rig.core.start(start, 0);
        rig.runToStop();
        assertEquals(201, rig.reg(G1));
    }
}
