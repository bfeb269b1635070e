package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.svm.VmcbLayout;
import org.junit.jupiter.api.Test;

/**
 * VMMCALL hypercalls as the hypervisor serves them (the VMMCALL #VMEXIT) and their completion
 * per the x86_64 binding; the HLT exit; the quantum; VMMCALL in host mode.
 */
class X86HypercallTest {

    private static final String[] LOAD_ARGS = {
        "b9 42 00 00 00  # movl $0x42,%ecx",
        "bf 01 00 00 00  # movl $0x1,%edi",
        "be 02 00 00 00  # movl $0x2,%esi",
        "ba 03 00 00 00  # movl $0x3,%edx",
        "41 ba 04 00 00 00  # movl $0x4,%r10d",
        "41 b8 05 00 00 00  # movl $0x5,%r8d",
        "41 b9 06 00 00 00  # movl $0x6,%r9d",
        "41 bb 0b 00 00 00  # movl $0xb,%r11d",
    };

    private static String[] program(String trap) {
        String[] p = new String[LOAD_ARGS.length + 3];
        p[0] = trap;
        System.arraycopy(LOAD_ARGS, 0, p, 1, LOAD_ARGS.length);
        p[LOAD_ARGS.length + 1] = "0f 01 d9  # vmmcall";
        p[LOAD_ARGS.length + 2] = X86Rig.HLT;
        return p;
    }

    @Test
    void fastCallExitsWithTheBindingsArgumentsAndCompletesAllResults() {
        X86Rig rig = X86Rig.guest().program(program("b8 80 00 00 00  # movl $0x80,%eax"));
        assertEquals(VcpuExit.HYPERCALL, rig.run());
        assertEquals(VcpuExit.KIND_FAST, rig.vcpu.hypercallKind());
        assertEquals(0x42, rig.vcpu.hypercallNumber());
        for (int i = 0; i < 5; i++) {
            assertEquals(i + 1, rig.vcpu.frame().arg(i), "arg " + i);
        }
        long vmmcallRip = rig.s.rip;
        assertEquals(0x0f, rig.read8(vmmcallRip), "RIP stays at the VMMCALL until completion");
        long retired = rig.core.retired();
        for (int n = 1; n <= 5; n++) {
            rig.vcpu.frame().setResult(n, 100 + n);
        }
        rig.vcpu.completeHypercall(0);
        assertEquals(vmmcallRip + 3, rig.vcpu.vmcb().get64(VmcbLayout.RIP));
        assertEquals(retired + 1, rig.core.retired(), "the call retires when it completes");
        rig.runToHalt();
        assertEquals(0, rig.reg(X86State.RAX));
        assertEquals(101, rig.reg(X86State.RSI));
        assertEquals(102, rig.reg(X86State.RDX));
        assertEquals(103, rig.reg(X86State.R10));
        assertEquals(104, rig.reg(X86State.R8));
        assertEquals(105, rig.reg(X86State.R9));
        assertEquals(1, rig.reg(X86State.RDI), "not a result register");
        assertEquals(0xb, rig.reg(X86State.R11), "not a result register");
    }

    @Test
    void coreCallWritesTwoResultsAndPreservesTheOtherRegisters() {
        X86Rig rig = X86Rig.guest().program(program("b8 ff 00 00 00  # movl $0xff,%eax"));
        assertEquals(VcpuExit.HYPERCALL, rig.run());
        assertEquals(VcpuExit.KIND_CORE, rig.vcpu.hypercallKind());
        assertEquals(0x42, rig.vcpu.hypercallNumber());
        assertEquals(1, rig.vcpu.frame().arg(0));
        assertEquals(3, rig.vcpu.frame().arg(2));
        rig.vcpu.frame().setResult(1, 0xaaaa);
        rig.vcpu.frame().setResult(2, 0xbbbb);
        rig.vcpu.frame().setResult(3, 0xcccc);
        rig.vcpu.completeHypercall(HvErrors.EINVAL);
        rig.runToHalt();
        assertEquals(HvErrors.EINVAL, rig.reg(X86State.RAX));
        assertEquals(0xaaaa, rig.reg(X86State.RSI));
        assertEquals(0xbbbb, rig.reg(X86State.RDX));
        assertEquals(4, rig.reg(X86State.R10), "r10 is not a core result");
        assertEquals(5, rig.reg(X86State.R8));
        assertEquals(6, rig.reg(X86State.R9));
    }

