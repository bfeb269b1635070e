package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.X86Core;
import org.hyperstrand.x86.decode.CodeCache;
import org.hyperstrand.x86.host.X86Host;
import org.hyperstrand.x86.host.X86Vcpu;
import org.hyperstrand.x86.svm.SvmUnit;
import org.hyperstrand.x86.svm.Vmcb;
import org.hyperstrand.x86.svm.VmcbLayout;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.exec.Flags;

/**
 * A CPU on a {@link TestGuest} after the boot protocol, with helpers to place machine code and
 * run it. Code is written as hex strings, one instruction per string, with the AT&T form as a
 * comment ({@code "48 01 d8  # addq %rbx,%rax"}; resources/asm/encode.sh prints them).
 * Programs start at {@link #CODE} with RSP = {@link #STACK_TOP} and end with {@code hlt}, which
 * ends the run with a HALT exit. {@link #program} also installs an IDT at {@link #IDT} whose
 * gates for vectors 0..255 lead to one-byte {@code hlt} handlers at {@link #HANDLERS} + 16 *
 * vector, so an exception shows as a HALT with RIP just past its handler.
 */
final class X86Rig {

    static final long IDT = 0x2000;
    static final long HANDLERS = 0x4000;
    static final long CODE = 0x1_0000;
    static final long DATA = 0x4_0000;
    static final long STACK_TOP = 0x8_0000;
    static final String HLT = "f4  # hlt";

    final TestGuest guest;
    final X86Core core;
    final X86State s;
    /** In guest mode, the hypervisor's vCPU that runs the program with VMRUN; else null. */
    final X86Vcpu vcpu;
    private boolean captureBeforeRun;

    /** A bare CPU in host mode. */
    X86Rig() {
        this(new TestGuest());
    }

    X86Rig(TestGuest guest) {
        this.guest = guest;
        this.core = new X86Core(guest, 0);
        this.s = core.state();
        this.vcpu = null;
    }

    private X86Rig(TestGuest guest, X86Vcpu vcpu) {
        this.guest = guest;
        this.vcpu = vcpu;
        this.core = vcpu.cpu();
        this.s = core.state();
    }

    /**
     * A program run as a guest: the hypervisor's vCPU enters it with VMRUN and handles its
     * #VMEXITs (hypercalls end the run as they do for hv-core).
     */
    static X86Rig guest() {
        TestGuest g = new TestGuest();
        return new X86Rig(g, new X86Host(g, new CodeCache()).createVcpu(0));
    }

    /**
     * A guest program followed by HLT, its VMCB captured, for tests that edit the VMCB's
     * controls and execute VMRUN themselves ({@link #vmrunOnce}).
     */
    static X86Rig guestProgram(String... program) {
        String[] lines = new String[program.length + 1];
        System.arraycopy(program, 0, lines, 0, program.length);
        lines[program.length] = HLT;
        X86Rig rig = guest().program(lines);
        rig.vcpu.captureCpuState();
        return rig;
    }

    /** VMRUN of the VMCB as it stands (no clean bits), the guest for at most {@code budget}; the exit code. */
    long vmrunOnce(long budget) {
        Vmcb v = vcpu.vmcb();
        v.set32(VmcbLayout.VMCB_CLEAN, 0);
        assertEquals(SvmUnit.EXIT, core.vmrun(v, budget), core::report);
        return v.get64(VmcbLayout.EXITCODE);
    }

    /** Bytes of hex strings; anything after '#' in a string is a comment. */
    static byte[] hex(String... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String h = (hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s+", "");
            for (int i = 0; i < h.length(); i += 2) {
                out.write(Integer.parseInt(h.substring(i, i + 2), 16));
            }
        }
        return out.toByteArray();
    }

    /** Writes {@code bytes} at guest-physical {@code gpa}, behind the CPU's back; returns the end. */
    long put(long gpa, byte[] bytes) {
        guest.memory.write(TestGuest.PA_BASE + gpa, bytes, 0, bytes.length);
        core.memoryWritten(TestGuest.PA_BASE + gpa, bytes.length);
        return gpa + bytes.length;
    }

    long put(long gpa, String... lines) {
        return put(gpa, hex(lines));
    }

    /** Boots the CPU at {@link #CODE} with {@code lines} there, a stack and the test IDT. */
    X86Rig program(String... lines) {
        put(CODE, lines);
        if (vcpu != null) {
            vcpu.start(CODE, 0);
            captureBeforeRun = true;
        } else {
            core.start(CODE, 0);
        }
        s.r[X86State.RSP] = STACK_TOP;
        installIdt(0x8e);
        return this;
    }

    /** An IDT of 256 gates of type/attribute byte {@code typeAttr} (0x8e: present interrupt gate, DPL 0). */
    void installIdt(int typeAttr) {
        for (int v = 0; v < 256; v++) {
            gate(v, HANDLERS + 16L * v, typeAttr, 0);
            put(HANDLERS + 16L * v, hex(HLT));
        }
        s.idtBase = IDT;
        s.idtLimit = 256 * 16 - 1;
    }

