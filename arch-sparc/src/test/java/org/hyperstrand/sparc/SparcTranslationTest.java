package org.hyperstrand.sparc;

import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.sparc.jit.TranslationConfig;
import org.hyperstrand.sparc.trap.TrapType;
import org.junit.jupiter.api.Test;

/**
 * Translated blocks against the interpreter: each program runs on two CPUs, one with the
 * translation tier off and one translating every block start on its first entry, and after
 * every run the two must agree on everything (registers of all windows, PC, NPC, CCR, Y, the
 * retired count, the trap stack, the last PCs, the data area).
 */
class SparcTranslationTest {

    /** The same program on an interpreting CPU and a translating one. */
    private static final class Twin {
        final SparcRig interpreted = new SparcRig();
        final SparcRig translated = new SparcRig();

        Twin() {
            interpreted.core.setTranslation(TranslationConfig.OFF);
            translated.core.setTranslation(TranslationConfig.eager());
        }

        Twin program(int... words) {
            interpreted.program(words);
            translated.program(words);
            return this;
        }

        Twin handler(int tt, int... words) {
            interpreted.handler(tt, false, words);
            translated.handler(tt, false, words);
            interpreted.tba(SparcRig.TBA_BASE);
            translated.tba(SparcRig.TBA_BASE);
            return this;
        }

        Twin write64(long ra, long v) {
            interpreted.write64(ra, v);
            translated.write64(ra, v);
            return this;
        }

        int run(long budget) {
            int a = interpreted.run(budget);
            int b = translated.run(budget);
            assertEquals(a, b, "exit");
            assertSameState();
            return a;
        }

        Twin runToStop() {
            interpreted.runToStop();
            translated.runToStop();
            assertSameState();
            assertEquals(0, translated.core.translation().failures(), "translator errors");
            assertTrue(translated.core.translation().translated() + translated.core.translation().reused() > 0,
                    "no block was translated");
            return this;
        }

        void assertSameState() {
            SparcRig a = interpreted;
            SparcRig b = translated;
            assertEquals(a.core.report(), b.core.report());
            assertEquals(a.s.retired, b.s.retired, "retired");
            assertEquals(a.s.ccr, b.s.ccr, "ccr");
            assertEquals(a.s.y, b.s.y, "y");
            for (int w = 0; w < 8; w++) {
                for (int reg = 0; reg < 16; reg++) {
                    assertEquals(a.s.windowRegister(w, reg), b.s.windowRegister(w, reg), "window " + w + " reg " + reg);
                }
            }
            for (long ra = SparcRig.DATA; ra < SparcRig.DATA + 0x400; ra += 8) {
                assertEquals(a.read64(ra), b.read64(ra), "memory at 0x" + Long.toHexString(ra));
            }
        }

        long reg(int r) {
            return translated.reg(r);
        }
    }

    /** Sets a register to a 32-bit constant (two instructions). */
    private static int[] set32(int rd, int value) {
        return new int[] {sethi(rd, value >>> 10), ori(rd, rd, value & 0x3ff)};
    }

    @Test
    void loopsWithDelaySlotsRetireWhatTheInterpreterRetires() {
        Twin t = new Twin().program(SparcRig.code(
                movi(G1, 0), movi(G2, 100), movi(G3, 0),
                add(G3, G1, G3),        // loop:
                addi(G1, G1, 1),
                cmp(G1, G2),
                bne(-3),
                addi(G4, G4, 2),        // delay slot: every pass
                SparcRig.STOP));
        t.runToStop();
        assertEquals(4950, t.reg(G3));
        assertEquals(200, t.reg(G4));
    }

    @Test
    void annulledSlotsRunOnlyWhenTheBranchIsTaken() {
        Twin t = new Twin().program(SparcRig.code(
                movi(G1, 0), movi(G2, 50),
                addi(G1, G1, 1),        // loop:
                cmp(G1, G2),
                bicc(NE, true, -2),
                addi(G5, G5, 1),        // annulled slot: taken passes only
                bicc(N, true, 2),       // bn,a: never taken, slot skipped
                addi(G6, G6, 1),
                baa(2),                 // ba,a: slot skipped
                addi(G7, G7, 1),
                bpr(RZ, true, false, G0, 2),  // brz,a %g0: taken, slot runs
                addi(O0, O0, 1),
                bpcc(E, true, true, false, 2),  // be,a %xcc after cmp 50,50: taken
                addi(O1, O1, 1),
                SparcRig.STOP));
        t.runToStop();
        assertEquals(49, t.reg(G5));
        assertEquals(0, t.reg(G6));
        assertEquals(0, t.reg(G7));
        assertEquals(1, t.reg(O0));
        assertEquals(1, t.reg(O1));
    }

