package org.hyperstrand.sparc;

import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.sparc.trap.TrapType;
import org.junit.jupiter.api.Test;

/** Register windows: SAVE/RESTORE, spill, fill and clean_window traps, FLUSHW, window control. */
class SparcWindowTest {

    private static final int BIAS = SparcRig.BIAS;

    private static SparcRig rig(int... program) {
        SparcRig rig = new SparcRig().program(program);
        rig.tba(SparcRig.TBA_BASE);
        return rig;
    }

    @Test
    void saveAndRestoreShiftTheWindow() {
        SparcRig rig = rig(movi(O0, 7), movi(L0, 1), save(SP, SP, -192), addi(I0, I0, 1), movi(L0, 2), movi(O0, 40),
                restore(O1, I0, 0), SparcRig.STOP);
        rig.s.r[SP] = 0x8_0000;
        rig.runToStop();
        assertEquals(8, rig.reg(O0), "the callee's %i0 is the caller's %o0");
        assertEquals(8, rig.reg(O1), "restore computes in the callee window and writes the caller's");
        assertEquals(1, rig.reg(L0), "locals are per window");
        assertEquals(0, rig.s.cwp());
        assertEquals(6, rig.s.cansave);
        assertEquals(0, rig.s.canrestore);
        assertEquals(0x8_0000, rig.reg(SP));
    }

