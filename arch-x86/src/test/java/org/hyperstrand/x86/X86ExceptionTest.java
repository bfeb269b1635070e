package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/**
 * Exceptions and interrupts through the IDT: frames with and without error codes, fault versus
 * trap return addresses, IRETQ, privilege changes through the TSS, IST stacks, gate checks,
 * double and triple faults, and SYSCALL/SYSRET.
 */
class X86ExceptionTest {

    private static final String IRETQ = "48 cf  # iretq";

    private static long handler(int vector) {
        return X86Rig.HANDLERS + 16L * vector;
    }

    @Test
    void aDivideErrorPointsAtTheDivideAndIretRetriesIt() {
        X86Rig rig = new X86Rig().program(
                "b8 07 00 00 00  # movl $7,%eax",
                "31 c9  # xorl %ecx,%ecx",
                "31 d2  # xorl %edx,%edx",
                "f7 f1  # divl %ecx",
                X86Rig.HLT);
        rig.put(handler(X86Arch.DE), "b9 02 00 00 00  # movl $2,%ecx", IRETQ);
        rig.runToHalt();
        assertEquals(X86Rig.CODE + 12, rig.s.rip);
        assertEquals(3, rig.reg(X86State.RAX));
        assertEquals(1, rig.reg(X86State.RDX));
        assertEquals(1, rig.s.exceptionsDelivered);
        assertEquals(X86Rig.STACK_TOP, rig.reg(X86State.RSP));
    }

    @Test
    void aQuotientTooLargeIsADivideErrorWithAFrameWithoutErrorCode() {
        X86Rig rig = new X86Rig().program(
                "b8 07 00 00 00  # movl $7,%eax",
                "ba 05 00 00 00  # movl $5,%edx",
                "b9 02 00 00 00  # movl $2,%ecx",
                "f7 f1  # divl %ecx",
                X86Rig.HLT);
        rig.expectException(X86Arch.DE);
        assertEquals(X86Rig.CODE + 15, rig.stack(0), "RIP");
        assertEquals(0x08, rig.stack(1), "CS");
        assertEquals(2, rig.stack(2) & 0xffff_fffdL | 2, "RFLAGS");
        assertEquals(X86Rig.STACK_TOP, rig.stack(3), "RSP");
        assertEquals(0x10, rig.stack(4), "SS");
        assertEquals(X86Rig.STACK_TOP - 40, rig.reg(X86State.RSP));
        assertEquals(7, rig.reg(X86State.RAX), "nothing was written");
    }

    @Test
    void signedDivisionOverflowIsADivideError() {
        X86Rig rig = new X86Rig().program(
                "48 b8 00 00 00 00 00 00 00 80  # movabs $0x8000000000000000,%rax",
                "48 99  # cqto",
                "48 c7 c1 ff ff ff ff  # movq $-1,%rcx",
                "48 f7 f9  # idivq %rcx",
                X86Rig.HLT);
        rig.expectException(X86Arch.DE);
        assertEquals(X86Rig.CODE + 19, rig.stack(0));
    }

    @Test
    void invalidAndUnimplementedOpcodesRaiseUdAndTheReportNamesThem() {
        X86Rig rig = new X86Rig().program("0f 0b  # ud2");
        rig.expectException(X86Arch.UD);
        assertEquals(X86Rig.CODE, rig.stack(0));
        assertTrue(rig.core.report().contains("last #UD at rip 0x10000, bytes 0f 0b"), rig.core.report());

        for (String sse : new String[] {"f2 0f 2a c0  # cvtsi2sd %eax,%xmm0", "d9 e8  # fld1",
            "0f 28 c8  # movaps %xmm0,%xmm1", "c5 f8 77  # vzeroupper", "0f a6  # (unassigned)"}) {
            X86Rig r = new X86Rig().program(sse);
            r.expectException(X86Arch.UD);
            assertTrue(r.core.report().contains("bytes " + sse.substring(0, sse.indexOf('#')).trim()), r.core.report());
        }
    }

    @Test
    void int3AndIntNAreTrapsThatReturnAfterTheInstruction() {
        X86Rig rig = new X86Rig().program(
                "cc  # int3",
                "cd 80  # int $0x80",
                "b8 07 00 00 00  # movl $7,%eax",
                X86Rig.HLT);
        rig.put(handler(3), "ff c3  # incl %ebx", IRETQ);
        rig.put(handler(0x80), "ff c3  # incl %ebx", "ff c3  # incl %ebx", IRETQ);
        rig.runToHalt();
        assertEquals(X86Rig.CODE + 9, rig.s.rip);
        assertEquals(3, rig.reg(X86State.RBX));
        assertEquals(7, rig.reg(X86State.RAX));
        assertEquals(X86Rig.STACK_TOP, rig.reg(X86State.RSP));
    }

