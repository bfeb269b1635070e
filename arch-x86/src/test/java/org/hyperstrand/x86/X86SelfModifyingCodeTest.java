package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.backend.X86Backend;
import org.hyperstrand.x86.cpu.X86Core;
import org.hyperstrand.x86.host.X86Vcpu;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/**
 * Self-modifying and cross-modifying code against the decoded-instruction cache: a store to a
 * page with decoded instructions must be seen by the next instruction fetched from it.
 */
class X86SelfModifyingCodeTest {

    @Test
    void aStoreIntoAnAlreadyDecodedInstructionIsSeen() {
        X86Rig rig = new X86Rig().program(
                "31 c9  # xorl %ecx,%ecx",
                "b8 01 00 00 00  # target: movl $1,%eax",
                "01 c1  # addl %eax,%ecx",
                "c6 05 f3 ff ff ff 05  # movb $5,target+1(%rip)",
                "83 f9 06  # cmpl $6,%ecx",
                "72 ed  # jb target",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(5, rig.reg(X86State.RAX));
        assertEquals(6, rig.reg(X86State.RCX));
    }

    @Test
    void aStoreIntoTheVeryNextInstructionIsSeen() {
        X86Rig rig = new X86Rig().program(
                "31 c9  # xorl %ecx,%ecx",
                "88 0d 01 00 00 00  # loop: movb %cl,next+1(%rip)",
                "b8 ff 00 00 00  # next: movl $0xff,%eax",
                "ff c1  # incl %ecx",
                "83 f9 03  # cmpl $3,%ecx",
                "72 ee  # jb loop",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(2, rig.reg(X86State.RAX));
    }

    @Test
    void codeCopiedWithRepMovsIntoAnotherPageRunsAndCanBeReplaced() {
        long buffer = 0x5_0000;
        long gen1 = 0x3_0000;
        long gen2 = 0x3_0100;
        X86Rig rig = new X86Rig().program(
                "48 89 de  # movq %rbx,%rsi",
                "48 89 d7  # movq %rdx,%rdi",
                "b9 06 00 00 00  # movl $6,%ecx",
                "f3 a4  # rep movsb",
                "ff d2  # callq *%rdx",
                "49 89 c0  # movq %rax,%r8",
                "4c 89 ce  # movq %r9,%rsi",
                "48 89 d7  # movq %rdx,%rdi",
                "b9 06 00 00 00  # movl $6,%ecx",
                "f3 a4  # rep movsb",
                "ff d2  # callq *%rdx",
                X86Rig.HLT);
        rig.put(gen1, "b8 2a 00 00 00  # movl $42,%eax", "c3  # ret");
        rig.put(gen2, "b8 07 00 00 00  # movl $7,%eax", "c3  # ret");
        rig.s.r[X86State.RBX] = gen1;
        rig.s.r[X86State.R9] = gen2;
        rig.s.r[X86State.RDX] = buffer;
        rig.runToHalt();
        assertEquals(42, rig.reg(X86State.R8));
        assertEquals(7, rig.reg(X86State.RAX));
    }

    @Test
    void anInstructionCrossingAPageBoundaryRunsAndSeesStoresToItsSecondPage() {
        long at = 0x2_0ffc;                                    // movabs spans 0x20ffc..0x21005
        X86Rig rig = new X86Rig().program(
                "48 c7 c2 fc 0f 02 00  # movq $0x20ffc,%rdx",
                "ff d2  # callq *%rdx",
                "49 89 c0  # movq %rax,%r8",
                "48 c7 c3 04 10 02 00  # movq $0x21004,%rbx",
                "c6 03 99  # movb $0x99,(%rbx)",
                "ff d2  # callq *%rdx",
                X86Rig.HLT);
        rig.put(at, "48 b8 88 77 66 55 44 33 22 11  # movabs $0x1122334455667788,%rax", "c3  # ret");
        rig.runToHalt();
        assertEquals(0x1122_3344_5566_7788L, rig.reg(X86State.R8));
        assertEquals(0x1199_3344_5566_7788L, rig.reg(X86State.RAX), "immediate byte 6 replaced");
    }

    @Test
    void storesToDataBesideCodeKeepTheDecodedPage() {
        X86Rig rig = new X86Rig().program(
                "b9 e8 03 00 00  # movl $1000,%ecx",
                "48 ff 05 14 00 00 00  # loop: incq data(%rip)",
                "f0 48 ff 05 14 00 00 00  # lock incq data+8(%rip)",
                "ff c9  # decl %ecx",
                "75 ed  # jne loop",
                X86Rig.HLT,
                "0f 1f 80 00 00 00 00  # nopl (padding)",
                "00 00 00 00 00 00 00 00  # data: .quad 0",
                "00 00 00 00 00 00 00 00  # .quad 0");
        rig.runToHalt();
        assertEquals(1000, rig.read64(X86Rig.CODE + 0x20));
        assertEquals(1000, rig.read64(X86Rig.CODE + 0x28));
        assertEquals(1, rig.core.counters().get("code tlb misses"), "the decoded page survived 2000 stores");
        assertEquals(1 + 4 * 1000 + 1, rig.core.retired());
    }

    @Test
    void aLockedStoreIntoAnInstructionIsSeen() {
        X86Rig rig = new X86Rig().program(
                "31 c9  # xorl %ecx,%ecx",
                "f0 fe 05 01 00 00 00  # loop: lock incb imm(%rip)",
                "b8 00 00 00 00  # movl $imm,%eax",
                "ff c1  # incl %ecx",
                "83 f9 03  # cmpl $3,%ecx",
                "72 ed  # jb loop",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(3, rig.reg(X86State.RAX));
    }

    @Test
    void codeRewrittenByTheHypervisorIsSeenOnTheNextRun() {
        X86Rig rig = new X86Rig().program("b8 2a 00 00 00  # movl $42,%eax", X86Rig.HLT);
        rig.runToHalt();
        assertEquals(42, rig.reg(X86State.RAX));
        rig.put(X86Rig.CODE, "b8 07 00 00 00  # movl $7,%eax", X86Rig.HLT);
        rig.s.rip = X86Rig.CODE;
        rig.runToHalt();
        assertEquals(7, rig.reg(X86State.RAX));
    }

    @Test
    void aStoreByAnotherCpuInvalidatesTheCodeForAll() {
        TestGuest guest = new TestGuest();
        X86Backend backend = new X86Backend();
        X86Core runner = ((X86Vcpu) backend.createCore(guest, 0)).cpu();
        X86Core writer = ((X86Vcpu) backend.createCore(guest, 1)).cpu();
        X86Rig rig = new X86Rig(guest);
        long code = 0x3_0000;
        rig.put(code, "b8 2a 00 00 00  # movl $42,%eax", X86Rig.HLT);
        rig.put(X86Rig.CODE, "c6 03 07  # movb $7,(%rbx) (the immediate of the other CPU's movl)", X86Rig.HLT);
        runner.start(code, 0);
        writer.start(X86Rig.CODE, 0);
        writer.state().r[X86State.RBX] = code + 1;
        assertEquals(VcpuExit.HALT, runner.run(100));
        assertEquals(42, runner.state().r[X86State.RAX]);
        assertEquals(VcpuExit.HALT, writer.run(100));
        runner.state().rip = code;
        assertEquals(VcpuExit.HALT, runner.run(100));
        assertEquals(7, runner.state().r[X86State.RAX]);
    }
}
