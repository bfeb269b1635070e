package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/**
 * ModRM/SIB addressing in all its special cases, RIP-relative operands, 32-bit addressing,
 * FS/GS segment bases, absolute moffs addresses, and memory forms of the ALU, shift, bit and
 * move instructions.
 */
class X86AddressingTest {

    private static final long D = X86Rig.DATA;

    private static X86Rig rig(String... code) {
        X86Rig rig = new X86Rig().program(code);
        for (int i = 0; i < 64; i++) {
            rig.write64(D + 8L * i, 0x1000 + i);
        }
        return rig;
    }

    @Test
    void ripRelativeLoadStoreAndLea() {
        X86Rig rig = new X86Rig().program(
                "48 8b 05 10 00 00 00  # movq 0x10(%rip),%rax",
                "48 89 05 20 00 00 00  # movq %rax,0x20(%rip)",
                "48 8d 0d f0 ff ff ff  # leaq -0x10(%rip),%rcx",
                X86Rig.HLT);
        rig.write64(X86Rig.CODE + 7 + 0x10, 0xfeed);
        rig.runToHalt();
        assertEquals(0xfeed, rig.reg(X86State.RAX));
        assertEquals(0xfeed, rig.read64(X86Rig.CODE + 14 + 0x20));
        assertEquals(X86Rig.CODE + 21 - 0x10, rig.reg(X86State.RCX));
    }

    @Test
    void sibFormsIncludingTheNoBaseAndR12R13Cases() {
        X86Rig rig = rig(
                "48 8b 44 cb 08  # movq 0x8(%rbx,%rcx,8),%rax",
                "49 89 c0  # movq %rax,%r8",
                "48 8b 04 8d 00 00 04 00  # movq 0x40000(,%rcx,4),%rax",
                "49 89 c1  # movq %rax,%r9",
                "48 8b 45 10  # movq 0x10(%rbp),%rax",
                "49 89 c2  # movq %rax,%r10",
                "49 8b 45 10  # movq 0x10(%r13),%rax",
                "49 89 c3  # movq %rax,%r11",
                "49 8b 04 24  # movq (%r12),%rax",
                "48 89 c6  # movq %rax,%rsi",
                "4a 8b 04 63  # movq (%rbx,%r12,2),%rax",
                "48 89 c7  # movq %rax,%rdi",
                "4b 8b 44 25 00  # movq 0x0(%r13,%r12,1),%rax",
                X86Rig.HLT);
        rig.s.r[X86State.RBX] = D;
        rig.s.r[X86State.RCX] = 2;
        rig.s.r[X86State.RBP] = D + 8;
        rig.s.r[13] = D + 16;
        rig.s.r[12] = D + 24;
        rig.write64(D + 2 * (D + 24), 0x4242);
        rig.write64((D + 16) + (D + 24), 0x4343);
        rig.runToHalt();
        assertEquals(0x1003, rig.reg(8), "disp + base + index * 8");
        assertEquals(0x1001, rig.reg(9), "no base: disp32 + index * 4");
        assertEquals(0x1003, rig.reg(10), "rbp base needs a displacement");
        assertEquals(0x1004, rig.reg(11), "r13 base likewise");
        assertEquals(0x1003, rig.reg(X86State.RSI), "r12 base needs a SIB byte");
        assertEquals(0x4242, rig.reg(X86State.RDI), "rbx + r12 * 2");
        assertEquals(0x4343, rig.reg(X86State.RAX), "r12 is a valid index under r13");
    }

    @Test
    void addressSize32TruncatesTheAddress() {
        X86Rig rig = rig(
                "67 8b 03  # movl (%ebx),%eax",
                "67 8d 4c 0b 01  # leal 0x1(%ebx,%ecx,1),%ecx",
                X86Rig.HLT);
        rig.s.r[X86State.RBX] = 0xffff_ffff_0000_0000L | D;
        rig.s.r[X86State.RCX] = 0x1_0000_0010L;
        rig.runToHalt();
        assertEquals(0x1000, rig.reg(X86State.RAX));
        assertEquals(D + 0x11, rig.reg(X86State.RCX));
    }

