package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/**
 * INS and OUTS in a guest: the IOIO exit's string form, emulated by the hypervisor against the
 * COM1 UART and the empty ports, through the guest's page tables and the nested tables.
 */
class X86StringIoExitsTest {

    private static final long SRC = 0x4_0000;
    private static final long DST = 0x5_0000;
    private static final String DX_THR = "66 ba f8 03  # movw $0x3f8,%dx (THR)";
    private static final String DX_NOTHING = "66 ba 80 00  # movw $0x80,%dx (no device)";

    private static X86Rig guest(String... code) {
        X86Rig rig = X86Rig.guest().program(code);
        rig.s.r[X86State.RSI] = SRC;
        rig.s.r[X86State.RDI] = DST;
        return rig;
    }

    private static String console(X86Rig rig) {
        return new String(rig.guest.console.recent(), StandardCharsets.ISO_8859_1);
    }

    private static long ioExits(X86Rig rig) {
        return rig.vcpu.counters().getOrDefault("vmexit IOIO", 0L);
    }

    @Test
    void repOutsbPrintsAStringOnTheConsoleInOneExit() {
        X86Rig rig = guest(DX_THR, "f3 6e  # rep outsb", X86Rig.HLT);
        byte[] text = "Hello from rep outsb\n".getBytes(StandardCharsets.US_ASCII);
        rig.put(SRC, text);
        rig.s.r[X86State.RCX] = text.length;
        rig.runToHalt();
        assertEquals("Hello from rep outsb\n", console(rig));
        assertEquals(SRC + text.length, rig.reg(X86State.RSI));
        assertEquals(0, rig.reg(X86State.RCX));
        assertEquals(1, ioExits(rig));
        assertEquals(X86Rig.CODE + 4 + 2 + 1, rig.rip(), "just past the hlt");
    }

    @Test
    void withTheDirectionFlagSetTheIndexRegistersGoDown() {
        X86Rig rig = guest(DX_THR, "fd  # std", "f3 6e  # rep outsb", DX_NOTHING,
                "b9 04 00 00 00  # movl $4,%ecx", "f3 6c  # rep insb", "fc  # cld", X86Rig.HLT);
        rig.put(SRC, "olleh".getBytes(StandardCharsets.US_ASCII));
        rig.s.r[X86State.RSI] = SRC + 4;
        rig.s.r[X86State.RDI] = DST + 3;
        rig.s.r[X86State.RCX] = 5;
        rig.runToHalt();
        assertEquals("hello", console(rig));
        assertEquals(SRC - 1, rig.reg(X86State.RSI));
        assertEquals(DST - 1, rig.reg(X86State.RDI));
        assertEquals(0xffff_ffffL, rig.read64(DST) & 0xff_ffff_ffffL, "DST..DST+3 read all ones, DST+4 untouched");
    }

    @Test
    void wordsAndDoublewordsGoToConsecutivePortsLowByteFirstAsInAndOutDo() {
        X86Rig rig = guest(
                "66 ba fe 03  # movw $0x3fe,%dx (MSR, then SCR)",
                "66 6f  # outsw",
                "66 ba ff 03  # movw $0x3ff,%dx (SCR)",
                "ec  # inb (%dx),%al",
                "49 89 c0  # movq %rax,%r8",
                "66 ba fc 03  # movw $0x3fc,%dx (MCR, LSR, MSR, SCR)",
                "6f  # outsl",
                "6d  # insl",
                "ed  # inl (%dx),%eax",
                X86Rig.HLT);
        rig.put(SRC, X86Rig.hex("11 a5  03 00 00 5a"));
        rig.runToHalt();
        assertEquals(0xa5, rig.reg(X86State.R8) & 0xff, "the high byte of the word went to SCR");
        assertEquals(SRC + 6, rig.reg(X86State.RSI));
        assertEquals(DST + 4, rig.reg(X86State.RDI));
        long viaIn = rig.reg(X86State.RAX);
        assertEquals(0x5a00_0003L, viaIn & 0xff00_00ffL, "MCR and SCR as written");
        assertEquals(viaIn, rig.read64(DST) & 0xffff_ffffL, "insl reads what inl reads");
    }