    @Test
    void aGeneralProtectionFaultPushesItsErrorCode() {
        X86Rig rig = new X86Rig().program(
                "48 c7 c0 20 10 00 00  # movq $0x1020,%rax (CR4.LA57 is not supported)",
                "0f 22 e0  # movq %rax,%cr4",
                X86Rig.HLT);
        rig.expectException(X86Arch.GP);
        assertEquals(0, rig.stack(0), "error code");
        assertEquals(X86Rig.CODE + 7, rig.stack(1), "RIP");
        assertEquals(0xa0, rig.s.cr4);
    }

    @Test
    void userModeIntThroughASupervisorGateIsAGeneralProtectionFault() {
        X86Rig rig = new X86Rig().program("cd 80  # int $0x80");
        rig.userMode();
        rig.expectException(X86Arch.GP);
        assertEquals(0x80 * 8 + 2, rig.stack(0), "error code names the IDT entry");
        assertEquals(X86Rig.CODE, rig.stack(1));
        assertEquals(0, rig.s.cpl);
    }

    @Test
    void userModeIntThroughAUserGateRunsTheHandlerOnRsp0AndIretReturnsToUserMode() {
        X86Rig rig = new X86Rig().program(
                "cd 80  # int $0x80",
                "b8 07 00 00 00  # movl $7,%eax",
                "cd 81  # int $0x81");
        rig.userMode();
        rig.gate(0x80, handler(0x80), 0xee, 0);
        rig.gate(0x81, handler(0x81), 0xee, 0);
        rig.put(handler(0x80), "48 89 e5  # movq %rsp,%rbp", "bb 11 00 00 00  # movl $0x11,%ebx", IRETQ);
        rig.expectException(0x81);
        assertEquals(X86Rig.KERNEL_STACK - 40, rig.reg(X86State.RBP), "the first handler ran on RSP0");
        assertEquals(0x11, rig.reg(X86State.RBX));
        assertEquals(7, rig.reg(X86State.RAX), "back in user mode after the IRET");
        assertEquals(X86Rig.CODE + 9, rig.stack(0));
        assertEquals(0x1b, rig.stack(1));
        assertEquals(X86Rig.STACK_TOP, rig.stack(3));
        assertEquals(0x23, rig.stack(4));
        assertEquals(0, rig.s.cpl);
        assertEquals(0, rig.s.segSel[X86Arch.SS], "a privilege change loads a null SS");
    }

    @Test
    void interruptGatesClearIfAndTrapGatesDoNot() {
        for (int typeAttr : new int[] {0x8e, 0x8f}) {
            X86Rig rig = new X86Rig().program("fb  # sti", "cd 80  # int $0x80");
            rig.gate(0x80, handler(0x80), typeAttr, 0);
            rig.expectException(0x80);
            boolean trapGate = typeAttr == 0x8f;
            assertEquals(trapGate, (rig.rflags() & X86Arch.IF) != 0, "type " + Integer.toHexString(typeAttr));
            assertTrue((rig.stack(2) & X86Arch.IF) != 0, "the frame keeps the caller's IF");
        }
    }

    @Test
    void anIstGateSwitchesToItsStack() {
        X86Rig rig = new X86Rig().program("cd 80  # int $0x80");
        rig.loadGdtAndTss();
        rig.gate(0x80, handler(0x80), 0x8e, 1);
        rig.expectException(0x80);
        assertEquals(X86Rig.IST_STACK - 40, rig.reg(X86State.RSP));
        assertEquals(X86Rig.STACK_TOP, rig.stack(3));
    }

    @Test
    void aVectorBeyondTheIdtLimitIsAGeneralProtectionFault() {
        X86Rig rig = new X86Rig().program("cd 80  # int $0x80");
        rig.s.idtLimit = 0x20 * 16 - 1;
        rig.expectException(X86Arch.GP);
        assertEquals(0x80 * 8 + 2, rig.stack(0));
    }

    @Test
    void aFaultWhileDeliveringAPageFaultIsADoubleFault() {
        X86Rig rig = new X86Rig().program("48 8b 03  # movq (%rbx),%rax");
        rig.gate(X86Arch.PF_VECTOR, handler(X86Arch.PF_VECTOR), 0x0e, 0);   // not present: #NP
        rig.s.r[X86State.RBX] = 0x80_0000_0000L;
        rig.expectException(X86Arch.DF_VECTOR);
        assertEquals(0, rig.stack(0), "#DF pushes error code 0");
        assertEquals(0x80_0000_0000L, rig.s.cr2);
    }

    @Test
    void aBenignSecondExceptionIsDeliveredOnItsOwn() {
        X86Rig rig = new X86Rig().program("cc  # int3");
        rig.gate(3, handler(3), 0x0e, 0);                           // not present: #NP after a trap
        rig.expectException(X86Arch.NP);
        assertEquals(3 * 8 + 2, rig.stack(0));
    }

    @Test
    void aFaultWhileDeliveringTheDoubleFaultIsATripleFault() {
        X86Rig rig = new X86Rig().program("48 8b 03  # movq (%rbx),%rax");
        rig.gate(X86Arch.PF_VECTOR, handler(X86Arch.PF_VECTOR), 0x0e, 0);
        rig.gate(X86Arch.DF_VECTOR, handler(X86Arch.DF_VECTOR), 0x0e, 0);
        rig.s.r[X86State.RBX] = 0x80_0000_0000L;
        assertEquals(VcpuExit.FATAL, rig.run());
        String report = rig.core.report();
        assertTrue(report.contains("triple fault"), report);
        assertEquals(VcpuExit.FATAL, rig.run(), "a stopped CPU stays stopped");
    }