    @Test
    void fsAndGsOverridesAddTheirBases() {
        X86Rig rig = rig(
                "64 48 8b 03  # movq %fs:(%rbx),%rax",
                "65 48 89 43 08  # movq %rax,%gs:0x8(%rbx)",
                "64 48 8d 0b  # leaq %fs:(%rbx),%rcx (LEA ignores segments)",
                "2e 48 8b 13  # movq %cs:(%rbx),%rdx (CS base is 0 in 64-bit mode)",
                X86Rig.HLT);
        rig.s.segBase[X86Arch.FS] = D;
        rig.s.segBase[X86Arch.GS] = D + 0x100;
        rig.s.r[X86State.RBX] = 0x18;
        rig.write64(0x18, 0x77);
        rig.runToHalt();
        assertEquals(0x1003, rig.reg(X86State.RAX));
        assertEquals(0x1003, rig.read64(D + 0x100 + 0x20));
        assertEquals(0x18, rig.reg(X86State.RCX));
        assertEquals(0x77, rig.reg(X86State.RDX));
    }

    @Test
    void fsBaseSetThroughTheMsr() {
        X86Rig rig = rig(
                "b9 00 01 00 c0  # movl $0xc0000100,%ecx",
                "b8 00 00 04 00  # movl $0x40000,%eax",
                "31 d2  # xorl %edx,%edx",
                "0f 30  # wrmsr",
                "64 48 8b 04 25 10 00 00 00  # movq %fs:0x10,%rax",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(0x1002, rig.reg(X86State.RAX));
    }

    @Test
    void moffsFormsUseA64BitAbsoluteAddress() {
        X86Rig rig = rig(
                "48 a1 10 00 04 00 00 00 00 00  # movabsq 0x40010,%rax",
                "a2 08 00 04 00 00 00 00 00  # movabsb %al,0x40008",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(0x1002, rig.reg(X86State.RAX));
        assertEquals(0x1002, rig.read64(D + 8));
    }

    @Test
    void readModifyWriteMemoryForms() {
        X86Rig rig = rig(
                "48 83 03 05  # addq $5,(%rbx)",
                "01 4b 08  # addl %ecx,8(%rbx)",
                "48 ff 43 10  # incq 0x10(%rbx)",
                "f7 5b 18  # negl 0x18(%rbx)",
                "66 f7 53 20  # notw 0x20(%rbx)",
                "48 c1 63 28 04  # shlq $4,0x28(%rbx)",
                "d2 7b 30  # sarb %cl,0x30(%rbx)",
                "48 0f af 4b 38  # imulq 0x38(%rbx),%rcx",
                X86Rig.HLT);
        rig.s.r[X86State.RBX] = D;
        rig.s.r[X86State.RCX] = 2;
        rig.runToHalt();
        assertEquals(0x1005, rig.read64(D));
        assertEquals(0x1003, rig.read64(D + 8));
        assertEquals(0x1003, rig.read64(D + 0x10));
        assertEquals(0xffff_effdL, rig.read64(D + 0x18), "a 32-bit store leaves the upper half");
        assertEquals(0xeffb, rig.read64(D + 0x20));
        assertEquals(0x10050, rig.read64(D + 0x28));
        assertEquals(0x1001, rig.read64(D + 0x30), "sarb 0x06 by 2");
        assertEquals(2 * 0x1007, rig.reg(X86State.RCX));
    }

    @Test
    void bitTestWithARegisterOffsetReachesBeyondTheOperand() {
        X86Rig rig = rig(
                "48 0f ab 0b  # btsq %rcx,(%rbx)",
                "0f 92 c0  # setb %al",
                "0f ba 23 03  # btl $3,(%rbx)",
                "0f 92 c2  # setb %dl",
                X86Rig.HLT);
        rig.s.r[X86State.RBX] = D + 0x10;
        rig.s.r[X86State.RCX] = -65;                             // bit 63 of the qword two before
        rig.runToHalt();
        assertEquals(0x8000_0000_0000_1000L, rig.read64(D));
        assertEquals(0, rig.reg(X86State.RAX) & 0xff);
        assertEquals(0, rig.reg(X86State.RDX) & 0xff, "bit 3 of 0x1002 is clear");
    }

    @Test
    void movesAndTestsOnMemory() {
        X86Rig rig = rig(
                "0f 95 03  # setne (%rbx)",
                "48 0f 44 53 08  # cmoveq 8(%rbx),%rdx",
                "0f b6 43 11  # movzbl 0x11(%rbx),%eax",
                "48 0f be 4b 11  # movsbq 0x11(%rbx),%rcx",
                "f6 43 11 20  # testb $0x20,0x11(%rbx)",
                "0f 94 c3  # sete %bl",
                X86Rig.HLT);
        rig.write64(D + 0x10, 0x9000);
        rig.s.r[X86State.RBX] = D;
        rig.s.r[X86State.RDX] = 5;
        org.hyperstrand.x86.exec.Flags.setRflags(rig.s, 0x2 | X86Arch.ZF);
        rig.runToHalt();
        assertEquals(0x1000 & ~0xff, rig.read64(D) & ~0xffL);
        assertEquals(0, rig.read64(D) & 0xff, "setne with ZF = 1");
        assertEquals(0x1001, rig.reg(X86State.RDX));
        assertEquals(0x90, rig.reg(X86State.RAX));
        assertEquals(-0x70, rig.reg(X86State.RCX));
        assertEquals(1, rig.reg(X86State.RBX) & 0xff);
    }

    @Test
    void xlatIndexesATable() {
        X86Rig rig = rig("d7  # xlat", X86Rig.HLT);
        rig.s.r[X86State.RBX] = D;
        rig.s.r[X86State.RAX] = 0x1234_5608;
        rig.runToHalt();
        assertEquals(0x1234_5601, rig.reg(X86State.RAX));
    }

    @Test
    void divideAndMultiplyWithMemoryOperands() {
        X86Rig rig = rig("48 f7 63 08  # mulq 8(%rbx)", "48 f7 33  # divq (%rbx)", X86Rig.HLT);
        rig.s.r[X86State.RBX] = D;
        rig.s.r[X86State.RAX] = 0x8000_0000_0000_0000L;
        rig.runToHalt();
        // 2^63 * 0x1001 = 0x800:8000...0, then / 0x1000
        assertEquals(0x8008_0000_0000_0000L, rig.reg(X86State.RAX));
        assertEquals(0, rig.reg(X86State.RDX));
    }

    @Test
    void aWideDividendDividesWithTheFullRdxRax() {
        X86Rig rig = rig("48 f7 f3  # divq %rbx", X86Rig.HLT);
        rig.s.r[X86State.RDX] = 0x1234;
        rig.s.r[X86State.RAX] = 0x5678_9abc_def0_1234L;
        rig.s.r[X86State.RBX] = 0x1_0000_0001L;
        rig.runToHalt();
        java.math.BigInteger n = new java.math.BigInteger("12345678" + "9abcdef01234", 16);
        java.math.BigInteger[] qr = n.divideAndRemainder(java.math.BigInteger.valueOf(0x1_0000_0001L));
        assertEquals(qr[0].longValue(), rig.reg(X86State.RAX));
        assertEquals(qr[1].longValue(), rig.reg(X86State.RDX));
    }

    @Test
    void aWideSignedDividendDividesWithTheFullRdxRax() {
        X86Rig rig = rig("48 f7 fb  # idivq %rbx", X86Rig.HLT);
        java.math.BigInteger n = java.math.BigInteger.valueOf(-0x1234_5678_9abcL).shiftLeft(40)
                .add(java.math.BigInteger.valueOf(12345));
        rig.s.r[X86State.RDX] = n.shiftRight(64).longValue();
        rig.s.r[X86State.RAX] = n.longValue();
        rig.s.r[X86State.RBX] = 0x7fff_0000_1234L;
        rig.runToHalt();
        java.math.BigInteger[] qr = n.divideAndRemainder(java.math.BigInteger.valueOf(0x7fff_0000_1234L));
        assertEquals(qr[0].longValue(), rig.reg(X86State.RAX));
        assertEquals(qr[1].longValue(), rig.reg(X86State.RDX));
    }
}
