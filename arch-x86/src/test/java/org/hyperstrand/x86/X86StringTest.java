package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/** String instructions with REP/REPE/REPNE, both directions, faults in the middle, port strings. */
class X86StringTest {

    private static final long SRC = 0x4_0000;
    private static final long DST = 0x5_0000;

    private static X86Rig rig(String... code) {
        X86Rig rig = new X86Rig().program(code);
        rig.s.r[X86State.RSI] = SRC;
        rig.s.r[X86State.RDI] = DST;
        return rig;
    }

    private static void fill(X86Rig rig, long at, int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + 7 * i);
        }
        rig.put(at, b);
    }

    @Test
    void repMovsbCopiesForward() {
        X86Rig rig = rig("f3 a4  # rep movsb", X86Rig.HLT);
        fill(rig, SRC, 300, 1);
        rig.s.r[X86State.RCX] = 300;
        rig.runToHalt();
        for (int i = 0; i < 300; i++) {
            assertEquals(rig.read8(SRC + i), rig.read8(DST + i), "byte " + i);
        }
        assertEquals(0, rig.read8(DST + 300));
        assertEquals(0, rig.reg(X86State.RCX));
        assertEquals(SRC + 300, rig.reg(X86State.RSI));
        assertEquals(DST + 300, rig.reg(X86State.RDI));
    }

    @Test
    void repMovsqWithDfCopiesBackwardForAnOverlappingMove() {
        X86Rig rig = rig("fd  # std", "f3 48 a5  # rep movsq", "fc  # cld", X86Rig.HLT);
        for (int i = 0; i < 10; i++) {
            rig.write64(SRC + 8L * i, 100 + i);
        }
        rig.s.r[X86State.RSI] = SRC + 8 * 8;                    // move qwords 0..8 up by one
        rig.s.r[X86State.RDI] = SRC + 9 * 8;
        rig.s.r[X86State.RCX] = 9;
        rig.runToHalt();
        for (int i = 1; i < 10; i++) {
            assertEquals(100 + i - 1, rig.read64(SRC + 8L * i), "qword " + i);
        }
        assertEquals(SRC - 8, rig.reg(X86State.RSI));
        assertEquals(0, rig.rflags() & X86Arch.DF);
    }

    @Test
    void repStosWithAZeroCountDoesNothing() {
        X86Rig rig = rig("f3 48 ab  # rep stosq", X86Rig.HLT);
        rig.s.r[X86State.RAX] = -1;
        rig.s.r[X86State.RCX] = 0;
        rig.runToHalt();
        assertEquals(0, rig.read64(DST));
        assertEquals(DST, rig.reg(X86State.RDI));
    }

    @Test
    void repStosqFills() {
        X86Rig rig = rig("f3 48 ab  # rep stosq", X86Rig.HLT);
        rig.s.r[X86State.RAX] = 0x0102_0304_0506_0708L;
        rig.s.r[X86State.RCX] = 4;
        rig.runToHalt();
        for (int i = 0; i < 4; i++) {
            assertEquals(0x0102_0304_0506_0708L, rig.read64(DST + 8L * i));
        }
        assertEquals(0, rig.read64(DST + 32));
    }

    @Test
    void repeCmpsbStopsAtTheFirstDifference() {
        X86Rig rig = rig("f3 a6  # repe cmpsb", X86Rig.HLT);
        rig.put(SRC, "61 62 63 64 65 61 67 68 69 6a");
        rig.put(DST, "61 62 63 64 65 62 67 68 69 6a");
        rig.s.r[X86State.RCX] = 10;
        rig.runToHalt();
        assertEquals(4, rig.reg(X86State.RCX));
        assertEquals(SRC + 6, rig.reg(X86State.RSI));
        assertEquals(0, rig.rflags() & X86Arch.ZF);
        assertEquals(X86Arch.CF, rig.rflags() & X86Arch.CF, "'a' below 'b'");
    }

    @Test
    void repeCmpsbOverEqualBuffersRunsOutTheCount() {
        X86Rig rig = rig("f3 a6  # repe cmpsb", X86Rig.HLT);
        fill(rig, SRC, 64, 3);
        fill(rig, DST, 64, 3);
        rig.s.r[X86State.RCX] = 64;
        rig.runToHalt();
        assertEquals(0, rig.reg(X86State.RCX));
        assertEquals(X86Arch.ZF, rig.rflags() & X86Arch.ZF);
    }

    @Test
    void repneScasbIsStrlen() {
        X86Rig rig = rig(
                "31 c0  # xorl %eax,%eax",
                "48 c7 c1 ff ff ff ff  # movq $-1,%rcx",
                "f2 ae  # repne scasb",
                "48 f7 d1  # notq %rcx",
                "48 ff c9  # decq %rcx",
                X86Rig.HLT);
        rig.put(DST, "68 65 6c 6c 6f 2c 20 77 6f 72 6c 64 00");
        rig.runToHalt();
        assertEquals(12, rig.reg(X86State.RCX));
    }

    @Test
    void lodsAndMovsWithoutRepeatMoveOnce() {
        X86Rig rig = rig("ac  # lodsb", "a5  # movsl", X86Rig.HLT);
        rig.put(SRC, "7f 11 22 33 44");
        rig.runToHalt();
        assertEquals(0x7f, rig.reg(X86State.RAX) & 0xff);
        assertEquals(0x4433_2211L, rig.read64(DST));
        assertEquals(SRC + 5, rig.reg(X86State.RSI));
        assertEquals(DST + 4, rig.reg(X86State.RDI));
    }

    @Test
    void aLongRepeatYieldsToTheBudgetAndCountsIterations() {
        X86Rig rig = rig("f3 aa  # rep stosb", X86Rig.HLT);
        rig.s.r[X86State.RAX] = 0x5a;
        rig.s.r[X86State.RCX] = 20_000;
        int exit;
        int runs = 0;
        do {
            exit = rig.core.run(1000);
            runs++;
            assertTrue(rig.reg(X86State.RCX) == 0 || rig.s.rip == X86Rig.CODE, "RIP stays on the instruction");
        } while (exit == VcpuExit.BUDGET);
        assertEquals(VcpuExit.HALT, exit);
        assertTrue(runs >= 5, "runs " + runs);
        assertEquals(20_001, rig.core.retired(), "one per iteration, plus the hlt");
        assertEquals(0x5a, rig.read8(DST + 19_999));
        assertEquals(0, rig.read8(DST + 20_000));
    }

    @Test
    void aPageFaultInTheMiddleLeavesARestartableState() {
        long va = 0x80_0000_0000L;
        X86Rig rig = rig("f3 aa  # rep stosb", X86Rig.HLT);
        PageTables pt = new PageTables(rig).identity(PageTables.P | PageTables.RW);
        pt.map4k(va, 0x30_0000, PageTables.P | PageTables.RW).load();
        rig.put(X86Rig.HANDLERS + 16 * 14,
                "48 c7 c0 03 10 30 00  # movq $0x301003,%rax (PTE: frame 0x301000 | P | RW)",
                "48 89 03  # movq %rax,(%rbx)",
                "b0 5a  # movb $0x5a,%al",
                "48 83 c4 08  # addq $8,%rsp",
                "48 cf  # iretq");
        rig.s.r[X86State.RBX] = pt.pte(va + 0x1000);
        rig.s.r[X86State.RAX] = 0x5a;
        rig.s.r[X86State.RDI] = va + 0xff0;
        rig.s.r[X86State.RCX] = 0x20;
        rig.runToHalt();
        assertEquals(1, rig.s.exceptionsDelivered);
        assertEquals(va + 0x1000, rig.s.cr2);
        assertEquals(0, rig.reg(X86State.RCX));
        assertEquals(va + 0x1010, rig.reg(X86State.RDI));
        for (int i = 0; i < 0x20; i++) {
            assertEquals(0x5a, rig.read8(0x30_0ff0 + i), "byte " + i);
        }
    }

    @Test
    void addressSize32UsesEdiAndEcx() {
        X86Rig rig = rig("67 f3 aa  # addr32 rep stosb", X86Rig.HLT);
        rig.s.r[X86State.RAX] = 0x33;
        rig.s.r[X86State.RDI] = 0xffff_ffff_0000_0000L | DST;
        rig.s.r[X86State.RCX] = 0xffff_ffff_0000_0003L;
        rig.runToHalt();
        assertEquals(0x33, rig.read8(DST + 2));
        assertEquals(0, rig.read8(DST + 3));
        assertEquals(DST + 3, rig.reg(X86State.RDI), "EDI written, upper half cleared");
        assertEquals(0, rig.reg(X86State.RCX));
    }

    @Test
    void portInputReadsAllOnesAndOutputIsDropped() {
        X86Rig rig = rig(
                "e4 60  # inb $0x60,%al",
                "49 89 c0  # movq %rax,%r8",
                "66 ba f8 03  # movw $0x3f8,%dx",
                "ed  # inl (%dx),%eax",
                "e6 80  # outb %al,$0x80",
                "b9 04 00 00 00  # movl $4,%ecx",
                "f3 6c  # rep insb",
                "6e  # outsb",
                X86Rig.HLT);
        rig.s.r[X86State.RAX] = 0x1234_5678_9abc_def0L;
        rig.runToHalt();
        assertEquals(0x1234_5678_9abc_deffL, rig.reg(X86State.R8), "IN AL keeps the rest of RAX");
        assertEquals(0xffff_ffffL, rig.reg(X86State.RAX), "IN EAX zero-extends");
        assertEquals(0xffff_ffffL, rig.read64(DST) & 0xffff_ffff_ffffL);
    }

    @Test
    void portIoAboveIoplIsAGeneralProtectionFault() {
        X86Rig rig = new X86Rig().program("e4 60  # inb $0x60,%al");
        rig.userMode();
        rig.expectException(X86Arch.GP);
        X86Rig allowed = new X86Rig().program("e4 60  # inb $0x60,%al", "cd 81  # int $0x81");
        allowed.userMode();
        allowed.gate(0x81, X86Rig.HANDLERS + 16 * 0x81, 0xee, 0);
        org.hyperstrand.x86.exec.Flags.setRflags(allowed.s, 0x3002);    // IOPL 3
        allowed.expectException(0x81);
        assertEquals(0xff, allowed.reg(X86State.RAX) & 0xff);
    }
}
