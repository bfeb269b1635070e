package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.hyperstrand.x86.cpu.ExitCode;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.svm.PermissionMaps;
import org.hyperstrand.x86.svm.SvmUnit;
import org.hyperstrand.x86.svm.Vmcb;
import org.hyperstrand.x86.svm.VmcbLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The intercept matrix at the CPU level: for each intercept, a guest action gives the exit
 * code and EXITINFO of reference/amd-v-svm.md section 2 with the bit set, and no exit (the
 * program runs on to its final HLT) with the bit clear. The VMCB is the one the hypervisor
 * set up for the program; the test edits its controls and executes VMRUN itself.
 */
class SvmInterceptTest {

    private static final String MOV_DATA_TO_RAX = "48 c7 c0 00 00 04 00  # movq $0x40000,%rax";

    /** An intercept: the program, the control word and bit, the exit, its EXITINFO1. */
    static Stream<Arguments> instructionIntercepts() {
        return Stream.of(
            Arguments.of("cpuid", new String[] {"31 c0  # xorl %eax,%eax", "0f a2  # cpuid"},
                    VmcbLayout.INTERCEPT_MISC1, ExitCode.CPUID, ExitCode.CPUID, 0L),
            Arguments.of("rdtsc", new String[] {"0f 31  # rdtsc"},
                    VmcbLayout.INTERCEPT_MISC1, ExitCode.RDTSC, ExitCode.RDTSC, 0L),
            Arguments.of("rdtscp", new String[] {"0f 01 f9  # rdtscp"},
                    VmcbLayout.INTERCEPT_MISC2, ExitCode.RDTSCP, ExitCode.RDTSCP, 0L),
            Arguments.of("pause", new String[] {"f3 90  # pause"},
                    VmcbLayout.INTERCEPT_MISC1, ExitCode.PAUSE, ExitCode.PAUSE, 0L),
            Arguments.of("invd", new String[] {"0f 08  # invd"},
                    VmcbLayout.INTERCEPT_MISC1, ExitCode.INVD, ExitCode.INVD, 0L),
            Arguments.of("wbinvd", new String[] {"0f 09  # wbinvd"},
                    VmcbLayout.INTERCEPT_MISC2, ExitCode.WBINVD, ExitCode.WBINVD, 0L),
            Arguments.of("invlpg", new String[] {MOV_DATA_TO_RAX, "0f 01 38  # invlpg (%rax)"},
                    VmcbLayout.INTERCEPT_MISC1, ExitCode.INVLPG, ExitCode.INVLPG, 0x40000L),
            Arguments.of("int 0x80", new String[] {"cd 80  # int $0x80"},
                    VmcbLayout.INTERCEPT_MISC1, ExitCode.SWINT, ExitCode.SWINT, 0x80L),
            Arguments.of("sgdt", new String[] {MOV_DATA_TO_RAX, "0f 01 00  # sgdt (%rax)"},
                    VmcbLayout.INTERCEPT_MISC1, ExitCode.GDTR_READ, ExitCode.GDTR_READ, 0L),
            Arguments.of("mov %cr3,%rbx", new String[] {"0f 20 db  # movq %cr3,%rbx"},
                    VmcbLayout.INTERCEPT_CR, 3, ExitCode.READ_CR0 + 3, (1L << 63) | X86State.RBX),
            Arguments.of("mov %rax,%cr0", new String[] {"0f 20 c0  # movq %cr0,%rax", "0f 22 c0  # movq %rax,%cr0"},
                    VmcbLayout.INTERCEPT_CR, 16, ExitCode.WRITE_CR0, 1L << 63),
            Arguments.of("mov %dr7,%rcx", new String[] {"0f 21 f9  # movq %dr7,%rcx"},
                    VmcbLayout.INTERCEPT_DR, 7, ExitCode.READ_DR0 + 7, (long) X86State.RCX),
            Arguments.of("ud2", new String[] {"0f 0b  # ud2"},
                    VmcbLayout.INTERCEPT_EXCEPTIONS, X86Arch.UD, ExitCode.EXCEPTION_0 + X86Arch.UD, 0L),
            Arguments.of("stgi", new String[] {"0f 01 dc  # stgi"},
                    VmcbLayout.INTERCEPT_MISC2, ExitCode.STGI, ExitCode.STGI, 0L));
    }

    private static X86Rig guest(String... program) {
        return X86Rig.guestProgram(program);
    }

    /** VMRUN of the rig's VMCB as it stands, then the exit code. */
    private static long vmrun(X86Rig rig) {
        return rig.vmrunOnce(100_000);
    }

