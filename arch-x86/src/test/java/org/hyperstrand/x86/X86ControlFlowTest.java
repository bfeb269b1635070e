package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/** Stack instructions and control transfers: PUSH/POP, CALL/RET, jumps, jump tables, LOOP, ENTER/LEAVE. */
class X86ControlFlowTest {

    private static final long TOP = X86Rig.STACK_TOP;

    @Test
    void pushAndPopMoveTheStackAndKeepValues() {
        X86Rig rig = new X86Rig().program(
                "53  # pushq %rbx",
                "66 53  # pushw %bx",
                "66 59  # popw %cx",
                "5a  # popq %rdx",
                "6a ff  # pushq $-1",
                "66 68 34 12  # pushw $0x1234",
                X86Rig.HLT);
        rig.s.r[X86State.RBX] = 0x1122_3344_5566_7788L;
        rig.s.r[X86State.RCX] = 0xaaaa_aaaa_aaaa_aaaaL;
        rig.runToHalt();
        assertEquals(0xaaaa_aaaa_aaaa_7788L, rig.reg(X86State.RCX), "a 16-bit pop merges");
        assertEquals(0x1122_3344_5566_7788L, rig.reg(X86State.RDX));
        assertEquals(TOP - 10, rig.reg(X86State.RSP));
        assertEquals(-1L, rig.read64(TOP - 8));
        assertEquals(0x1234, rig.read64(TOP - 10) & 0xffff);
    }

