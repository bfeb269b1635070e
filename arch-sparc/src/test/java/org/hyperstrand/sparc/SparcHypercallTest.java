package org.hyperstrand.sparc;

import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.sparc.cpu.SparcArch;
import org.hyperstrand.sparc.trap.TrapType;
import org.junit.jupiter.api.Test;

/** Hypervisor traps: the HYPERCALL exit, completion per the sparc64 binding, EBADTRAP, bare mode. */
class SparcHypercallTest {

    private static final long EBADTRAP = 7;

    private static SparcRig withArgs(int... program) {
        SparcRig rig = new SparcRig().program(program);
        rig.tba(SparcRig.TBA_BASE);
        for (int i = 0; i < 6; i++) {
            rig.s.r[O0 + i] = 0x100 + i;
        }
        return rig;
    }

    private static void setResults(HcallFrame f) {
        for (int n = 1; n <= 5; n++) {
            f.setResult(n, 0x1000 * n);
        }
    }

    @Test
    void fastTrapExitsWithTheFrameAndCompletesWithFiveResults() {
        SparcRig rig = withArgs(movi(O5, 0x21), ta(0x80), mov(L0, O0), SparcRig.STOP);
        assertEquals(VcpuExit.HYPERCALL, rig.run(1000));
        assertEquals(VcpuExit.KIND_FAST, rig.core.hypercallKind());
        assertEquals(0x21, rig.core.hypercallNumber());
        for (int i = 0; i < 5; i++) {
            assertEquals(0x100 + i, rig.core.frame().arg(i));
        }
        assertEquals(SparcRig.CODE + 4, rig.s.pc, "stopped at the ta");
        assertEquals(1, rig.core.retired());
        assertEquals(0, rig.s.tl, "the Java hypervisor needs no trap level");

        setResults(rig.core.frame());
        rig.core.completeHypercall(3);
        assertEquals(2, rig.core.retired(), "the ta retires when the call completes");
        assertEquals(SparcRig.CODE + 8, rig.s.pc);
        rig.runToStop();
        assertEquals(3, rig.reg(L0));
        for (int n = 1; n <= 5; n++) {
            assertEquals(0x1000 * n, rig.reg(O0 + n), "ret" + n);
        }
    }

    @Test
    void coreTrapReturnsTwoResultsAndKeepsTheOtherOuts() {
        SparcRig rig = withArgs(movi(O5, 2), ta(0xff), SparcRig.STOP);
        assertEquals(VcpuExit.HYPERCALL, rig.run(1000));
        assertEquals(VcpuExit.KIND_CORE, rig.core.hypercallKind());
        assertEquals(2, rig.core.hypercallNumber());
        setResults(rig.core.frame());
        rig.core.completeHypercall(0);
        assertEquals(0, rig.reg(O0));
        assertEquals(0x1000, rig.reg(O1));
        assertEquals(0x2000, rig.reg(O2));
        assertEquals(0x103, rig.reg(O3));
        assertEquals(0x104, rig.reg(O4));
        assertEquals(2, rig.reg(O5));
    }

    @Test
    void hyperFastTrapsAreNumberedByTheTrap() {
        for (int trap : new int[] {0x83, 0x84}) {
            SparcRig rig = withArgs(ta(trap), SparcRig.STOP);
            assertEquals(VcpuExit.HYPERCALL, rig.run(1000));
            assertEquals(VcpuExit.KIND_HYPERFAST, rig.core.hypercallKind());
            assertEquals(trap, rig.core.hypercallNumber());
            assertEquals(0x103, rig.core.frame().arg(3));
            setResults(rig.core.frame());
            rig.core.completeHypercall(0);
            assertEquals(0x3000, rig.reg(O3));
            assertEquals(0x104, rig.reg(O4), "hyper-fast calls return three results");
            assertEquals(0x105, rig.reg(O5));
        }
    }

    @Test
    void unknownHypervisorTrapNumbersAnswerEbadtrapInPlace() {
        SparcRig rig = withArgs(ta(0x81), mov(L0, O0), mov(L1, O1), ta(0xfe), mov(L2, O0), SparcRig.STOP);
        rig.runToStop();
        assertEquals(EBADTRAP, rig.reg(L0));
        assertEquals(0x101, rig.reg(L1));
        assertEquals(EBADTRAP, rig.reg(L2));
        assertEquals(5, rig.core.retired());
    }