    /** Writes IDT gate {@code vector}: target, selector 0x08, type/attribute byte, IST index. */
    void gate(int vector, long target, int typeAttr, int ist) {
        long lo = (target & 0xffff) | (0x08L << 16) | ((long) ist << 32) | ((long) typeAttr << 40)
                | (((target >>> 16) & 0xffff) << 48);
        write64(IDT + 16L * vector, lo);
        write64(IDT + 16L * vector + 8, target >>> 32);
    }

    static final long GDT = 0x1000;
    static final long TSS = 0x1800;
    static final long KERNEL_STACK = 0x7_0000;
    static final long IST_STACK = 0x6_0000;

    /**
     * A GDT at {@link #GDT} with the boot descriptors plus a 64-bit TSS at selector 0x28 (RSP0 =
     * {@link #KERNEL_STACK}, IST1 = {@link #IST_STACK}), loaded with LTR.
     */
    void loadGdtAndTss() {
        long[] gdt = {0, 0x00af_9a00_0000_ffffL, 0x00cf_9200_0000_ffffL, 0x00af_fa00_0000_ffffL,
            0x00cf_f200_0000_ffffL};
        for (int i = 0; i < gdt.length; i++) {
            write64(GDT + 8L * i, gdt[i]);
        }
        long limit = 0x67;
        write64(GDT + 0x28, limit | ((TSS & 0xff_ffffL) << 16) | (0x89L << 40) | (((TSS >>> 24) & 0xff) << 56));
        write64(GDT + 0x30, TSS >>> 32);
        put(TSS, new byte[0x68]);
        write64(TSS + 4, KERNEL_STACK);
        write64(TSS + 0x24, IST_STACK);
        s.gdtBase = GDT;
        s.gdtLimit = 0x37;
        org.hyperstrand.x86.cpu.Segments.ltr(s, 0x28);
    }

    /**
     * Drops to CPL 3 at the current RIP with RSP = {@link #STACK_TOP}: user-accessible identity
     * page tables, the GDT and TSS of {@link #loadGdtAndTss}, CS = 0x1b, SS = 0x23.
     */
    PageTables userMode() {
        PageTables pt = new PageTables(this).identity(PageTables.P | PageTables.RW | PageTables.US).load();
        loadGdtAndTss();
        s.segSel[org.hyperstrand.x86.cpu.X86Arch.CS] = 0x1b;
        s.segAttr[org.hyperstrand.x86.cpu.X86Arch.CS] = org.hyperstrand.x86.cpu.Segments.flatCode(3);
        s.segSel[org.hyperstrand.x86.cpu.X86Arch.SS] = 0x23;
        s.segAttr[org.hyperstrand.x86.cpu.X86Arch.SS] = org.hyperstrand.x86.cpu.Segments.flatData(3);
        s.setCpl(3);
        s.r[X86State.RSP] = STACK_TOP;
        return pt;
    }

    int run() {
        return run(1_000_000);
    }

    int run(long budget) {
        if (vcpu == null) {
            return core.run(budget);
        }
        if (captureBeforeRun) {
            vcpu.captureCpuState();                             // the rig set registers after start
            captureBeforeRun = false;
        }
        return vcpu.run(budget);
    }

    /** Runs until HLT; fails on any other exit. */
    X86Rig runToHalt() {
        int exit = run();
        assertEquals(VcpuExit.HALT, exit, () -> "expected HALT, got exit " + exit + "\n" + core.report());
        return this;
    }

    /** The vector whose test handler halted, or -1 if the CPU halted elsewhere. */
    int handledVector() {
        long off = rip() - 1 - HANDLERS;
        return off >= 0 && off < 16 * 256 && off % 16 == 0 ? (int) (off / 16) : -1;
    }

    /** Runs to HLT and checks that exception {@code vector} was taken. */
    X86Rig expectException(int vector) {
        runToHalt();
        assertEquals(vector, handledVector(), core::report);
        return this;
    }

    long reg(int r) {
        return s.r[r];
    }

    /** The program's RIP: in guest mode the VMCB's, which the hypervisor moves past handled exits. */
    long rip() {
        return vcpu != null ? vcpu.vmcb().get64(VmcbLayout.RIP) : s.rip;
    }

    long rflags() {
        return Flags.rflags(s);
    }

    /** The 64-bit word at offset {@code index * 8} of the stack the last handler ran on. */
    long stack(int index) {
        long rsp = vcpu != null ? vcpu.vmcb().get64(VmcbLayout.RSP) : s.r[X86State.RSP];
        return read64(rsp + 8L * index);
    }

    long read64(long gpa) {
        return guest.memory.read64LE(TestGuest.PA_BASE + gpa);
    }

    int read8(long gpa) {
        return guest.memory.read8(TestGuest.PA_BASE + gpa);
    }

    void write64(long gpa, long v) {
        guest.memory.write64LE(TestGuest.PA_BASE + gpa, v);
        core.memoryWritten(TestGuest.PA_BASE + gpa, 8);
    }

    void write8(long gpa, int v) {
        guest.memory.write8(TestGuest.PA_BASE + gpa, v);
        core.memoryWritten(TestGuest.PA_BASE + gpa, 1);
    }
}