    /**
     * Every branch condition, on icc and xcc, after SUBcc, ADDcc, ANDcc, ORcc and XORcc of
     * boundary operands, as a branch and as MOVcc, plus ADDC's carry; the outcome of each
     * folds into a signature per operand pair in memory.
     */
    @Test
    void everyConditionAfterEveryKindOfFlagSetterAgrees() {
        long[][] pairs = {
            {0, 0}, {1, 2}, {2, 1}, {-1, 1}, {0x7fff_ffffL, -1}, {0x8000_0000L, 1}, {Long.MIN_VALUE, 1},
            {Long.MAX_VALUE, -1}, {0xffff_ffffL, 0xffff_ffffL}, {5, -5}, {-3, -3}, {0x1_0000_0000L, 1},
            {0x8000_0000L, 0x8000_0000L}, {-1, -1},
        };
        int[] setters = {ADDCC, SUBCC, 0x11 /* ANDCC */, 0x12 /* ORCC */, 0x13 /* XORCC */, 0x18 /* ADDCcc */};
        List<Integer> body = new ArrayList<>();
        body.add(ldx(G1, G6, 0));       // loop: one operand pair per pass
        body.add(ldx(G2, G6, 8));
        body.add(movi(G4, 0));
        for (int setter : setters) {
            for (int cond = 0; cond < 16; cond++) {
                for (int xcc = 0; xcc < 2; xcc++) {
                    body.add(arith(setter, G3, G1, G2));
                    body.add(bpcc(cond, false, xcc == 1, cond % 3 == 0, 3));
                    body.add(arithi(0x09, G4, G4, 31));     // slot: mulx %g4, 31, %g4
                    body.add(addi(G4, G4, 1));              // only when not taken
                    body.add(movcci(cond, xcc == 1, G5, 1 + cond));
                    body.add(add(G4, G5, G4));
                }
            }
            body.add(arith(setter, G3, G1, G2));
            body.add(arith(0x08, O0, G0, G0));              // addc %g0, %g0, %o0: the carry
            body.add(add(G4, O0, G4));
        }
        body.add(stx(G4, G6, 16));
        body.add(addi(G6, G6, 24));
        body.add(subcci(G7, G7, 1));
        int back = -body.size();
        body.add(bne(back));
        body.add(nop());
        body.add(SparcRig.STOP);
        int[] setup = SparcRig.code(set32(G6, (int) SparcRig.DATA), movi(G7, pairs.length));
        int[] words = new int[setup.length + body.size()];
        System.arraycopy(setup, 0, words, 0, setup.length);
        for (int i = 0; i < body.size(); i++) {
            words[setup.length + i] = body.get(i);
        }
        Twin t = new Twin();
        for (int k = 0; k < pairs.length; k++) {
            t.write64(SparcRig.DATA + 24L * k, pairs[k][0]);
            t.write64(SparcRig.DATA + 24L * k + 8, pairs[k][1]);
        }
        t.program(words);
        t.interpreted.core.run(2_000_000);
        t.translated.core.run(2_000_000);
        t.assertSameState();
        assertEquals(0, t.translated.core.translation().failures());
    }

    @Test
    void budgetsEndBlocksAtTheSameInstruction() {
        Twin t = new Twin().program(SparcRig.code(
                movi(G1, 0), movi(G2, 300), movi(G3, 0),
                add(G3, G1, G3),
                addi(G1, G1, 1),
                cmp(G1, G2),
                bne(-3),
                addi(G4, G4, 2),
                SparcRig.STOP));
        for (int i = 0; i < 400; i++) {
            t.run(1 + i % 7);
        }
        t.run(10_000);
        assertEquals(44850, t.reg(G3));
    }

    @Test
    void aMisalignedLoadInsideAHotBlockTrapsWithTheInterpretersState() {
        // the 40th step is 4, so the next ldx is misaligned; the handler stops the program
        Twin t = new Twin().handler(TrapType.MEM_ADDRESS_NOT_ALIGNED, SparcRig.STOP);
        for (int k = 0; k < 64; k++) {
            t.write64(SparcRig.DATA + 8L * k, k == 40 ? 4 : 8);
        }
        t.program(SparcRig.code(
                set32(G1, (int) SparcRig.DATA),
                ldx(G3, G1, 0),          // loop:
                add(G2, G3, G2),
                ba(-2),
                add(G1, G3, G1),         // slot
                SparcRig.STOP));
        t.run(100_000);
        assertEquals(TrapType.MEM_ADDRESS_NOT_ALIGNED, t.translated.s.tt[1]);
    }