    @Test
    void aPortWithoutADeviceReadsAllOnesAtEverySizeAndDropsWrites() {
        X86Rig rig = guest(DX_NOTHING, "6c  # insb", "66 6d  # insw", "6d  # insl", "6e  # outsb", "6f  # outsl",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(0x00ff_ffff_ffff_ffffL, rig.read64(DST), "1 + 2 + 4 bytes of ones, nothing after");
        assertEquals(DST + 7, rig.reg(X86State.RDI));
        assertEquals(SRC + 5, rig.reg(X86State.RSI));
        assertEquals("", console(rig));
    }

    @Test
    void aRepeatWithACountOfZeroDoesNothing() {
        X86Rig rig = guest(DX_THR, "f3 6e  # rep outsb", "f3 6c  # rep insb", X86Rig.HLT);
        rig.put(SRC, "x".getBytes(StandardCharsets.US_ASCII));
        rig.s.r[X86State.RCX] = 0;
        rig.runToHalt();
        assertEquals("", console(rig));
        assertEquals(SRC, rig.reg(X86State.RSI));
        assertEquals(DST, rig.reg(X86State.RDI));
        assertEquals(0, rig.read8(DST));
        assertEquals(2, ioExits(rig));
    }

    @Test
    void addressSize32UsesEsiAndEcxAndClearsTheirUpperHalves() {
        X86Rig rig = guest(DX_THR, "67 f3 6e  # addr32 rep outsb", X86Rig.HLT);
        rig.put(SRC, "abcdef".getBytes(StandardCharsets.US_ASCII));
        rig.s.r[X86State.RSI] = 0xffff_ffff_0000_0000L | SRC;
        rig.s.r[X86State.RCX] = 0xffff_ffff_0000_0003L;
        rig.runToHalt();
        assertEquals("abc", console(rig));
        assertEquals(SRC + 3, rig.reg(X86State.RSI));
        assertEquals(0, rig.reg(X86State.RCX));
    }

    @Test
    void anFsOverrideAddsTheFsBase() {
        X86Rig rig = guest(DX_THR, "64 f3 6e  # rep outsb %fs:(%rsi),(%dx)", X86Rig.HLT);
        rig.put(SRC, "fs!".getBytes(StandardCharsets.US_ASCII));
        rig.s.segBase[X86Arch.FS] = SRC - 0x100;
        rig.s.r[X86State.RSI] = 0x100;
        rig.s.r[X86State.RCX] = 3;
        rig.runToHalt();
        assertEquals("fs!", console(rig));
        assertEquals(0x103, rig.reg(X86State.RSI));
    }

    @Test
    void aRepeatLongerThanTheBoundGoesBackToTheGuestBetweenChunks() {
        int n = 2500;
        X86Rig rig = guest(DX_THR, "f3 6e  # rep outsb", X86Rig.HLT);
        byte[] text = new byte[n];
        for (int i = 0; i < n; i++) {
            text[i] = (byte) ('a' + i % 26);
        }
        rig.put(SRC, text);
        rig.s.r[X86State.RCX] = n;
        assertEquals(VcpuExit.BUDGET, rig.run(100), "the first chunk's iterations use up the quantum");
        assertEquals(X86Rig.CODE + 4, rig.rip(), "RIP stays at the instruction");
        assertEquals(n - 1024, rig.reg(X86State.RCX));
        assertEquals(SRC + 1024, rig.reg(X86State.RSI));
        rig.runToHalt();
        assertEquals(new String(text, StandardCharsets.US_ASCII), console(rig));
        assertEquals(3, ioExits(rig), "1024 + 1024 + 452 iterations");
        assertEquals(n + 2, rig.core.retired(), "one per iteration, plus the movw and the hlt");
    }

    /** A string from va + 0xff0 whose second page (va + 0x1000) is not present yet. */
    private static final long VA = 0x80_0000_0000L;

    private static PageTables splitPages(X86Rig rig) {
        PageTables pt = new PageTables(rig).identity(PageTables.P | PageTables.RW);
        pt.map4k(VA, 0x30_0000, PageTables.P | PageTables.RW).load();
        return pt;
    }

    @Test
    void aPageFaultInTheMiddleIsRaisedInTheGuestWithCr2AndARestartableState() {
        X86Rig rig = guest(DX_NOTHING, "f3 6c  # rep insb", X86Rig.HLT);
        splitPages(rig);
        rig.s.r[X86State.RDI] = VA + 0xff0;
        rig.s.r[X86State.RCX] = 0x20;
        rig.expectException(X86Arch.PF_VECTOR);
        assertEquals(X86Arch.PF_W, rig.stack(0), "error code: not present, write, supervisor");
        assertEquals(X86Rig.CODE + 4, rig.stack(1), "RIP at the rep insb");
        assertEquals(VA + 0x1000, rig.s.cr2);
        assertEquals(VA + 0x1000, rig.reg(X86State.RDI));
        assertEquals(0x10, rig.reg(X86State.RCX));
        for (int i = 0; i < 0x10; i++) {
            assertEquals(0xff, rig.read8(0x30_0ff0 + i), "byte " + i);
        }
    }

    @Test
    void afterTheGuestMapsTheFaultingPageTheRepeatGoesOnWithoutRepeatingOutput() {
        X86Rig rig = guest(DX_THR, "f3 6e  # rep outsb", X86Rig.HLT);
        PageTables pt = splitPages(rig);
        rig.put(X86Rig.HANDLERS + 16 * 14,
                "48 c7 c0 03 10 30 00  # movq $0x301003,%rax (PTE: frame 0x301000 | P | RW)",
                "48 89 03  # movq %rax,(%rbx)",
                "48 83 c4 08  # addq $8,%rsp",
                "48 cf  # iretq");
        String text = "0123456789abcdef0123456789ABCDEF";
        rig.put(0x30_0ff0, text.getBytes(StandardCharsets.US_ASCII));
        rig.s.r[X86State.RBX] = pt.pte(VA + 0x1000);
        rig.s.r[X86State.RSI] = VA + 0xff0;
        rig.s.r[X86State.RCX] = text.length();
        rig.runToHalt();
        assertEquals(text, console(rig));
        assertEquals(1, rig.s.exceptionsDelivered);
        assertEquals(VA + 0x1010, rig.reg(X86State.RSI));
        assertEquals(2, ioExits(rig), "before the fault, and again after the guest mapped the page");
    }

    @Test
    void atCpl3TheGuestsAccessIsAUserAccess() {
        X86Rig rig = guest(DX_THR, "f3 6e  # rep outsb", X86Rig.HLT);
        PageTables pt = rig.userMode();
        pt.map4k(VA, 0x30_0000, PageTables.P | PageTables.RW).load();     // supervisor only
        org.hyperstrand.x86.exec.Flags.setRflags(rig.s, 0x3002);            // IOPL 3: port I/O allowed
        rig.put(0x30_0000, "secret".getBytes(StandardCharsets.US_ASCII));
        rig.s.r[X86State.RSI] = VA;
        rig.s.r[X86State.RCX] = 6;
        rig.expectException(X86Arch.PF_VECTOR);
        assertEquals(X86Arch.PF_P | X86Arch.PF_U, rig.stack(0), "error code: protection, read, user");
        assertEquals(VA, rig.s.cr2);
        assertEquals("", console(rig));
    }

    @Test
    void anAddressOutsideTheDomainsMemoryIsAMachineCheck() {
        X86Rig rig = guest(DX_THR, "f3 6e  # rep outsb", X86Rig.HLT);
        rig.s.r[X86State.RSI] = 0x1000_0000L;                    // mapped by the boot tables, not memory
        rig.s.r[X86State.RCX] = 4;
        rig.expectException(X86Arch.MC);
        assertEquals(X86Rig.CODE + 4, rig.stack(0), "RIP at the access");
        assertEquals(4, rig.reg(X86State.RCX));
        assertEquals("", console(rig));
    }

    @Test
    void aNonCanonicalAddressIsAGeneralProtectionFault() {
        X86Rig rig = guest(DX_THR, "6e  # outsb", X86Rig.HLT);
        rig.s.r[X86State.RSI] = 0x8000_0000_0000_0000L;
        rig.expectException(X86Arch.GP);
        assertEquals(0, rig.stack(0), "error code 0");
    }
}
