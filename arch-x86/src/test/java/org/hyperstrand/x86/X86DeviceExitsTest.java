package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/** What a guest reaches through IOIO and MSR exits: the COM1 UART, empty ports, the MSR policy. */
class X86DeviceExitsTest {

    @Test
    void aPolledSerialDriverPrintsOnTheDomainConsole() {
        X86Rig rig = X86Rig.guest().program(
                "66 ba fd 03  # movw $0x3fd,%dx (LSR)",
                "ec  # inb (%dx),%al",
                "88 c3  # movb %al,%bl",
                "66 ba f8 03  # movw $0x3f8,%dx (THR)",
                "b0 48  # movb $0x48,%al",
                "ee  # outb %al,(%dx)",
                "b0 69  # movb $0x69,%al",
                "ee  # outb %al,(%dx)",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals("Hi", new String(rig.guest.console.recent(), StandardCharsets.US_ASCII));
        assertEquals(0x60, rig.reg(X86State.RBX) & 0x60, "THRE and TEMT: the transmitter is always ready");
    }

    @Test
    void aPortWithoutADeviceReadsAllOnesAndKeepsTheRestOfRax() {
        X86Rig rig = X86Rig.guest().program(
                "48 c7 c0 00 00 00 00  # movq $0,%rax",
                "48 ff c8  # decq %rax",
                "48 c1 e0 10  # shlq $16,%rax",
                "66 ba 34 12  # movw $0x1234,%dx",
                "66 ed  # inw (%dx),%ax",
                "ed  # inl (%dx),%eax",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(0xffff_ffffL, rig.reg(X86State.RAX), "a 32-bit IN zero-extends");
    }

    @Test
    void anAddressBeyondTheDomainsMemoryIsAMachineCheckInTheGuest() {
        X86Rig rig = X86Rig.guest().program(
                "48 c7 c0 00 00 00 10  # movq $0x10000000,%rax (256 MiB: mapped by the boot tables, not memory)",
                "8b 18  # movl (%rax),%ebx",
                X86Rig.HLT);
        rig.expectException(X86Arch.MC);
        assertEquals(X86Rig.CODE + 7, rig.stack(0), "RIP at the access");
    }

    @Test
    void aMachineCheckThatCannotBeDeliveredStopsTheDomainWithTheAddress() {
        X86Rig rig = X86Rig.guest().program(
                "48 c7 c4 00 00 00 10  # movq $0x10000000,%rsp (the stack outside memory)",
                "48 c7 c0 00 00 00 10  # movq $0x10000000,%rax",
                "8b 18  # movl (%rax),%ebx",
                X86Rig.HLT);
        rig.installIdt(0x8e);
        assertEquals(org.hyperstrand.core.spi.VcpuExit.FATAL, rig.run());
        String report = rig.vcpu.report();
        assertTrue(report.contains("guest-physical address 0xffffff8 is not memory of this domain (write while "
                + "delivering vector 18"), report);
    }

    @Test
    void anUnknownMsrIsAGeneralProtectionFaultFromTheHypervisor() {
        X86Rig rig = X86Rig.guest().program(
                "b9 34 12 00 00  # movl $0x1234,%ecx",
                "0f 32  # rdmsr",
                X86Rig.HLT);
        rig.expectException(X86Arch.GP);
    }
}