    @Test
    void aTrapInADelaySlotSavesTheBranchTargetAsTnpc() {
        Twin t = new Twin().handler(TrapType.MEM_ADDRESS_NOT_ALIGNED, SparcRig.STOP);
        for (int k = 0; k < 64; k++) {
            t.write64(SparcRig.DATA + 8L * k, k == 30 ? 4 : 8);
        }
        t.program(SparcRig.code(
                set32(G1, (int) SparcRig.DATA),
                movi(G3, 8),
                add(G1, G3, G1),         // loop:
                cmp(G3, G0),
                bne(-2),
                ldx(G3, G1, 0),          // slot: traps once %g1 is misaligned
                SparcRig.STOP));
        t.run(100_000);
        assertEquals(TrapType.MEM_ADDRESS_NOT_ALIGNED, t.translated.s.tt[1]);
        assertEquals(SparcRig.CODE + 12, t.translated.s.tnpc[1]);
    }

    @Test
    void aZeroDivisorInsideABlockTraps() {
        Twin t = new Twin().handler(TrapType.DIVISION_BY_ZERO, SparcRig.STOP).program(SparcRig.code(
                movi(G2, 60), movi(G1, 1000),
                arith(0x0d, G3, G1, G2),  // loop: udivx
                add(G4, G3, G4),
                ba(-2),
                subi(G2, G2, 1),
                SparcRig.STOP));
        t.run(100_000);
        assertEquals(TrapType.DIVISION_BY_ZERO, t.translated.s.tt[1]);
    }

    @Test
    void storesThatRewriteALoopBodyAreSeenOnItsNextPass() {
        int patched = addi(G3, G3, 2);
        Twin t = new Twin().program(SparcRig.code(
                set32(G1, (int) SparcRig.CODE + 4 * 6),   // the address of the add below
                set32(G2, patched),
                movi(G4, 2),
                movi(G5, 100),           // outer:
                addi(G3, G3, 1),         // inner: (rewritten after the first pass)
                subcci(G5, G5, 1),
                bne(-2),
                nop(),
                stw(G2, G1, 0),
                subcci(G4, G4, 1),
                bne(-7),
                nop(),
                SparcRig.STOP));
        t.runToStop();
        assertEquals(300, t.reg(G3));
    }

    @Test
    void aBlockThatRewritesItsOwnNextInstructionSeesTheNewOne() {
        int patched = addi(G3, G3, 5);
        Twin t = new Twin().program(SparcRig.code(
                set32(G1, (int) SparcRig.CODE + 4 * 6),
                set32(G2, patched),
                movi(G5, 80),
                stw(G2, G1, 0),          // loop:
                addi(G3, G3, 1),         // rewritten by the store just before it, in the first pass
                subcci(G5, G5, 1),
                bne(-3),
                nop(),
                SparcRig.STOP));
        t.runToStop();
        assertEquals(400, t.reg(G3));
    }

    @Test
    void callsAndJumpsLinkAndReturn() {
        Twin t = new Twin().program(SparcRig.code(
                movi(G5, 40),
                call(6),                 // loop: call f
                addi(G2, G2, 1),         // slot
                subcci(G5, G5, 1),
                bne(-3),
                nop(),
                SparcRig.STOP,
                addi(G3, G3, 3),         // f:
                retl(),
                add(G4, O7, G0)));       // slot
        t.runToStop();
        assertEquals(40, t.reg(G2));
        assertEquals(120, t.reg(G3));
    }

    @Test
    void theSameCodeOnAnotherCpuReusesTheClassesAlreadyDefined() {
        int[] program = SparcRig.code(
                movi(G1, 0), movi(G2, 77), movi(G3, 0),
                xor(G3, G1, G3),
                addi(G1, G1, 3),
                cmp(G1, G2),
                bicc(L, false, -3),
                sllxi(G4, G1, 2),
                SparcRig.STOP);
        SparcRig first = new SparcRig();
        first.core.setTranslation(TranslationConfig.eager());
        first.program(program).runToStop();
        SparcRig second = new SparcRig();
        second.core.setTranslation(TranslationConfig.eager());
        second.program(program).runToStop();
        assertTrue(first.core.translation().translated() + first.core.translation().reused() > 0);
        assertEquals(0, second.core.translation().translated(), "the second CPU defined new classes");
        assertTrue(second.core.translation().reused() > 0);
        assertEquals(first.core.report(), second.core.report());
    }
}