    private static void setBit(Vmcb v, int word, int bit, boolean on) {
        long w = v.get32(word);
        v.set32(word, on ? w | (1L << bit) : w & ~(1L << bit));
    }

    private static int bitOf(int word, int codeOrBit) {
        if (word == VmcbLayout.INTERCEPT_MISC1) {
            return codeOrBit - 0x60;
        }
        return word == VmcbLayout.INTERCEPT_MISC2 ? codeOrBit - 0x80 : codeOrBit;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instructionIntercepts")
    void anInterceptBitExitsWithItsCodeAndInfoAndClearItDoesNot(String name, String[] program, int word, int codeOrBit,
                                                                long exit, long info1) {
        X86Rig on = guest(program);
        setBit(on.vcpu.vmcb(), word, bitOf(word, codeOrBit), true);
        long start = on.vcpu.vmcb().get64(VmcbLayout.RIP);
        assertEquals(exit, vmrun(on), name);
        Vmcb v = on.vcpu.vmcb();
        assertEquals(info1, v.get64(VmcbLayout.EXITINFO1), name + " EXITINFO1");
        long rip = v.get64(VmcbLayout.RIP);
        assertTrue(rip >= start && rip < start + 16, "RIP at the intercepted instruction");
        if (exit < 0x40 || exit >= 0x60) {
            assertTrue(v.get64(VmcbLayout.NEXT_RIP) > rip, name + " NRIP after the instruction");
        }

        X86Rig off = guest(program);
        setBit(off.vcpu.vmcb(), word, bitOf(word, codeOrBit), false);
        long other = vmrun(off);
        assertNotEquals(exit, other, name + " without its intercept");
    }

    @Test
    void ioioExitsWithPortSizeAndNextRipOnlyForPortsTheIopmNames() {
        X86Rig rig = guest("b0 41  # movb $0x41,%al", "e6 80  # outb %al,$0x80", "66 ed  # inw (%dx),%ax");
        assertEquals(ExitCode.IOIO, vmrun(rig));
        Vmcb v = rig.vcpu.vmcb();
        long info = v.get64(VmcbLayout.EXITINFO1);
        assertEquals(0x80, info >>> 16, "port");
        assertEquals(0, info & 1, "OUT");
        assertEquals(1, (info >>> 4) & 7, "one byte");
        assertEquals(v.get64(VmcbLayout.RIP) + 2, v.get64(VmcbLayout.EXITINFO2), "next RIP");

        X86Rig open = guest("e6 80  # outb %al,$0x80");
        PermissionMaps.setIoIntercept(open.guest.memory, open.vcpu.vmcb().get64(VmcbLayout.IOPM_BASE_PA), 0x80, 1,
                false);
        assertEquals(ExitCode.HLT, vmrun(open), "a port the IOPM leaves open does not exit");
    }

    @Test
    void aTwoByteAccessStraddlingAnInterceptedPortExits() {
        X86Rig rig = guest("66 ba ff 03  # movw $0x3ff,%dx", "66 ed  # inw (%dx),%ax");
        long iopm = rig.vcpu.vmcb().get64(VmcbLayout.IOPM_BASE_PA);
        PermissionMaps.fill(rig.guest.memory, iopm, PermissionMaps.IOPM_BYTES, false);
        PermissionMaps.setIoIntercept(rig.guest.memory, iopm, 0x400, 1, true);
        assertEquals(ExitCode.IOIO, vmrun(rig));
        long info = rig.vcpu.vmcb().get64(VmcbLayout.EXITINFO1);
        assertEquals(0x3ff, info >>> 16);
        assertEquals(1, info & 1, "IN");
        assertEquals(2, (info >>> 4) & 7, "two bytes");
    }

    @Test
    void msrExitsFollowTheMsrpmPerDirection() {
        String[] program = {"b9 80 00 00 c0  # movl $0xc0000080,%ecx (EFER)", "0f 32  # rdmsr", "0f 30  # wrmsr"};
        X86Rig read = guest(program);
        assertEquals(ExitCode.MSR, vmrun(read));
        assertEquals(0, read.vcpu.vmcb().get64(VmcbLayout.EXITINFO1), "RDMSR");

        X86Rig write = guest(program);
        long msrpm = write.vcpu.vmcb().get64(VmcbLayout.MSRPM_BASE_PA);
        PermissionMaps.setMsrIntercept(write.guest.memory, msrpm, X86Arch.MSR_EFER, false, true);
        assertEquals(ExitCode.MSR, vmrun(write));
        assertEquals(1, write.vcpu.vmcb().get64(VmcbLayout.EXITINFO1), "WRMSR");

        X86Rig none = guest(program);
        PermissionMaps.setMsrIntercept(none.guest.memory, none.vcpu.vmcb().get64(VmcbLayout.MSRPM_BASE_PA),
                X86Arch.MSR_EFER, false, false);
        assertEquals(ExitCode.HLT, vmrun(none));
    }

    @Test
    void vmmcallAndVmrunAreInterceptsAndWithoutTheBitVmmcallIsUndefined() {
        assertEquals(ExitCode.VMMCALL, vmrun(guest("0f 01 d9  # vmmcall")));
        assertEquals(ExitCode.VMRUN, vmrun(guest("0f 01 d8  # vmrun")));
        X86Rig off = guest("0f 01 d9  # vmmcall");
        setBit(off.vcpu.vmcb(), VmcbLayout.INTERCEPT_MISC2, 1, false);
        assertEquals(ExitCode.HLT, vmrun(off));
        assertEquals(X86Arch.UD, haltedIn(off), "the #UD handler halted");
    }

    @Test
    void aPageFaultInterceptCarriesTheErrorCodeAndTheAddressBeforeCr2IsWritten() {
        X86Rig rig = guest("48 b8 00 00 00 00 00 10 00 00  # movabs $0x100000000000,%rax", "8b 00  # movl (%rax),%eax");
        setBit(rig.vcpu.vmcb(), VmcbLayout.INTERCEPT_EXCEPTIONS, X86Arch.PF_VECTOR, true);
        assertEquals(ExitCode.EXCEPTION_0 + X86Arch.PF_VECTOR, vmrun(rig));
        Vmcb v = rig.vcpu.vmcb();
        assertEquals(0, v.get64(VmcbLayout.EXITINFO1), "not present, read, supervisor");
        assertEquals(0x1000_0000_0000L, v.get64(VmcbLayout.EXITINFO2));
        assertEquals(0, v.get64(VmcbLayout.CR2), "CR2 untouched");
    }

    @Test
    void aTripleFaultIsTheShutdownIntercept() {
        X86Rig rig = guest("0f 0b  # ud2");
        rig.vcpu.vmcb().set32(VmcbLayout.IDTR + VmcbLayout.SEG_LIMIT, 0);
        assertEquals(ExitCode.SHUTDOWN, vmrun(rig));
    }

    @Test
    void theQuantumEndingIsTheIntrExitWithTheGuestResumable() {
        X86Rig rig = guest("eb fe  # jmp .");
        Vmcb v = rig.vcpu.vmcb();
        v.set32(VmcbLayout.VMCB_CLEAN, 0);
        assertEquals(SvmUnit.EXIT, rig.core.vmrun(v, 50));
        assertEquals(ExitCode.INTR, v.get64(VmcbLayout.EXITCODE));
        assertEquals(X86Rig.CODE, v.get64(VmcbLayout.RIP));
        assertEquals(0, v.get64(VmcbLayout.NEXT_RIP), "not an instruction intercept");
    }

    @Test
    void aGuestPhysicalAddressOutsideTheDomainIsANestedPageFault() {
        long outside = TestGuest.SIZE + 0x1000;
        X86Rig rig = guest("48 c7 c0 " + le32(outside) + "  # movq $outside,%rax", "48 89 00  # movq %rax,(%rax)");
        assertEquals(ExitCode.NPF, vmrun(rig));
        Vmcb v = rig.vcpu.vmcb();
        assertEquals(outside, v.get64(VmcbLayout.EXITINFO2));
        assertEquals(1L << 32, v.get64(VmcbLayout.EXITINFO1) & (3L << 32), "the final address, not a table");
        assertEquals(2, v.get64(VmcbLayout.EXITINFO1) & 2, "a write");
    }

    /** The vector whose handler's HLT made the last exit (RIP stays at an intercepted HLT). */
    private static int haltedIn(X86Rig rig) {
        long off = rig.vcpu.vmcb().get64(VmcbLayout.RIP) - X86Rig.HANDLERS;
        return off >= 0 && off < 16 * 256 && off % 16 == 0 ? (int) (off / 16) : -1;
    }

    private static String le32(long v) {
        return String.format("%02x %02x %02x %02x", v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
    }

    // ---- VMRUN's consistency checks ----------------------------------------------------------

    @Test
    void vmrunRefusesAsidZeroAMissingVmrunInterceptAClearSvmeAndABadEventinj() {
        X86Rig asid = guest("90  # nop");
        asid.vcpu.vmcb().set32(VmcbLayout.GUEST_ASID, 0);
        assertEquals(ExitCode.INVALID, vmrun(asid));

        X86Rig noVmrun = guest("90  # nop");
        setBit(noVmrun.vcpu.vmcb(), VmcbLayout.INTERCEPT_MISC2, 0, false);
        assertEquals(ExitCode.INVALID, vmrun(noVmrun));

        X86Rig svme = guest("90  # nop");
        Vmcb v = svme.vcpu.vmcb();
        v.set64(VmcbLayout.EFER, v.get64(VmcbLayout.EFER) & ~X86Arch.EFER_SVME);
        assertEquals(ExitCode.INVALID, vmrun(svme));

        X86Rig nmiAsException = guest("90  # nop");
        nmiAsException.vcpu.vmcb().set32(VmcbLayout.EVENTINJ, VmcbLayout.EVENT_VALID
                | (VmcbLayout.EVENT_TYPE_EXCEPTION << VmcbLayout.EVENT_TYPE_SHIFT) | 2);
        assertEquals(ExitCode.INVALID, vmrun(nmiAsException));
        assertEquals(X86Rig.CODE, nmiAsException.rip(), "no guest instruction ran");
    }

    // ---- event injection and virtual interrupts ------------------------------------------------

    @Test
    void eventinjDeliversAnExceptionOnceAndIsClearedAtTheExit() {
        X86Rig rig = guest("90  # nop");
        rig.vcpu.vmcb().set32(VmcbLayout.EVENTINJ, VmcbLayout.EVENT_VALID
                | (VmcbLayout.EVENT_TYPE_EXCEPTION << VmcbLayout.EVENT_TYPE_SHIFT) | X86Arch.DE);
        assertEquals(ExitCode.HLT, vmrun(rig));
        assertEquals(X86Arch.DE, haltedIn(rig));
        assertEquals(0, rig.vcpu.vmcb().get32(VmcbLayout.EVENTINJ) & VmcbLayout.EVENT_VALID);
    }

    @Test
    void int3IsTheBreakpointExceptionInterceptWithNextRipNotSwint() {
        X86Rig rig = guest("90  # nop", "cc  # int3");
        Vmcb v = rig.vcpu.vmcb();
        setBit(v, VmcbLayout.INTERCEPT_MISC1, ExitCode.SWINT - 0x60, true);
        setBit(v, VmcbLayout.INTERCEPT_EXCEPTIONS, X86Arch.BP, true);
        assertEquals(ExitCode.EXCEPTION_0 + X86Arch.BP, vmrun(rig));
        assertEquals(X86Rig.CODE + 1, v.get64(VmcbLayout.RIP), "RIP at the INT3");
        assertEquals(X86Rig.CODE + 2, v.get64(VmcbLayout.NEXT_RIP), "NRIP after it (APM 15.7.1)");
        assertEquals(0, v.get64(VmcbLayout.EXITINFO1), "#BP has no error code");

        X86Rig swintOnly = guest("cc  # int3");
        setBit(swintOnly.vcpu.vmcb(), VmcbLayout.INTERCEPT_MISC1, ExitCode.SWINT - 0x60, true);
        assertEquals(ExitCode.HLT, vmrun(swintOnly), "SWINT is for INT n only");
        assertEquals(X86Arch.BP, haltedIn(swintOnly));
        assertEquals(X86Rig.CODE + 1, swintOnly.stack(0), "a trap: the handler returns after the INT3");
    }

    @Test
    void anInt3ThatFaultsWhileDeliveredRecordsAnExceptionInExitintinfo() {
        X86Rig rig = guest("cc  # int3");
        rig.installIdt(0x0e);                                    // not present: #NP while delivering #BP
        setBit(rig.vcpu.vmcb(), VmcbLayout.INTERCEPT_EXCEPTIONS, X86Arch.NP, true);
        assertEquals(ExitCode.EXCEPTION_0 + X86Arch.NP, vmrun(rig));
        long info = rig.vcpu.vmcb().get32(VmcbLayout.EXITINTINFO);
        assertEquals(Integer.toUnsignedLong(VmcbLayout.EVENT_VALID
                | (VmcbLayout.EVENT_TYPE_EXCEPTION << VmcbLayout.EVENT_TYPE_SHIFT) | X86Arch.BP), info,
                "TYPE 3 (exception), no error code");
    }

    @Test
    void theEvBitAloneDecidesWhetherAnInjectedExceptionPushesAnErrorCode() {
        int gp = VmcbLayout.EVENT_VALID | (VmcbLayout.EVENT_TYPE_EXCEPTION << VmcbLayout.EVENT_TYPE_SHIFT) | X86Arch.GP;
        X86Rig withEv = guest("90  # nop");
        withEv.vcpu.vmcb().set32(VmcbLayout.EVENTINJ, gp | VmcbLayout.EVENT_ERROR_VALID);
        withEv.vcpu.vmcb().set32(VmcbLayout.EVENTINJ_ERROR, 0x18);
        assertEquals(ExitCode.HLT, vmrun(withEv));
        assertEquals(X86Arch.GP, haltedIn(withEv));
        assertEquals(0x18, withEv.stack(0), "the error code on top of the frame");
        assertEquals(X86Rig.CODE, withEv.stack(1), "then RIP");

        X86Rig withoutEv = guest("90  # nop");
        withoutEv.vcpu.vmcb().set32(VmcbLayout.EVENTINJ, gp);
        withoutEv.vcpu.vmcb().set32(VmcbLayout.EVENTINJ_ERROR, 0x18);
        assertEquals(ExitCode.HLT, vmrun(withoutEv));
        assertEquals(X86Rig.CODE, withoutEv.stack(0), "no error code: RIP on top");

        X86Rig deWithEv = guest("90  # nop");
        deWithEv.vcpu.vmcb().set32(VmcbLayout.EVENTINJ,
                VmcbLayout.EVENT_VALID | (VmcbLayout.EVENT_TYPE_EXCEPTION << VmcbLayout.EVENT_TYPE_SHIFT)
                        | X86Arch.DE | VmcbLayout.EVENT_ERROR_VALID);
        deWithEv.vcpu.vmcb().set32(VmcbLayout.EVENTINJ_ERROR, 0x7);
        assertEquals(ExitCode.HLT, vmrun(deWithEv));
        assertEquals(0x7, deWithEv.stack(0), "EV pushes one even for a vector that has none");
    }

    @Test
    void anInjectedPageFaultLeavesCr2AsTheHypervisorSetIt() {
        X86Rig rig = guest("90  # nop");
        Vmcb v = rig.vcpu.vmcb();
        v.set64(VmcbLayout.CR2, 0xdead000L);
        v.set32(VmcbLayout.EVENTINJ, VmcbLayout.EVENT_VALID | (VmcbLayout.EVENT_TYPE_EXCEPTION
                << VmcbLayout.EVENT_TYPE_SHIFT) | X86Arch.PF_VECTOR | VmcbLayout.EVENT_ERROR_VALID);
        v.set32(VmcbLayout.EVENTINJ_ERROR, X86Arch.PF_W);
        assertEquals(ExitCode.HLT, vmrun(rig));
        assertEquals(X86Arch.PF_VECTOR, haltedIn(rig));
        assertEquals(X86Arch.PF_W, rig.stack(0));
        assertEquals(0xdead000L, v.get64(VmcbLayout.CR2), "not the CPU's last fault address");
    }

    @Test
    void aVirtualInterruptWaitsForStiAndItsShadowThenGoesThroughTheIdt() {
        X86Rig rig = guest("90  # nop", "fb  # sti", "90  # nop");
        Vmcb v = rig.vcpu.vmcb();
        v.set32(VmcbLayout.INT_CTL, VmcbLayout.INT_CTL_V_IRQ | VmcbLayout.INT_CTL_V_IGN_TPR);
        v.set32(VmcbLayout.INT_VECTOR, 0x30);
        assertEquals(ExitCode.HLT, vmrun(rig));
        assertEquals(0x30, haltedIn(rig));
        assertEquals(X86Rig.CODE + 3, rig.stack(0), "taken after the instruction in STI's shadow");
        assertEquals(0, v.get32(VmcbLayout.INT_CTL) & VmcbLayout.INT_CTL_V_IRQ, "V_IRQ consumed");
    }

    @Test
    void withTheVintrInterceptTheInterruptWindowExitsInstead() {
        X86Rig rig = guest("fb  # sti", "90  # nop");
        Vmcb v = rig.vcpu.vmcb();
        v.set32(VmcbLayout.INT_CTL, VmcbLayout.INT_CTL_V_IRQ | VmcbLayout.INT_CTL_V_IGN_TPR);
        setBit(v, VmcbLayout.INTERCEPT_MISC1, ExitCode.VINTR - 0x60, true);
        assertEquals(ExitCode.VINTR, vmrun(rig));
        assertEquals(VmcbLayout.INT_CTL_V_IRQ, v.get32(VmcbLayout.INT_CTL) & VmcbLayout.INT_CTL_V_IRQ,
                "V_IRQ still pending");
    }
}