    @Test
    void userModeTrapNumbersAreSevenBitsAndStayWithTheGuest() {
        SparcRig rig = withArgs(wrpr(PSTATE, G0, 0), ta(0x80), SparcRig.STOP);
        long handler = rig.handler(TrapType.TRAP_INSTRUCTION, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc, "ta 0x80 from user mode is ta 0");
        assertEquals(TrapType.TRAP_INSTRUCTION, rig.s.tt[1]);
    }

    @Test
    void hypercallInADelaySlotResumesAtTheBranchTarget() {
        SparcRig rig = withArgs(ba(3), ta(0x80), movi(L0, 1), movi(L1, 2), SparcRig.STOP);
        assertEquals(VcpuExit.HYPERCALL, rig.run(1000));
        rig.core.completeHypercall(0);
        assertEquals(SparcRig.CODE + 12, rig.s.pc);
        rig.runToStop();
        assertEquals(0, rig.reg(L0));
        assertEquals(2, rig.reg(L1));
    }

    @Test
    void trapNumberComesFromRegistersToo() {
        SparcRig rig = withArgs(movi(G1, 0x7f), movi(G2, 1), tccr(A, G1, G2), SparcRig.STOP);
        assertEquals(VcpuExit.HYPERCALL, rig.run(1000));
        assertEquals(VcpuExit.KIND_FAST, rig.core.hypercallKind());
    }

    @Test
    void completingWithoutAPendingCallIsAnError() {
        SparcRig rig = withArgs(SparcRig.STOP);
        assertThrows(IllegalStateException.class, () -> rig.core.completeHypercall(0));
    }

    @Test
    void bareModeVectorsHypervisorTrapsThroughHtba() {
        SparcRig rig = withArgs(movi(O0, 1), ta(0x80), addi(O1, O0, 1), ba(0), nop());
        rig.core.setBareMode(true);
        rig.s.htba = 0x3_0000;
        rig.put(0x3_0000 + (0x180 << 5), rdhpr(G1, HPSTATE), rdpr(G2, TL), rdhpr(G3, HTSTATE), rdhpr(G4, HVER),
                movi(O0, 42), done());
        assertEquals(VcpuExit.BUDGET, rig.run(30));
        assertEquals(42, rig.reg(O0));
        assertEquals(43, rig.reg(O1));
        assertEquals(0, rig.s.tl);
        assertFalse(rig.s.hpriv, "done restored HPSTATE from HTSTATE");
        assertTrue((rig.s.globalRegister(1, 1) & SparcArch.HPSTATE_HPRIV) != 0, "the handler ran hyperprivileged");
        assertEquals(1, rig.s.globalRegister(1, 2));
        assertEquals(0, rig.s.globalRegister(1, 3), "HTSTATE holds the guest HPSTATE");
        assertEquals(SparcArch.HVER, rig.s.globalRegister(1, 4));
        assertEquals(0x180, rig.s.tt[1]);
    }

    @Test
    void hyperprivilegedRegistersInBareMode() {
        SparcRig rig = withArgs(ta(0x80), ba(0), nop());
        rig.core.setBareMode(true);
        rig.s.htba = 0x3_0000;
        rig.guest.now = 7000;
        rig.put(0x3_0000 + (0x180 << 5), SparcRig.code(wrhpr(HINTP, G0, 1), rdhpr(G1, HINTP),
                wrhpr(HSTICK_CMPR, G0, 0x123), rdhpr(G2, HSTICK_CMPR), wr(STICK, G0, 0x500), rd(G3, STICK),
                set32(G5, 0x7fff), wrhpr(HTBA, G5, 0), rdhpr(G4, HTBA), done()));
        assertEquals(VcpuExit.BUDGET, rig.run(20));
        assertEquals(1, rig.s.globalRegister(1, 1));
        assertEquals(0x123, rig.s.globalRegister(1, 2));
        assertEquals(0x500, rig.s.globalRegister(1, 3));
        assertEquals(0x4000, rig.s.globalRegister(1, 4), "HTBA is 16 KiB aligned");
        assertFalse(rig.s.hpriv);
    }

    @Test
    void guestCannotWriteStick() {
        SparcRig rig = withArgs(wr(STICK, G0, 1), SparcRig.STOP);
        long handler = rig.handler(TrapType.ILLEGAL_INSTRUCTION, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
    }
}