    @Test
    void aStackFaultDuringDeliveryToAnUnmappedStackIsADoubleFaultOnTheIstStack() {
        X86Rig rig = new X86Rig().program("cd 80  # int $0x80");
        rig.loadGdtAndTss();
        new PageTables(rig).identity(PageTables.P | PageTables.RW).load();
        rig.gate(X86Arch.PF_VECTOR, handler(X86Arch.PF_VECTOR), 0x8e, 0);
        rig.gate(X86Arch.DF_VECTOR, handler(X86Arch.DF_VECTOR), 0x8e, 1);
        rig.s.r[X86State.RSP] = 0x80_0000_0100L;                  // the interrupt frame cannot be pushed
        // INT n is benign, so its #PF is delivered; that #PF cannot push its frame either: #DF
        rig.expectException(X86Arch.DF_VECTOR);
        assertEquals(X86Rig.IST_STACK - 48, rig.reg(X86State.RSP));
        assertEquals(0, rig.stack(0));
        assertEquals(0x80_0000_0100L, rig.stack(4), "the interrupted RSP");
        assertEquals(0x80_0000_00f8L, rig.s.cr2);
    }

    @Test
    void iretToAMorePrivilegedCodeSegmentIsAGeneralProtectionFault() {
        X86Rig rig = new X86Rig().program(
                "6a 00  # pushq $0 (SS)",
                "6a 00  # pushq $0 (RSP)",
                "6a 02  # pushq $2 (RFLAGS)",
                "6a 0b  # pushq $0x0b (CS: kernel code with RPL 3)",
                "6a 00  # pushq $0 (RIP)",
                IRETQ);
        rig.expectException(X86Arch.GP);
        assertEquals(0x08, rig.stack(0), "error code is the CS selector");
    }

    @Test
    void iretqToUserModeLoadsTheUserStateAndFlags() {
        X86Rig rig = new X86Rig().program(
                "6a 23  # pushq $0x23",
                "68 00 00 07 00  # pushq $0x70000",
                "68 03 02 00 00  # pushq $0x203",
                "6a 1b  # pushq $0x1b",
                "68 20 00 01 00  # pushq $0x10020",
                IRETQ);
        rig.put(X86Rig.CODE + 0x20, "cd 81  # int $0x81");
        PageTables pt = new PageTables(rig).identity(PageTables.P | PageTables.RW | PageTables.US).load();
        rig.loadGdtAndTss();
        rig.gate(0x81, handler(0x81), 0xee, 0);
        rig.expectException(0x81);
        assertEquals(0x1b, rig.stack(1));
        assertEquals(0x203, rig.stack(2) & 0xfff, "IF and CF came from the frame");
        assertEquals(0x70000, rig.stack(3));
        assertEquals(0x23, rig.stack(4));
        assertTrue(pt.pml4 > 0);
    }

    @Test
    void syscallAndSysretSwitchPrivilegeWithoutTheIdt() {
        X86Rig rig = new X86Rig().program(
                "0f 05  # syscall",
                "b8 07 00 00 00  # movl $7,%eax",
                "cd 81  # int $0x81");
        rig.userMode();
        rig.gate(0x81, handler(0x81), 0xee, 0);
        long kernel = 0x2_0000;
        rig.put(kernel,
                "0f 20 c3  # movq %cr0,%rbx (privileged: proves CPL 0)",
                "48 89 e5  # movq %rsp,%rbp",
                "48 0f 07  # sysretq");
        rig.s.star = (0x08L << 48) | (0x08L << 32);
        rig.s.lstar = kernel;
        rig.s.sfmask = X86Arch.IF;
        org.hyperstrand.x86.exec.Flags.setRflags(rig.s, 0x203);
        rig.expectException(0x81);
        assertEquals(rig.s.cr0, rig.reg(X86State.RBX));
        assertEquals(X86Rig.STACK_TOP, rig.reg(X86State.RBP), "SYSCALL keeps RSP");
        assertEquals(X86Rig.CODE + 2, rig.reg(X86State.RCX), "RCX = the return address");
        assertEquals(0x203, rig.reg(X86State.R11) & 0xfff, "R11 = RFLAGS at the SYSCALL");
        assertEquals(7, rig.reg(X86State.RAX));
        assertEquals(0x1b, rig.stack(1), "SYSRET returned to CS = STAR[63:48] + 16 | 3");
        assertEquals(0x13, rig.stack(4), "and SS = STAR[63:48] + 8 | 3");
    }

    @Test
    void syscallWithoutEferSceIsAnInvalidOpcode() {
        X86Rig rig = new X86Rig().program("0f 05  # syscall");
        rig.s.efer &= ~X86Arch.EFER_SCE;
        rig.expectException(X86Arch.UD);
    }
}