    @Test
    void seventhSaveSpillsWithTheNormalTrapFromWstate() {
        SparcRig rig = rig(save(SP, SP, -192), save(SP, SP, -192), save(SP, SP, -192), save(SP, SP, -192),
                save(SP, SP, -192), save(SP, SP, -192), save(SP, SP, -192), SparcRig.STOP);
        rig.s.wstate = 3;  // normal = 3
        long handler = rig.handler(TrapType.SPILL_0_NORMAL + 4 * 3, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(0x8c, rig.s.tt[1]);
        assertEquals(SparcRig.CODE + 24, rig.s.tpc[1], "TPC is the seventh save");
        assertEquals(6, rig.s.tstate[1] & 0x1f, "TSTATE.CWP is the window of the save");
        assertEquals((6 + 0 + 2) % 8, rig.s.cwp(), "the handler runs in the window to spill: CWP + CANSAVE + 2");
        assertEquals(0, rig.s.cansave);
        assertEquals(6, rig.s.canrestore);
    }

    @Test
    void otherwinSelectsTheOtherSpillAndFillTraps() {
        SparcRig rig = rig(save(SP, SP, -192), SparcRig.STOP);
        rig.s.wstate = (2 << 3) | 5;
        rig.s.cansave = 0;
        rig.s.otherwin = 6;
        long handler = rig.handler(TrapType.SPILL_0_OTHER + 4 * 2, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(0xa8, rig.s.tt[1]);

        rig = rig(restore(), SparcRig.STOP);
        rig.s.wstate = (2 << 3) | 5;
        rig.s.otherwin = 1;
        rig.s.cansave = 5;
        handler = rig.handler(TrapType.FILL_0_OTHER + 4 * 2, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(0xe8, rig.s.tt[1]);
        assertEquals(7, rig.s.cwp(), "fill handlers run in CWP - 1");

        rig = rig(restore(), SparcRig.STOP);
        rig.s.wstate = 5;
        handler = rig.handler(TrapType.FILL_0_NORMAL + 4 * 5, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(0xd4, rig.s.tt[1]);
    }

    @Test
    void cleanWindowTrapWhenNoCleanWindowIsLeft() {
        SparcRig rig = rig(wrpr(CLEANWIN, G0, 0), save(SP, SP, -192), SparcRig.STOP);
        long handler = rig.handler(TrapType.CLEAN_WINDOW, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(TrapType.CLEAN_WINDOW, rig.s.tt[1]);
        assertEquals(1, rig.s.cwp(), "clean_window runs in CWP + 1");
        assertEquals(6, rig.s.cansave, "nothing changed yet");
    }

    @Test
    void deepRecursionSpillsAndFillsThroughTheGuestHandlers() {
        // main: %sp = stack; o0 = 50; call sum; nop; stop
        // sum(n): n == 0 ? 0 : n + sum(n - 1), one register window per call
        int[] main = SparcRig.code(setx(SP, G1, SparcRig.STACK_TOP - BIAS - 192), movi(O0, 50), call(3), nop(),
                SparcRig.STOP);
        int[] sum = {
            save(SP, SP, -192),
            bpr(RZ, false, false, I0, 7),
            nop(),
            call(0),          // patched below to call sum itself
            subi(O0, I0, 1),
            add(I0, O0, I0),
            ret(),
            restore(),
            ret(),
            restore(),
        };
        sum[3] = call(-3);
        SparcRig rig = rig(SparcRig.code(main, sum));
        rig.handler(TrapType.SPILL_0_NORMAL, false, SparcRig.spillHandler());
        rig.handler(TrapType.FILL_0_NORMAL, false, SparcRig.fillHandler());
        rig.runToStop();
        assertEquals(50 * 51 / 2, rig.reg(O0), rig.core.report());
        assertEquals(51 - 6, rig.s.globalRegister(1, 5), "spills");
        assertEquals(51 - 6, rig.s.globalRegister(1, 6), "fills");
        assertEquals(0, rig.s.tl);
        assertEquals(0, rig.s.gl());
        assertEquals(6, rig.s.cansave);
        assertEquals(0, rig.s.canrestore);
        assertEquals(0, rig.s.cwp());
    }

    @Test
    void flushwSpillsEveryValidWindow() {
        SparcRig rig = rig(SparcRig.code(setx(SP, G1, SparcRig.STACK_TOP - BIAS - 192), save(SP, SP, -192),
                save(SP, SP, -192), save(SP, SP, -192), flushw(), SparcRig.STOP));
        rig.handler(TrapType.SPILL_0_NORMAL, false, SparcRig.spillHandler());
        rig.runToStop();
        assertEquals(3, rig.s.globalRegister(1, 5));
        assertEquals(6, rig.s.cansave);
        assertEquals(0, rig.s.canrestore);
        assertEquals(3, rig.s.cwp());
    }

    @Test
    void windowControlInstructions() {
        SparcRig rig = rig(wrpr(CANSAVE, G0, 2), wrpr(CANRESTORE, G0, 3), wrpr(OTHERWIN, G0, 1), saved(),
                SparcRig.STOP);
        rig.runToStop();
        assertEquals(3, rig.s.cansave);
        assertEquals(3, rig.s.canrestore);
        assertEquals(0, rig.s.otherwin, "saved takes from OTHERWIN first");

        rig = rig(wrpr(CANSAVE, G0, 2), wrpr(CANRESTORE, G0, 3), wrpr(CLEANWIN, G0, 4), restored(), SparcRig.STOP);
        rig.runToStop();
        assertEquals(1, rig.s.cansave);
        assertEquals(4, rig.s.canrestore);
        assertEquals(5, rig.s.cleanwin);

        rig = rig(wrpr(CANRESTORE, G0, 3), otherw(), SparcRig.STOP);
        rig.runToStop();
        assertEquals(0, rig.s.canrestore);
        assertEquals(3, rig.s.otherwin);

        rig = rig(wrpr(OTHERWIN, G0, 2), normalw(), allclean(), SparcRig.STOP);
        rig.runToStop();
        assertEquals(2, rig.s.canrestore);
        assertEquals(0, rig.s.otherwin);
        assertEquals(7, rig.s.cleanwin);

        rig = rig(wrpr(CANSAVE, G0, 1), wrpr(CANRESTORE, G0, 3), invalw(), SparcRig.STOP);
        rig.runToStop();
        assertEquals(6, rig.s.cansave);
        assertEquals(0, rig.s.canrestore);
    }

    @Test
    void returnRestoresTheWindowAndJumps() {
        // main: call f; mov 4, o0; stop.  f: save; add i0, 1, i0... return %i7 + 8; add o0, 10, o0 (delay runs in caller window)
        SparcRig rig = rig(call(3), movi(O0, 4), SparcRig.STOP, save(SP, SP, -192), addi(I0, I0, 1), returni(I7, 8),
                addi(O0, O0, 10));
        rig.s.r[SP] = 0x8_0000;
        rig.runToStop();
        assertEquals(15, rig.reg(O0));
        assertEquals(0, rig.s.cwp());
        assertEquals(SparcRig.CODE + 8, rig.s.pc);
    }

    @Test
    void windowRegistersSurviveAFullRotation() {
        // write a distinct value to %l0 in each of six nested windows, then read them back while restoring
        int[] prog = new int[6 * 2 + 6 * 2 + 1];
        int k = 0;
        for (int i = 0; i < 6; i++) {
            prog[k++] = save(SP, SP, -192);
            prog[k++] = movi(L0, 100 + i);
        }
        for (int i = 0; i < 6; i++) {
            prog[k++] = add(G2, G2, L0);
            prog[k++] = restore();
        }
        prog[k] = SparcRig.STOP;
        SparcRig rig = rig(prog);
        rig.runToStop();
        assertEquals(100 + 101 + 102 + 103 + 104 + 105, rig.reg(G2));
    }

    @Test
    void windowControlIsPrivileged() {
        SparcRig rig = rig(wrpr(PSTATE, G0, 0), saved(), SparcRig.STOP);
        long handler = rig.handler(TrapType.PRIVILEGED_OPCODE, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
    }
}
