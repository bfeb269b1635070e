package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.core.spi.VcpuExit;
import org.junit.jupiter.api.Test;

/** The trace of the #VMEXITs the backend serves itself: what the guest did and what came of it. */
class X86ExitTraceTest {

    private static X86Rig traced(List<String> lines, String... program) {
        X86Rig rig = X86Rig.guest();
        rig.guest.tracer = (vcpu, retired, text) -> lines.add("cpu" + vcpu + " " + text);
        return rig.program(program);
    }

    @Test
    void ioCpuidMsrAndHaltExitsAreTracedWithTheirOperands() {
        List<String> lines = new ArrayList<>();
        traced(lines,
                "66 ba f8 03  # movw $0x3f8,%dx (THR)",
                "b0 48  # movb $0x48,%al",
                "ee  # outb %al,(%dx)",
                "66 ba fd 03  # movw $0x3fd,%dx (LSR)",
                "ec  # inb (%dx),%al",
                "b8 01 00 00 00  # movl $1,%eax",
                "31 c9  # xorl %ecx,%ecx",
                "0f a2  # cpuid",
                "b9 34 12 00 00  # movl $0x1234,%ecx",
                "0f 32  # rdmsr",
                X86Rig.HLT).runToHalt();
        assertEquals(List.of(
                "cpu0 #VMEXIT IOIO out port=0x3f8 size=1 value=0x48 -> resumed",
                "cpu0 #VMEXIT IOIO in port=0x3fd size=1 -> resumed value=0x60",
                "cpu0 #VMEXIT CPUID eax=0x1 ecx=0x0 -> resumed",
                "cpu0 #VMEXIT MSR rdmsr ecx=0x1234 -> injected #GP general protection",
                "cpu0 #VMEXIT HLT -> halt"), lines);
    }

    @Test
    void stringIoIsTracedWithItsCountInsteadOfRax() {
        List<String> lines = new ArrayList<>();
        X86Rig rig = traced(lines,
                "66 ba f8 03  # movw $0x3f8,%dx (THR)",
                "f3 6e  # rep outsb",
                "66 ba fd 03  # movw $0x3fd,%dx (LSR)",
                "6c  # insb",
                X86Rig.HLT);
        rig.put(X86Rig.DATA, "Hi".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        rig.s.r[org.hyperstrand.x86.cpu.X86State.RSI] = X86Rig.DATA;
        rig.s.r[org.hyperstrand.x86.cpu.X86State.RDI] = X86Rig.DATA + 0x100;
        rig.s.r[org.hyperstrand.x86.cpu.X86State.RCX] = 2;
        rig.runToHalt();
        assertEquals(List.of(
                "cpu0 #VMEXIT IOIO outs port=0x3f8 size=1 rep rcx=0x2 -> resumed",
                "cpu0 #VMEXIT IOIO ins port=0x3fd size=1 -> resumed",
                "cpu0 #VMEXIT HLT -> halt"), lines);
        assertEquals(0x60, rig.read8(X86Rig.DATA + 0x100));
    }

    @Test
    void aHypercallIsLeftToTheCoreToTrace() {
        List<String> lines = new ArrayList<>();
        X86Rig rig = traced(lines,
                "b8 80 00 00 00  # movl $0x80,%eax (fast trap)",
                "b9 16 00 00 00  # movl $0x16,%ecx (cpu_myid)",
                "0f 01 d9  # vmmcall");
        assertEquals(VcpuExit.HYPERCALL, rig.run());
        assertEquals(List.of(), lines);
    }
}
