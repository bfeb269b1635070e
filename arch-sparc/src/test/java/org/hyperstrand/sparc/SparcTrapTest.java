package org.hyperstrand.sparc;

import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.sparc.cpu.SparcArch;
import org.hyperstrand.sparc.trap.TrapType;
import org.junit.jupiter.api.Test;

/** Trap entry and return, the privileged registers, the watchdog, and state-register access. */
class SparcTrapTest {

    private static SparcRig rig(int... program) {
        SparcRig rig = new SparcRig().program(program);
        rig.tba(SparcRig.TBA_BASE);
        return rig;
    }

    @Test
    void trapInstructionVectorsThroughTbaAndSavesState() {
        SparcRig rig = rig(wr(CCR, G0, 0xa5), wr(ASI, G0, 0x80), save(SP, SP, -192), save(SP, SP, -192),
                save(SP, SP, -192), ta(0x10), SparcRig.STOP);
        long handler = rig.handler(TrapType.TRAP_INSTRUCTION + 0x10, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(SparcRig.TBA_BASE + (0x110 << 5), handler);
        assertEquals(1, rig.s.tl);
        assertEquals(1, rig.s.gl());
        assertEquals(0x110, rig.s.tt[1]);
        assertEquals(SparcRig.CODE + 20, rig.s.tpc[1]);
        assertEquals(SparcRig.CODE + 24, rig.s.tnpc[1]);
        long expected = (0L << 40) | (0xa5L << 32) | (0x80L << 24) | ((long) SparcArch.PSTATE_PRIV << 8) | 3;
        assertEquals(Long.toHexString(expected), Long.toHexString(rig.s.tstate[1]));
        assertEquals(SparcArch.PSTATE_PRIV | SparcArch.PSTATE_PEF, rig.s.pstate(), "privileged, IE and AM off, PEF on");
    }

    @Test
    void trapAboveTlZeroUsesTheUpperHalfOfTheTable() {
        SparcRig rig = rig(wrpr(TL, G0, 1), ta(0x11), SparcRig.STOP);
        long handler = rig.handler(TrapType.TRAP_INSTRUCTION + 0x11, true, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(SparcRig.TBA_BASE + 0x4000 + (0x111 << 5), handler);
        assertEquals(2, rig.s.tl);
    }

    @Test
    void doneResumesAfterTheTrapAndRestoresState() {
        SparcRig rig = rig(wr(CCR, G0, 0x11), movi(G1, 7), ta(0x12), addi(O0, G1, 1), SparcRig.STOP);
        rig.handler(TrapType.TRAP_INSTRUCTION + 0x12, false, movi(G1, 99), wr(CCR, G0, 0), done());
        rig.runToStop();
        assertEquals(8, rig.reg(O0), "globals of GL 0 are back, the handler wrote GL 1's %g1");
        assertEquals(99, rig.s.globalRegister(1, 1));
        assertEquals(0x11, rig.s.ccr, "CCR restored from TSTATE");
        assertEquals(0, rig.s.tl);
        assertEquals(0, rig.s.gl());
        assertEquals(SparcArch.PSTATE_PRIV, rig.s.pstate());
        assertEquals(3 + 3, rig.core.retired(), "wr, mov, add and the handler's mov, wr, done; the ta does not retire");
    }

    @Test
    void retryReexecutesTheTrappingInstruction() {
        SparcRig rig = rig(movi(O0, 1), cmpi(O0, 0), tcc(NE, false, 0x20), movi(O1, 5), SparcRig.STOP);
        rig.handler(TrapType.TRAP_INSTRUCTION + 0x20, false, rdpr(G1, TSTATE), movi(G2, 4), sllxi(G2, G2, 32),
                or(G1, G1, G2), wrprr(TSTATE, G1, G0), retry());
        rig.runToStop();
        assertEquals(5, rig.reg(O1));
        assertEquals(0x4, rig.s.icc(), "the handler set icc.Z through TSTATE; retry restored it");
    }

    @Test
    void privilegedRegistersReadBackWhatWasWritten() {
        int[] prog = SparcRig.code(
                wrpr(TL, G0, 1),
                set32(G1, 0x1234), wrprr(TPC, G1, G0), rdpr(L0, TPC),
                wrpr(TNPC, G1, 4), rdpr(L1, TNPC),
                setx(G2, G3, 0x7_ff12_3456_7803L), wrprr(TSTATE, G2, G0), rdpr(L2, TSTATE),
                wrpr(TT, G0, 0x1ab), rdpr(L3, TT),
                set32(G1, 0x12_3fff), wrprr(TBA, G1, G0), rdpr(L4, TBA),
                wrpr(PIL, G0, 0x1f), rdpr(L5, PIL),
                wrpr(WSTATE, G0, 0x7f), rdpr(L6, WSTATE),
                wrpr(CLEANWIN, G0, 5), rdpr(L7, CLEANWIN),
                wrpr(OTHERWIN, G0, 1), rdpr(I0, OTHERWIN),
                wrpr(CANRESTORE, G0, 2), rdpr(I1, CANRESTORE),
                wrpr(CANSAVE, G0, 3), rdpr(I2, CANSAVE),
                wrpr(TL, G0, 7), rdpr(I3, TL),
                wrpr(GL, G0, 3), rdpr(I4, GL),
                wrpr(PSTATE, G0, 0x1fff), rdpr(I5, PSTATE), wrpr(PSTATE, G0, SparcArch.PSTATE_PRIV),
                wrpr(TICK, G0, 500), rdpr(O0, TICK),
                rdpr(O1, CWP),
                SparcRig.STOP);
        SparcRig rig = rig(prog);
        rig.runToStop();
        assertEquals(0x1234, rig.reg(L0));
        assertEquals(0x1234 ^ 4, rig.reg(L1), "wrpr writes rs1 xor imm");
        assertEquals(0x7_ff12_3456_7803L & ((7L << 40) | (0xffL << 32) | (0xffL << 24) | (0x1fffL << 8) | 0x1f),
                rig.reg(L2));
        assertEquals(0x1ab, rig.reg(L3));
        assertEquals(0x12_0000, rig.reg(L4), "TBA is 32 KiB aligned");
        assertEquals(0xf, rig.reg(L5));
        assertEquals(0x3f, rig.reg(L6));
        assertEquals(5, rig.reg(L7));
        assertEquals(1, rig.reg(I0));
        assertEquals(2, rig.reg(I1));
        assertEquals(3, rig.reg(I2));
        assertEquals(SparcArch.MAXPTL, rig.reg(I3), "privileged software cannot go above MAXPTL");
        assertEquals(SparcArch.MAXPGL, rig.reg(I4), "nor above MAXPGL");
        assertEquals(SparcArch.PSTATE_MASK, rig.reg(I5), "only implemented PSTATE bits stick");
        assertEquals(500, rig.reg(O0), "the guest clock did not move");
        assertEquals(0, rig.reg(O1));
    }

    @Test
    void trapStateRegistersAtTlZeroAreIllegal() {
        SparcRig rig = rig(rdpr(G1, TPC), SparcRig.STOP);
        long handler = rig.handler(TrapType.ILLEGAL_INSTRUCTION, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(TrapType.ILLEGAL_INSTRUCTION, rig.s.tt[1]);

        rig = rig(arith(0x2a, G1, 17, 0), SparcRig.STOP);  // rdpr of a reserved register
        handler = rig.handler(TrapType.ILLEGAL_INSTRUCTION, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
    }

    @Test
    void userModeCannotTouchPrivilegedState() {
        int[][] privileged = {{rdpr(G1, PSTATE)}, {wrpr(PIL, G0, 1)}, {done()}, {rd(G1, SOFTINT)},
            {wr(TICK_CMPR, G0, 1)}};
        for (int[] insn : privileged) {
            SparcRig rig = rig(SparcRig.code(wrpr(PSTATE, G0, 0), insn, SparcRig.STOP));
            long handler = rig.handler(TrapType.PRIVILEGED_OPCODE, false, SparcRig.STOP);
            rig.runToStop();
            assertEquals(handler, rig.s.pc, Integer.toHexString(insn[0]));
            assertEquals(SparcRig.CODE + 4, rig.s.tpc[1]);
            assertEquals(0, (rig.s.tstate[1] >>> 8) & SparcArch.PSTATE_PRIV, "trapped from user mode");
        }
    }

    @Test
    void hyperprivilegedRegistersAreIllegalForTheGuest() {
        for (int insn : new int[] {rdhpr(G1, HPSTATE), wrhpr(HTBA, G0, 0), rdhpr(G1, HVER)}) {
            SparcRig rig = rig(insn, SparcRig.STOP);
            long handler = rig.handler(TrapType.ILLEGAL_INSTRUCTION, false, SparcRig.STOP);
            rig.runToStop();
            assertEquals(handler, rig.s.pc);
        }
    }

    @Test
    void trapAtMaxptlEntersTheWatchdogAndASecondOneIsFatal() {
        SparcRig rig = rig(wrpr(TL, G0, 2), wr(CCR, G0, 0x33), ta(0x40), SparcRig.STOP);
        rig.s.rtba = 0x3_0000;
        rig.put(0x3_0000 + 0x40, SparcRig.STOP);
        rig.runToStop();
        assertEquals(0x3_0040, rig.s.pc);
        assertEquals(2, rig.s.tl);
        assertEquals(2, rig.s.gl());
        assertEquals(0x140, rig.s.tt[2], "TT names the failing trap");
        assertEquals(SparcRig.CODE + 8, rig.s.tpc[2]);
        assertEquals(0x33, (rig.s.tstate[2] >>> 32) & 0xff);
        assertTrue(rig.core.report().contains("watchdog"));

        // the handler faults again before leaving MAXPTL: error state
        rig = rig(wrpr(TL, G0, 2), ta(0x40), SparcRig.STOP);
        rig.s.rtba = 0x3_0000;
        rig.put(0x3_0000 + 0x40, 0);  // illtrap
        assertEquals(VcpuExit.FATAL, rig.run(1000));
        String report = rig.core.report();
        assertTrue(report.contains("FATAL") && report.contains("watchdog"), report);
        assertEquals(VcpuExit.FATAL, rig.run(1000), "a fatal CPU stays stopped");
    }

    @Test
    void illegalAndFloatingPointInstructions() {
        SparcRig rig = rig(0 /* illtrap */, SparcRig.STOP);
        long handler = rig.handler(TrapType.ILLEGAL_INSTRUCTION, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);

        int fmovd = 0x85a00040;
        rig = rig(fmovd, SparcRig.STOP);
        handler = rig.handler(TrapType.FP_DISABLED, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc, "PSTATE.PEF is off at boot");

        rig = rig(wrpr(PSTATE, G0, SparcArch.PSTATE_PRIV | SparcArch.PSTATE_PEF), fmovd, SparcRig.STOP);
        handler = rig.handler(TrapType.FP_DISABLED, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc, "FPRS.FEF is off");

        rig = rig(wrpr(PSTATE, G0, SparcArch.PSTATE_PRIV | SparcArch.PSTATE_PEF), wr(FPRS, G0, 4), fmovd,
                SparcRig.STOP);
        rig.runToStop();
        assertEquals(0, rig.s.tl, "FP enabled: fmovd runs (SparcFloatTest has the rest)");
    }

    @Test
    void ancillaryStateRegisters() {
        SparcRig rig = rig(wr(Y, G0, -1), rd(L0, Y), wr(CCR, G0, 0x1ff), rd(L1, CCR), wr(ASI, G0, 0x88), rd(L2, ASI),
                wr(FPRS, G0, 7), rd(L3, FPRS), rd(L4, PC), rd(L5, ASR_TICK),
                wr(SOFTINT_SET, G0, 0x30), wr(SOFTINT_CLR, G0, 0x10), rd(L6, SOFTINT),
                wr(TICK_CMPR, G0, 0x123), rd(L7, TICK_CMPR), wr(STICK_CMPR, G0, 0x456), rd(I0, STICK_CMPR),
                rd(I1, STICK), SparcRig.STOP);
        rig.guest.now = 4242;
        rig.runToStop();
        assertEquals(0xffff_ffffL, rig.reg(L0), "Y is 32 bits");
        assertEquals(0xff, rig.reg(L1));
        assertEquals(0x88, rig.reg(L2));
        assertEquals(7, rig.reg(L3));
        assertEquals(SparcRig.CODE + 32, rig.reg(L4));
        assertEquals(4242, rig.reg(L5));
        assertEquals(0x20, rig.reg(L6));
        assertEquals(0x123, rig.reg(L7));
        assertEquals(0x456, rig.reg(I0));
        assertEquals(4242, rig.reg(I1));
    }

    @Test
    void tickNptMakesUserReadsTrap() {
        SparcRig rig = rig(setx(G1, G2, SparcArch.TICK_NPT | 10), new int[] {wrprr(TICK, G1, G0), wrpr(PSTATE, G0, 0),
            rd(G3, ASR_TICK), SparcRig.STOP});
        long handler = rig.handler(TrapType.PRIVILEGED_ACTION, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
    }

    private static SparcRig rig(int[] a, int[] b) {
        return rig(SparcRig.code(a, b));
    }

    @Test
    void softwareInterruptAbovePilIsTakenWhenEnabled() {
        SparcRig rig = rig(wrpr(PIL, G0, 4), wr(SOFTINT_SET, G0, 1 << 5),
                wrpr(PSTATE, G0, SparcArch.PSTATE_PRIV | SparcArch.PSTATE_IE), nop(), SparcRig.STOP);
        long handler = rig.handler(TrapType.INTERRUPT_LEVEL_0 + 5, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(SparcRig.CODE + 12, rig.s.tpc[1], "taken before the next instruction");

        rig = rig(wrpr(PIL, G0, 5), wr(SOFTINT_SET, G0, 1 << 5),
                wrpr(PSTATE, G0, SparcArch.PSTATE_PRIV | SparcArch.PSTATE_IE), nop(), SparcRig.STOP);
        rig.runToStop();
        assertEquals(SparcRig.CODE + 16, rig.s.pc, "level 5 is masked by PIL 5");
    }

    @Test
    void tickCompareRaisesLevelFourteen() {
        SparcRig rig = rig(wr(TICK_CMPR, G0, 2000), wrpr(PIL, G0, 13),
                wrpr(PSTATE, G0, SparcArch.PSTATE_PRIV | SparcArch.PSTATE_IE), nop(), ta(0x70), nop(), SparcRig.STOP);
        rig.handler(TrapType.TRAP_INSTRUCTION + 0x70, false, done());
        long handler = rig.handler(TrapType.INTERRUPT_LEVEL_0 + 14, false, SparcRig.STOP);
        rig.guest.now = 1000;
        // run up to the ta 0x70 ... the time has not come yet
        assertEquals(VcpuExit.BUDGET, rig.run(4));
        rig.guest.now = 2500;
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(SparcArch.SOFTINT_TM, rig.s.softint & SparcArch.SOFTINT_TM);
    }
}