    @Test
    void anyOtherTrapNumberGetsEbadtrapWithoutAnExit() {
        X86Rig rig = X86Rig.guest().program(program("b8 07 00 00 00  # movl $0x7,%eax"));
        rig.runToHalt();
        assertEquals(HvErrors.EBADTRAP, rig.reg(X86State.RAX));
        assertEquals(0x42, rig.reg(X86State.RCX));
    }

    @Test
    void aFullWidthTrapNumberIsNotTruncated() {
        X86Rig rig = X86Rig.guest().program(
                "48 b8 80 00 00 00 01 00 00 00  # movabs $0x100000080,%rax",
                "0f 01 d9  # vmmcall",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(HvErrors.EBADTRAP, rig.reg(X86State.RAX));
    }

    @Test
    void completingWithoutAPendingCallIsAnError() {
        X86Rig rig = X86Rig.guest().program(X86Rig.HLT);
        assertThrows(IllegalStateException.class, () -> rig.vcpu.completeHypercall(0));
    }

    @Test
    void runningAgainWithoutCompletingRepeatsTheCall() {
        X86Rig rig = X86Rig.guest().program(program("b8 80 00 00 00  # movl $0x80,%eax"));
        assertEquals(VcpuExit.HYPERCALL, rig.run());
        long rip = rig.s.rip;
        assertEquals(VcpuExit.HYPERCALL, rig.run());
        assertEquals(rip, rig.s.rip);
    }

    @Test
    void vmmcallFromUserModeIsAnInvalidOpcode() {
        X86Rig rig = X86Rig.guest().program(
                "b8 80 00 00 00  # movl $0x80,%eax",
                "0f 01 d9  # vmmcall",
                X86Rig.HLT);
        rig.installIdt(0x8e);
        rig.userMode();
        rig.expectException(X86Arch.UD);
        assertEquals(X86Rig.CODE + 5, rig.stack(0), "the #UD points at the VMMCALL");
    }

    @Test
    void hltEndsTheRunAfterTheInstructionAndTheCpuContinuesOnTheNextRun() {
        X86Rig rig = X86Rig.guest().program(
                "f4  # hlt",
                "b8 07 00 00 00  # movl $0x7,%eax",
                "f4  # hlt");
        assertEquals(VcpuExit.HALT, rig.run());
        assertEquals(X86Rig.CODE + 1, rig.vcpu.vmcb().get64(VmcbLayout.RIP));
        assertEquals(1, rig.core.retired());
        assertEquals(VcpuExit.HALT, rig.run());
        assertEquals(7, rig.reg(X86State.RAX));
    }

    @Test
    void vmmcallInHostModeIsAnInvalidOpcode() {
        X86Rig rig = new X86Rig().program(program("b8 80 00 00 00  # movl $0x80,%eax"));
        rig.expectException(X86Arch.UD);
    }

    @Test
    void hltInUserModeIsAGeneralProtectionFault() {
        X86Rig rig = X86Rig.guest().program("f4  # hlt");
        rig.userMode();
        rig.expectException(X86Arch.GP);
    }

    @Test
    void theQueueRegistersMakeAnInterruptPending() {
        X86Rig rig = X86Rig.guest().program(X86Rig.HLT);
        assertTrue(!rig.vcpu.interruptPending(0));
        rig.vcpu.setQueueRegisters(0, 0, 0x40);
        assertEquals(0, rig.vcpu.queueHead(0));
        assertEquals(0x40, rig.vcpu.queueTail(0));
        assertTrue(rig.vcpu.interruptPending(0));
        rig.vcpu.setQueueRegisters(0, 0x40, 0x40);
        assertTrue(!rig.vcpu.interruptPending(0));
        assertEquals(Long.MAX_VALUE, rig.vcpu.nextTimerEvent());
    }

    @Test
    void theBudgetEndsARunAndRunsResume() {
        X86Rig rig = X86Rig.guest().program(
                "b9 e8 03 00 00  # movl $1000,%ecx",
                "ff c9  # decl %ecx",
                "75 fc  # jne -4",
                X86Rig.HLT);
        assertEquals(VcpuExit.BUDGET, rig.run(100));
        assertEquals(100, rig.core.retired());
        int exit;
        do {
            exit = rig.run(7);
        } while (exit == VcpuExit.BUDGET);
        assertEquals(VcpuExit.HALT, exit);
        assertEquals(2002, rig.core.retired());
        assertEquals(0, rig.reg(X86State.RCX));
    }
}
