package org.hyperstrand.x86.svm;

import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.exec.Flags;

/**
 * The host state VMRUN saves and #VMEXIT restores (reference/amd-v-svm.md 6.2 step 3 and 6.3
 * step 5). The APM leaves the host-save area's format to the implementation; like Bochs, this
 * CPU keeps it internally.
 */
final class HostState {

    private final int[] segSel = new int[4];
    private final long[] segBase = new long[4];
    private final long[] segLimit = new long[4];
    private final int[] segAttr = new int[4];
    private long gdtBase;
    private int gdtLimit;
    private long idtBase;
    private int idtLimit;
    private long efer;
    private long cr0;
    private long cr3;
    private long cr4;
    private long rflags;
    private long rip;
    private long rsp;
    private long rax;
    long tscOffset;

    void save(X86State s) {
        for (int seg = X86Arch.ES; seg <= X86Arch.DS; seg++) {
            segSel[seg] = s.segSel[seg];
            segBase[seg] = s.segBase[seg];
            segLimit[seg] = s.segLimit[seg];
            segAttr[seg] = s.segAttr[seg];
        }
        gdtBase = s.gdtBase;
        gdtLimit = s.gdtLimit;
        idtBase = s.idtBase;
        idtLimit = s.idtLimit;
        efer = s.efer;
        cr0 = s.cr0;
        cr3 = s.cr3;
        cr4 = s.cr4;
        rflags = Flags.rflags(s);
        rip = s.rip;
        rsp = s.r[X86State.RSP];
        rax = s.r[X86State.RAX];
        tscOffset = s.tscOffset;
    }

    /** Reloads the host state; CPL 0, RF cleared, DR7 breakpoints off, as #VMEXIT does. */
    void restore(X86State s) {
        for (int seg = X86Arch.ES; seg <= X86Arch.DS; seg++) {
            s.segSel[seg] = segSel[seg];
            s.segBase[seg] = segBase[seg];
            s.segLimit[seg] = segLimit[seg];
            s.segAttr[seg] = segAttr[seg];
        }
        s.gdtBase = gdtBase;
        s.gdtLimit = gdtLimit;
        s.idtBase = idtBase;
        s.idtLimit = idtLimit;
        s.efer = efer;
        s.cr0 = cr0 | X86Arch.CR0_PE;
        s.cr3 = cr3;
        s.cr4 = cr4;
        Flags.setRflags(s, rflags & ~X86Arch.RF);
        s.rip = rip;
        s.r[X86State.RSP] = rsp;
        s.r[X86State.RAX] = rax;
        s.dr[7] = 0x400;
        s.tscOffset = tscOffset;
        s.setCpl(0);
        s.mem.flush();
    }
}