    @Test
    void pushRspPushesTheOldValueAndPopRspLoadsThePoppedValue() {
        X86Rig rig = new X86Rig().program("54  # pushq %rsp", "48 8b 1c 24  # movq (%rsp),%rbx", "5c  # popq %rsp",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(TOP, rig.reg(X86State.RBX));
        assertEquals(TOP, rig.reg(X86State.RSP));
    }

    @Test
    void popToMemoryAddressedThroughRspUsesTheIncrementedRsp() {
        X86Rig rig = new X86Rig().program(
                "6a 07  # pushq $7",
                "6a 09  # pushq $9",
                "8f 44 24 08  # popq 0x8(%rsp)",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(TOP - 8, rig.reg(X86State.RSP));
        assertEquals(9, rig.read64(TOP), "stored at the new RSP + 8");
        assertEquals(7, rig.read64(TOP - 8));
    }

    @Test
    void callAndRetWithImmediate() {
        X86Rig rig = new X86Rig().program(
                "6a 01  # pushq $1",
                "6a 02  # pushq $2",
                "e8 06 00 00 00  # callq .+11",
                "48 89 c3  # movq %rax,%rbx",
                X86Rig.HLT,
                "90  # nop",
                "48 8b 44 24 08  # movq 8(%rsp),%rax",
                "c2 10 00  # retq $16");
        rig.runToHalt();
        assertEquals(2, rig.reg(X86State.RBX));
        assertEquals(TOP, rig.reg(X86State.RSP), "the return released both arguments");
    }

    @Test
    void indirectCallsAndJumpsThroughRegistersAndMemory() {
        X86Rig rig = new X86Rig().program(
                "ff 53 08  # callq *8(%rbx)",
                "ff 23  # jmpq *(%rbx)");
        rig.put(0x3_0000, "b9 05 00 00 00  # movl $5,%ecx", "c3  # ret");
        rig.put(0x3_0100, "ba 06 00 00 00  # movl $6,%edx", X86Rig.HLT);
        rig.write64(X86Rig.DATA, 0x3_0100);
        rig.write64(X86Rig.DATA + 8, 0x3_0000);
        rig.s.r[X86State.RBX] = X86Rig.DATA;
        rig.runToHalt();
        assertEquals(5, rig.reg(X86State.RCX));
        assertEquals(6, rig.reg(X86State.RDX));
        assertEquals(0x3_0106, rig.s.rip);
    }

    @Test
    void aJumpTableDispatchesOnTheIndex() {
        for (int index = 0; index < 4; index++) {
            X86Rig rig = new X86Rig().program(
                    "ff 24 c5 10 00 01 00  # jmpq *0x10010(,%rax,8)");
            for (int k = 0; k < 4; k++) {
                rig.write64(X86Rig.CODE + 0x10 + 8L * k, X86Rig.CODE + 0x100 + 0x10L * k);
                rig.put(X86Rig.CODE + 0x100 + 0x10L * k, "b9 0" + k + " 00 00 00  # movl $k,%ecx", X86Rig.HLT);
            }
            rig.s.r[X86State.RAX] = index;
            rig.runToHalt();
            assertEquals(index, rig.reg(X86State.RCX));
        }
    }

    @Test
    void conditionalJumpsForwardAndBackward() {
        X86Rig rig = new X86Rig().program(
                "31 c0  # xorl %eax,%eax",
                "b9 0a 00 00 00  # movl $10,%ecx",
                "01 c8  # loop: addl %ecx,%eax",
                "ff c9  # decl %ecx",
                "7f fa  # jg loop",
                "0f 84 05 00 00 00  # je +5 (taken: ZF from the last decl)",
                "bb 01 00 00 00  # movl $1,%ebx (skipped)",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(55, rig.reg(X86State.RAX));
        assertEquals(0, rig.reg(X86State.RBX));
    }

    @Test
    void loopInstructions() {
        X86Rig rig = new X86Rig().program(
                "b9 05 00 00 00  # movl $5,%ecx",
                "ff c0  # incl %eax",
                "e2 fc  # loop .-2",
                "e3 02  # jrcxz .+4",
                "ff c3  # incl %ebx (skipped)",
                "b9 05 00 00 00  # movl $5,%ecx",
                "31 d2  # xorl %edx,%edx",
                "ff c6  # incl %esi",
                "e1 fc  # loope .-2 (stops: incl clears ZF)",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(5, rig.reg(X86State.RAX));
        assertEquals(0, rig.reg(X86State.RBX));
        assertEquals(1, rig.reg(X86State.RSI));
        assertEquals(4, rig.reg(X86State.RCX));
    }

    @Test
    void enterAndLeaveBuildAndDropFrames() {
        X86Rig rig = new X86Rig().program(
                "c8 20 00 00  # enterq $0x20,$0",
                "48 89 eb  # movq %rbp,%rbx",
                "48 89 e1  # movq %rsp,%rcx",
                "c9  # leaveq",
                "c8 10 00 02  # enterq $0x10,$2",
                "48 89 e2  # movq %rsp,%rdx",
                X86Rig.HLT);
        rig.s.r[X86State.RBP] = 0x7_ff00;
        rig.write64(0x7_fef8, 0xabcd);                         // the outer frame pointer ENTER level 2 copies
        rig.runToHalt();
        assertEquals(TOP - 8, rig.reg(X86State.RBX));
        assertEquals(TOP - 8 - 0x20, rig.reg(X86State.RCX));
        assertEquals(TOP - 8, rig.reg(X86State.RBP), "frame of the second ENTER");
        assertEquals(0x7_ff00, rig.read64(TOP - 8), "saved RBP");
        assertEquals(0xabcd, rig.read64(TOP - 16), "copied outer frame pointer");
        assertEquals(TOP - 8, rig.read64(TOP - 24), "this frame's pointer");
        assertEquals(TOP - 24 - 0x10, rig.reg(X86State.RDX));
    }

    @Test
    void popfAtCplThreeKeepsIfAndIopl() {
        X86Rig rig = new X86Rig().program(
                "68 d5 3e 00 00  # pushq $0x3ed5 (all arithmetic flags, IF, DF, IOPL 3)",
                "9d  # popfq",
                "9c  # pushfq",
                "5b  # popq %rbx",
                "cd 81  # int $0x81");
        rig.userMode();
        rig.gate(0x81, X86Rig.HANDLERS + 16 * 0x81, 0xee, 0);
        rig.expectException(0x81);
        assertEquals(0xcd7, rig.reg(X86State.RBX) & 0xffff, "arithmetic flags and DF change, IF and IOPL do not");
    }

    @Test
    void popfAtCplZeroSetsIfAndDf() {
        X86Rig rig = new X86Rig().program("68 03 06 00 00  # pushq $0x603", "9d  # popfq", X86Rig.HLT);
        rig.runToHalt();
        assertEquals(0x603, rig.rflags());
        assertEquals(X86Arch.DF, rig.rflags() & X86Arch.DF);
    }

    @Test
    void pushAndPopOfFsAndGs() {
        X86Rig rig = new X86Rig().program("0f a0  # pushq %fs", "6a 10  # pushq $0x10", "0f a9  # popq %gs", X86Rig.HLT);
        rig.s.segBase[X86Arch.GS] = 0x1234;
        rig.runToHalt();
        assertEquals(0, rig.read64(TOP - 8));
        assertEquals(0x10, rig.s.segSel[X86Arch.GS]);
        assertEquals(0, rig.s.segBase[X86Arch.GS], "base from the descriptor");
        assertEquals(TOP - 8, rig.reg(X86State.RSP));
    }

    @Test
    void farReturnToTheSamePrivilege() {
        X86Rig rig = new X86Rig().program(
                "6a 08  # pushq $0x08",
                "68 00 01 01 00  # pushq $0x10100",
                "48 cb  # lretq");
        rig.put(X86Rig.CODE + 0x100, "b8 2a 00 00 00  # movl $42,%eax", X86Rig.HLT);
        rig.runToHalt();
        assertEquals(42, rig.reg(X86State.RAX));
        assertEquals(TOP, rig.reg(X86State.RSP));
        assertEquals(0x08, rig.s.segSel[X86Arch.CS]);
    }

    @Test
    void aJumpToANonCanonicalAddressFaultsAtTheTarget() {
        X86Rig rig = new X86Rig().program("ff e3  # jmpq *%rbx");
        rig.s.r[X86State.RBX] = 0x8000_0000_0000L;
        rig.expectException(X86Arch.GP);
        assertEquals(0x8000_0000_0000L, rig.stack(1));
    }
}
