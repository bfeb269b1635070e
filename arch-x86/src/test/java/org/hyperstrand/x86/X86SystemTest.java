package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.Cpuid;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86Core;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.svm.VmcbLayout;
import org.junit.jupiter.api.Test;

/** CPUID, the TSC, MSRs, control and debug registers, descriptor tables and segment loads. */
class X86SystemTest {

    private static final String CPUID = "0f a2  # cpuid";

    private static X86Rig cpuid(int leaf) {
        X86Rig rig = new X86Rig().program(CPUID, X86Rig.HLT);
        rig.s.r[X86State.RAX] = leaf;
        rig.runToHalt();
        return rig;
    }

    private static String text(long... words) {
        byte[] b = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (words[i] >>> (8 * k));
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void cpuidReportsTheVendorAndWhatIsImplemented() {
        X86Rig rig = cpuid(0);
        assertEquals(Cpuid.MAX_BASIC, rig.reg(X86State.RAX));
        assertEquals("AuthenticAMD", text(rig.reg(X86State.RBX), rig.reg(X86State.RDX), rig.reg(X86State.RCX)));

        rig = cpuid(1);
        long ecx = rig.reg(X86State.RCX);
        long edx = rig.reg(X86State.RDX);
        assertTrue((ecx & (1 << 23)) != 0, "POPCNT");
        assertTrue((ecx & (1 << 13)) != 0, "CMPXCHG16B");
        assertTrue((ecx & (1L << 31)) != 0, "running under a hypervisor");
        assertEquals(0, ecx & 1, "no SSE3");
        assertTrue((edx & (1 << 15)) != 0 && (edx & (1 << 8)) != 0 && (edx & (1 << 4)) != 0, "CMOV CX8 TSC");
        assertEquals(0, edx & ((1 << 0) | (1 << 9) | (1 << 11) | (1 << 23) | (1 << 25) | (1 << 26)),
                "no x87, APIC, SEP, MMX, SSE, SSE2");
        assertEquals(0, rig.reg(X86State.RBX) >>> 24, "APIC ID of vCPU 0");

        rig = cpuid(0x8000_0001);
        edx = rig.reg(X86State.RDX);
        assertTrue((edx & (1 << 29)) != 0 && (edx & (1 << 20)) != 0 && (edx & (1 << 11)) != 0
                && (edx & (1 << 26)) != 0 && (edx & (1 << 27)) != 0, "LM NX SYSCALL 1G RDTSCP");
        assertEquals(4, rig.reg(X86State.RCX) & 4, "SVM, for the host");
        assertTrue((rig.reg(X86State.RCX) & (1 << 5)) != 0, "LZCNT");

        StringBuilder brand = new StringBuilder();
        for (int leaf = 0x8000_0002; leaf <= 0x8000_0004; leaf++) {
            rig = cpuid(leaf);
            brand.append(text(rig.reg(X86State.RAX), rig.reg(X86State.RBX), rig.reg(X86State.RCX), rig.reg(X86State.RDX)));
        }
        assertEquals("Hyperstrand x86-64 virtual CPU", brand.toString().replace("\0", ""));

        rig = cpuid(0x4000_0000);
        assertEquals("Hyperstrand\0", text(rig.reg(X86State.RBX), rig.reg(X86State.RCX), rig.reg(X86State.RDX)));
        rig = cpuid(0x8000_0008);
        assertEquals(0x3028, rig.reg(X86State.RAX));
        rig = cpuid(0x1234);
        assertEquals(0, rig.reg(X86State.RAX) | rig.reg(X86State.RBX) | rig.reg(X86State.RCX) | rig.reg(X86State.RDX));
    }

    @Test
    void theApicIdAndTscAuxAreTheVcpuId() {
        TestGuest guest = new TestGuest();
        X86Rig rig = new X86Rig(guest);
        rig.put(X86Rig.CODE, "b8 01 00 00 00  # movl $1,%eax", CPUID, "49 89 d8  # movq %rbx,%r8",
                "0f 01 f9  # rdtscp", X86Rig.HLT);
        X86Core core = new X86Core(guest, 3);
        core.start(X86Rig.CODE, 0);
        assertEquals(VcpuExit.HALT, core.run(100));
        assertEquals(3, core.state().r[X86State.R8] >>> 24);
        assertEquals(3, core.state().r[X86State.RCX]);
    }

    @Test
    void rdtscReadsVirtualTimePlusTheOffset() {
        X86Rig rig = new X86Rig().program(
                "0f 31  # rdtsc",
                "49 89 c0  # movq %rax,%r8",
                "b9 10 00 00 00  # movl $0x10,%ecx",
                "31 c0  # xorl %eax,%eax",
                "ba 01 00 00 00  # movl $1,%edx",
                "0f 30  # wrmsr (TSC = 2^32)",
                "0f 31  # rdtsc",
                X86Rig.HLT);
        rig.guest.now = 123_456;
        rig.runToHalt();
        assertEquals(123_456, rig.reg(X86State.R8));
        assertEquals(1, rig.reg(X86State.RDX));
        assertEquals(0, rig.reg(X86State.RAX));
    }

    @Test
    void rdtscAtCplThreeWithTsdIsAGeneralProtectionFault() {
        X86Rig rig = new X86Rig().program("0f 31  # rdtsc");
        rig.s.cr4 |= X86Arch.CR4_TSD;
        rig.userMode();
        rig.expectException(X86Arch.GP);
    }

    @Test
    void msrsRoundTripAndUnknownOnesFault() {
        X86Rig rig = new X86Rig().program(
                "b9 82 00 00 c0  # movl $0xc0000082,%ecx (LSTAR)",
                "b8 00 10 00 00  # movl $0x1000,%eax",
                "ba ff 7f 00 00  # movl $0x7fff,%edx",
                "0f 30  # wrmsr",
                "31 c0  # xorl %eax,%eax",
                "31 d2  # xorl %edx,%edx",
                "0f 32  # rdmsr",
                "b9 80 00 00 c0  # movl $0xc0000080,%ecx (EFER)",
                "49 89 c0  # movq %rax,%r8",
                "49 89 d1  # movq %rdx,%r9",
                "0f 32  # rdmsr",
                "b9 34 12 00 00  # movl $0x1234,%ecx",
                "0f 32  # rdmsr (unknown)",
                X86Rig.HLT);
        rig.expectException(X86Arch.GP);
        assertEquals(0x1000, rig.reg(X86State.R8));
        assertEquals(0x7fff, rig.reg(X86State.R9));
        assertEquals(0x7fff_0000_1000L, rig.s.lstar);
        assertEquals(0xd01, rig.reg(X86State.RAX));
    }

    @Test
    void nonCanonicalBasesAreRefusedAndSvmeIsTheHostsOnly() {
        for (String[] msr : new String[][] {{"b9 82 00 00 c0", "ba 00 80 00 00"}, {"b9 00 01 00 c0", "ba 00 80 00 00"}}) {
            X86Rig rig = new X86Rig().program(msr[0], "b8 01 1d 00 00  # movl $0x1d01,%eax", msr[1],
                    "0f 30  # wrmsr");
            rig.expectException(X86Arch.GP);
        }
        String[] setSvme = {"b9 80 00 00 c0  # movl $0xc0000080,%ecx (EFER)",
            "b8 01 1d 00 00  # movl $0x1d01,%eax (EFER with SVME)", "ba 00 00 00 00  # movl $0,%edx", "0f 30  # wrmsr",
            X86Rig.HLT};
        X86Rig host = new X86Rig().program(setSvme);
        host.runToHalt();
        assertEquals(0x1d01, host.s.efer, "the host CPU offers SVM");
        X86Rig guest = X86Rig.guest().program(setSvme);
        guest.expectException(X86Arch.GP);
        assertEquals(0, guest.vcpu.vmcb().get64(VmcbLayout.EFER) & ~0x1d01L, "nothing else changed");
    }

    @Test
    void swapgsExchangesTheGsBases() {
        X86Rig rig = new X86Rig().program("0f 01 f8  # swapgs", X86Rig.HLT);
        rig.s.segBase[X86Arch.GS] = 0x1111;
        rig.s.kernelGsBase = 0x2222;
        rig.runToHalt();
        assertEquals(0x2222, rig.s.segBase[X86Arch.GS]);
        assertEquals(0x1111, rig.s.kernelGsBase);
    }

    @Test
    void controlRegisterChecks() {
        String[][] faulting = {
            {"0f 20 c8  # movq %cr1,%rax", "6"},
            {"48 c7 c0 00 00 00 00  # movq $0,%rax", "0f 22 e0  # movq %rax,%cr4 (clears PAE)", "13"},
            {"48 c7 c0 10 00 00 00  # movq $0x10,%rax", "44 0f 22 c0  # movq %rax,%cr8", "13"},
            {"48 b8 00 00 00 00 00 01 00 00  # movabs $1<<40,%rax", "0f 22 d8  # movq %rax,%cr3", "13"},
            {"0f 20 c0  # movq %cr0,%rax", "48 0d 00 00 00 20  # orq $0x20000000,%rax (NW without CD)",
                "0f 22 c0  # movq %rax,%cr0", "13"},
        };
        for (String[] c : faulting) {
            String[] code = java.util.Arrays.copyOf(c, c.length - 1);
            X86Rig rig = new X86Rig().program(code);
            rig.expectException(Integer.parseInt(c[c.length - 1]));
        }
        X86Rig rig = new X86Rig().program(
                "48 c7 c0 05 00 00 00  # movq $5,%rax",
                "44 0f 22 c0  # movq %rax,%cr8",
                "44 0f 20 c1  # movq %cr8,%rcx",
                "0f 22 d0  # movq %rax,%cr2",
                "0f 06  # clts",
                "0f 01 e2  # smsw %edx",
                "0f 23 c0  # movq %rax,%db0",
                "0f 21 fb  # movq %db7,%rbx",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(5, rig.reg(X86State.RCX));
        assertEquals(5, rig.s.cr2);
        assertEquals(0x8001_0033L, rig.reg(X86State.RDX));
        assertEquals(5, rig.s.dr[0]);
        assertEquals(0x400, rig.reg(X86State.RBX));
    }

    @Test
    void leavingLongModeStopsTheCpuAsUnsupported() {
        X86Rig rig = new X86Rig().program(
                "0f 20 c0  # movq %cr0,%rax",
                "25 ff ff ff 7f  # andl $0x7fffffff,%eax",
                "0f 22 c0  # movq %rax,%cr0");
        assertEquals(VcpuExit.FATAL, rig.run());
        assertTrue(rig.core.report().contains("leaving long mode"), rig.core.report());
    }

    @Test
    void privilegedInstructionsAtCplThreeFault() {
        for (String code : new String[] {"0f 20 c0  # movq %cr0,%rax", "0f 32  # rdmsr", "0f 01 13  # lgdt (%rbx)",
            "0f 01 3b  # invlpg (%rbx)", "0f 01 f8  # swapgs", "fa  # cli", "0f 09  # wbinvd", "0f 00 d8  # ltr %ax",
            "0f 21 c0  # movq %db0,%rax", "0f 06  # clts", "0f 07  # sysretl"}) {
            X86Rig rig = new X86Rig().program(code);
            rig.s.r[X86State.RBX] = X86Rig.DATA;
            rig.userMode();
            rig.expectException(X86Arch.GP);
        }
    }

    @Test
    void descriptorTablesLoadAndStore() {
        X86Rig rig = new X86Rig().program(
                "0f 01 13  # lgdt (%rbx)",
                "0f 01 5b 10  # lidt 0x10(%rbx)",
                "0f 01 43 20  # sgdt 0x20(%rbx)",
                "0f 01 4b 30  # sidt 0x30(%rbx)",
                X86Rig.HLT);
        rig.write64(X86Rig.DATA, 0x37 | (X86Rig.GDT << 16));
        rig.write64(X86Rig.DATA + 8, 0);
        rig.write64(X86Rig.DATA + 0x10, (X86Rig.IDT << 16) | 0xfff);
        rig.write64(X86Rig.DATA + 0x18, 0);
        rig.s.r[X86State.RBX] = X86Rig.DATA;
        rig.runToHalt();
        assertEquals(X86Rig.GDT, rig.s.gdtBase);
        assertEquals(0x37, rig.s.gdtLimit);
        assertEquals(X86Rig.IDT, rig.s.idtBase);
        assertEquals(0x37 | (X86Rig.GDT << 16), rig.read64(X86Rig.DATA + 0x20));
        assertEquals((X86Rig.IDT << 16) | 0xfff, rig.read64(X86Rig.DATA + 0x30));
    }

    @Test
    void ltrMarksTheTssBusyAndABusyTssCannotBeLoaded() {
        X86Rig rig = new X86Rig().program(
                "0f 00 c8  # str %eax",
                "66 b9 28 00  # movw $0x28,%cx",
                "0f 00 d9  # ltr %cx",
                X86Rig.HLT);
        rig.loadGdtAndTss();
        assertEquals(0x8b, (rig.read64(X86Rig.GDT + 0x28) >>> 40) & 0xff, "busy 64-bit TSS");
        rig.expectException(X86Arch.GP);
        assertEquals(0x28, rig.stack(0));
        assertEquals(0x28, rig.reg(X86State.RAX));
        assertEquals(X86Rig.TSS, rig.s.trBase);
    }

    @Test
    void segmentLoadsCheckTheirDescriptors() {
        X86Rig rig = new X86Rig().program(
                "66 b8 18 00  # movw $0x18,%ax",
                "8e d8  # movl %eax,%ds (user code is readable, DPL 3 >= CPL 0)",
                "66 b8 00 00  # movw $0,%ax",
                "8e e0  # movl %eax,%fs (null keeps the base)",
                "8c d9  # movl %ds,%ecx",
                "66 b8 20 00  # movw $0x20,%ax",
                "8e d0  # movl %eax,%ss (DPL 3 data at CPL 0)",
                X86Rig.HLT);
        rig.s.segBase[X86Arch.FS] = 0x7777;
        rig.expectException(X86Arch.GP);
        assertEquals(0x20, rig.stack(0));
        assertEquals(0x18, rig.reg(X86State.RCX));
        assertEquals(0x7777, rig.s.segBase[X86Arch.FS]);

        X86Rig beyond = new X86Rig().program("66 b8 40 00  # movw $0x40,%ax", "8e c0  # movl %eax,%es");
        beyond.expectException(X86Arch.GP);
        assertEquals(0x40, beyond.stack(0));
    }
}
