package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.x86.cpu.ExitCode;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.svm.Vmcb;
import org.hyperstrand.x86.svm.VmcbLayout;
import org.junit.jupiter.api.Test;

/**
 * NRIP (VMCB 0x0C8) at each kind of #VMEXIT. The CPU does not store the next RIP for every
 * instruction: the generic path stores it for the instructions that can be intercepted, a fault
 * for the faulting one, and a run for its last one. Each program first runs other instructions
 * (a loop with a fused CMP/Jcc pair, long and short instructions), so a value left over from them
 * would show.
 */
class SvmNextRipTest {

    /** CODE .. CODE + 10: a three-times loop of SUB and a fused JNE; CODE + 10 is next. */
    private static final String[] LOOP = {
        "b9 03 00 00 00  # movl $3,%ecx",
        "83 e9 01        # subl $1,%ecx",                       // CODE + 5
        "75 fb           # jne CODE + 5",
    };
    private static final long AFTER_LOOP = X86Rig.CODE + 10;
    private static final String NON_CANONICAL_TO_RAX = "48 b8 00 00 00 00 00 80 00 00  # movabs $0x800000000000,%rax";

    private static String[] afterLoop(String... more) {
        String[] lines = new String[LOOP.length + more.length];
        System.arraycopy(LOOP, 0, lines, 0, LOOP.length);
        System.arraycopy(more, 0, lines, LOOP.length, more.length);
        return lines;
    }

    private static void intercept(X86Rig rig, int word, int bit) {
        Vmcb v = rig.vcpu.vmcb();
        v.set32(word, v.get32(word) | (1L << bit));
    }

    private static long nrip(X86Rig rig) {
        return rig.vcpu.vmcb().get64(VmcbLayout.NEXT_RIP);
    }

    @Test
    void anInstructionInterceptAfterARunSavesItsOwnNextRip() {
        X86Rig rig = X86Rig.guestProgram(afterLoop("48 83 c0 01  # addq $1,%rax", "0f a2  # cpuid"));
        intercept(rig, VmcbLayout.INTERCEPT_MISC1, ExitCode.CPUID - 0x60);
        assertEquals(ExitCode.CPUID, rig.vmrunOnce(1000));
        assertEquals(AFTER_LOOP + 4, rig.vcpu.vmcb().get64(VmcbLayout.RIP));
        assertEquals(AFTER_LOOP + 6, nrip(rig));
    }

    @Test
    void anInterceptedHltAfterALongInstruction() {
        X86Rig rig = X86Rig.guestProgram(afterLoop("48 b8 88 77 66 55 44 33 22 11  # movabs $0x1122334455667788,%rax"));
        assertEquals(ExitCode.HLT, rig.vmrunOnce(1000));
        assertEquals(AFTER_LOOP + 10, rig.vcpu.vmcb().get64(VmcbLayout.RIP));
        assertEquals(AFTER_LOOP + 11, nrip(rig));
    }

    @Test
    void ioioSavesTheNextRipInExitinfo2AndNrip() {
        X86Rig rig = X86Rig.guestProgram(afterLoop("e6 80  # outb %al,$0x80"));
        assertEquals(ExitCode.IOIO, rig.vmrunOnce(1000));
        assertEquals(AFTER_LOOP + 2, rig.vcpu.vmcb().get64(VmcbLayout.EXITINFO2));
        assertEquals(AFTER_LOOP + 2, nrip(rig));
    }

    @Test
    void aRepeatedStringOutputSavesTheNextRipOfTheWholeInstruction() {
        X86Rig rig = X86Rig.guestProgram(afterLoop(
                "66 ba 80 00           # movw $0x80,%dx",
                "b9 04 00 00 00        # movl $4,%ecx",
                "48 c7 c6 00 00 04 00  # movq $0x40000,%rsi",
                "f3 6e                 # rep outsb"));
        assertEquals(ExitCode.IOIO, rig.vmrunOnce(1000));
        long rep = AFTER_LOOP + 4 + 5 + 7;
        assertEquals(rep, rig.vcpu.vmcb().get64(VmcbLayout.RIP), "RIP stays at the REP OUTSB");
        assertEquals(rep + 2, rig.vcpu.vmcb().get64(VmcbLayout.EXITINFO2));
        assertEquals(rep + 2, nrip(rig));
    }

    @Test
    void int3TakesItsExceptionInterceptWithNextRip() {
        X86Rig rig = X86Rig.guestProgram(afterLoop("48 83 c0 01  # addq $1,%rax", "cc  # int3"));
        intercept(rig, VmcbLayout.INTERCEPT_EXCEPTIONS, X86Arch.BP);
        assertEquals(ExitCode.EXCEPTION_0 + X86Arch.BP, rig.vmrunOnce(1000));
        assertEquals(AFTER_LOOP + 5, nrip(rig));
    }

    @Test
    void aFaultOnTheFastPathIsAnExceptionExitWithoutNrip() {
        X86Rig rig = X86Rig.guestProgram(afterLoop(NON_CANONICAL_TO_RAX, "48 8b 18  # movq (%rax),%rbx"));
        intercept(rig, VmcbLayout.INTERCEPT_EXCEPTIONS, X86Arch.GP);
        assertEquals(ExitCode.EXCEPTION_0 + X86Arch.GP, rig.vmrunOnce(1000));
        assertEquals(AFTER_LOOP + 10, rig.vcpu.vmcb().get64(VmcbLayout.RIP));
        assertEquals(0, nrip(rig));
    }

    @Test
    void aTripleFaultFromAFastPathLoadSavesTheNextRipOfTheLoad() {
        X86Rig rig = X86Rig.guestProgram(afterLoop(NON_CANONICAL_TO_RAX, "48 8b 18  # movq (%rax),%rbx"));
        rig.vcpu.vmcb().set32(VmcbLayout.IDTR + VmcbLayout.SEG_LIMIT, 0);   // #GP, then #DF, cannot be delivered
        assertEquals(ExitCode.SHUTDOWN, rig.vmrunOnce(1000));
        assertEquals(AFTER_LOOP + 13, nrip(rig), "the next RIP of the instruction last started");
    }

    @Test
    void theQuantumEndingIsAnIntrExitWithoutNrip() {
        X86Rig rig = X86Rig.guestProgram(afterLoop("eb fe  # jmp .")); // spins
        assertEquals(ExitCode.INTR, rig.vmrunOnce(50));
        assertEquals(0, nrip(rig));
    }
}
