package org.hyperstrand.x86.svm;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.x86.cpu.ExitCode;
import org.hyperstrand.x86.cpu.InterruptUnit;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.exec.Flags;

/**
 * The SVM side of one emulated CPU: VMRUN, the intercept checks while a guest runs, #VMEXIT,
 * event injection and virtual interrupts (AMD64 APM vol. 2 chapter 15; the facts used are in
 * reference/amd-v-svm.md sections 1, 2, 4 and 6).
 *
 * <p>The Java hypervisor is the host: it calls {@link #vmrun} where host software would
 * execute VMRUN, and the CPU's run loop returns to it at the #VMEXIT. The general registers
 * other than RAX and RSP are not switched, as on hardware: they hold the guest's values while
 * the hypervisor handles the exit.
 *
 * <p>Host state is switched lazily, which no software that follows the architecture can see:
 * VMRUN snapshots the host state only when the CPU holds it, and #VMEXIT leaves the guest's
 * values in the registers (everything the architecture saves goes to the VMCB) until something
 * runs in host mode ({@link #leaveGuestState}). So when the hypervisor resumes the same VMCB,
 * the CPU still holds its state, and the VMCB clean bits (section 1.5) let VMRUN skip reloading
 * the groups the hypervisor did not change. The software TLB is treated as tagged with the ASID
 * whose translations it holds: switching between the hypervisor's VMCB and host mode does not
 * flush it, a different ASID, a TLB_CONTROL flush or a change of the paging context does.
 *
 * <p>Choices of this model, each where the architecture leaves room: like Bochs, the host-save
 * area is kept inside the CPU (VM_HSAVE_PA must still be set); no decode assists (EXITINFO1 of
 * CR and DR intercepts carries the GPR number and the MOV bit anyway, as KVM expects); NRIP is
 * saved. The hypervisor's quantum ending is a physical interrupt, so a VMCB must intercept INTR
 * or VMRUN fails with VMEXIT_INVALID: the host could not get the CPU back otherwise.
 */
public final class SvmUnit {

    private final X86State s;
    private final InterruptUnit interrupts;
    private final PhysicalMemory memory;
    private final HostState host = new HostState();

    // ---- controls of the running VMCB --------------------------------------------------------
    private Vmcb vmcb;
    private int crIntercepts;
    private int drIntercepts;
    private int exceptionIntercepts;
    private int misc1;
    private int misc2;
    private int misc3;
    private long iopm;
    private long msrpm;
    private long tscOffset;
    private int asid;
    private boolean nestedPaging;
    private long nCr3;
    private int vIntrVector;
    private int vIntrPriority;
    private boolean vIgnoreTpr;
    private boolean vIntrMasking;

    // ---- lazy switching ----------------------------------------------------------------------
    /** True while the registers hold host state (after reset, or after {@link #leaveGuestState}). */
    private boolean hostLoaded = true;
    /** The VMCB whose guest state the registers hold, or -1. */
    private long loadedVmcb = -1;
    /** The ASID whose translations the software TLB holds (0: the host's). */
    private int tlbAsid;

    /** The event being delivered through the IDT, as EXITINTINFO would show it, or 0. */
    private int deliveringEvent;
    private int deliveringError;
    /** True while an exception raised by an instruction (INT3) takes its intercept: NRIP is saved. */
    private boolean instructionException;

    private String invalidReason;

    /** Why the last VMRUN failed with VMEXIT_INVALID, or null. */
    public String invalidReason() {
        return invalidReason;
    }

    /** #VMEXITs taken, for counters. */
    public long exits;

    public SvmUnit(X86State s, InterruptUnit interrupts) {
        this.s = s;
        this.interrupts = interrupts;
        this.memory = s.guest.memory();
    }

    /** The VMCB of the guest running now, or of the last one. */
    public Vmcb vmcb() {
        return vmcb;
    }

    // ---- VMRUN -------------------------------------------------------------------------------

    /**
     * VMRUN of {@code v} by the host: checks and loads the VMCB, enters guest mode and injects
     * EVENTINJ. Returns false when VMRUN failed (EXITCODE = VMEXIT_INVALID is in the VMCB, or a
     * fault during the injection already caused a #VMEXIT); the caller then does not run the
     * guest.
     *
     * @throws IllegalStateException when the host broke VMRUN's own rules (EFER.SVME clear,
     *     CPL &gt; 0, VM_HSAVE_PA unset): a hypervisor bug, not a guest's doing
     */
    public boolean vmrun(Vmcb v) {
        if (s.guestMode) {
            throw new IllegalStateException("VMRUN while a guest runs");
        }
        if (hostLoaded) {
            // checked on the host's own registers; while they are switched out they passed already
            if ((s.efer & X86Arch.EFER_SVME) == 0 || s.cpl != 0 || s.hsavePa == 0) {
                throw new IllegalStateException("VMRUN needs EFER.SVME, CPL 0 and VM_HSAVE_PA (#UD/#GP on hardware)");
            }
            host.save(s);
            hostLoaded = false;
            loadedVmcb = -1;
        }
        vmcb = v;
        boolean cached = loadedVmcb == v.pa();
        int clean = cached ? (int) v.get32(VMCB_CLEAN) : 0;
        String invalid = GuestStateChecks.check(v, clean, s);
        if (invalid != null) {
            invalidReason = invalid;
            failVmrun(v);
            return false;
        }
        loadControls(v, clean);
        loadGuest(v, clean);
        loadedVmcb = v.pa();
        s.guestMode = true;
        s.codeVPage = -1;
        int inject = (int) v.get32(EVENTINJ);
        if ((inject & EVENT_VALID) != 0) {
            inject(inject, (int) v.get32(EVENTINJ_ERROR), v.get64(NEXT_RIP));
            if (!s.guestMode) {
                return false;
            }
        }
        return true;
    }

    private void failVmrun(Vmcb v) {
        v.set64(EXITCODE, ExitCode.INVALID);
        v.set64(EXITINFO1, 0);
        v.set64(EXITINFO2, 0);
        v.set32(EXITINTINFO, 0);
        loadedVmcb = -1;
        exits++;
    }

    private void loadControls(Vmcb v, int clean) {
        if ((clean & CLEAN_INTERCEPTS) == 0) {
            crIntercepts = (int) v.get32(INTERCEPT_CR);
            drIntercepts = (int) v.get32(INTERCEPT_DR);
            exceptionIntercepts = (int) v.get32(INTERCEPT_EXCEPTIONS);
            misc1 = (int) v.get32(INTERCEPT_MISC1);
            misc2 = (int) v.get32(INTERCEPT_MISC2);
            misc3 = (int) v.get32(INTERCEPT_MISC3);
            tscOffset = v.get64(TSC_OFFSET);
        }
        if ((clean & CLEAN_IOPM) == 0) {
            iopm = v.get64(IOPM_BASE_PA) & ~0xfffL;
            msrpm = v.get64(MSRPM_BASE_PA) & ~0xfffL;
        }
        if ((clean & CLEAN_ASID) == 0) {
            asid = (int) v.get32(GUEST_ASID);
        }
        int tlbControl = v.get8(TLB_CONTROL);
        if (tlbAsid != asid || tlbControl != TLB_FLUSH_NONE) {
            s.mem.flush();
            tlbAsid = asid;
        }
        if ((clean & CLEAN_NP) == 0) {
            boolean np = (v.get64(NESTED_CTL) & 1) != 0;
            long root = v.get64(N_CR3);
            if (np != nestedPaging || (np && root != nCr3)) {
                if (np) {
                    s.mem.enableNestedPaging(root);
                } else if (s.mem.nestedPaging()) {
                    s.mem.disableNestedPaging();
                }
            }
            nestedPaging = np;
            nCr3 = root;
            if (np) {
                s.pat = v.get64(G_PAT);
            }
        }
        if ((clean & CLEAN_INT_CTL) == 0) {
            int ctl = (int) v.get32(INT_CTL);
            s.vIrq = (ctl & INT_CTL_V_IRQ) != 0;
            vIntrPriority = (ctl >>> INT_CTL_V_INTR_PRIO_SHIFT) & 0xf;
            vIgnoreTpr = (ctl & INT_CTL_V_IGN_TPR) != 0;
            vIntrMasking = (ctl & INT_CTL_V_INTR_MASKING) != 0;
            vIntrVector = v.get8(INT_VECTOR);
            if (vIntrMasking) {
                s.cr8 = ctl & 0xf;
            }
        }
        s.tscOffset = host.tscOffset + tscOffset;
    }

    private void loadGuest(Vmcb v, int clean) {
        if ((clean & CLEAN_SEG) == 0) {
            for (int seg = X86Arch.ES; seg <= X86Arch.DS; seg++) {
                loadSegment(v, seg);
            }
            s.setCpl(v.get8(CPL) & 3);
        }
        if ((clean & CLEAN_DT) == 0) {
            s.gdtLimit = (int) v.get32(GDTR + SEG_LIMIT) & 0xffff;
            s.gdtBase = canonical(v.get64(GDTR + SEG_BASE));
            s.idtLimit = (int) v.get32(IDTR + SEG_LIMIT) & 0xffff;
            s.idtBase = canonical(v.get64(IDTR + SEG_BASE));
        }
        if ((clean & CLEAN_CR) == 0) {
            long cr0 = v.get64(CR0);
            long cr3 = v.get64(CR3);
            long cr4 = v.get64(CR4);
            long efer = v.get64(EFER);
            if (((cr0 & X86Arch.CR0_PG) != 0) && (efer & X86Arch.EFER_LME) != 0) {
                efer |= X86Arch.EFER_LMA;
            } else {
                efer &= ~X86Arch.EFER_LMA;
            }
            long pagingBits = X86Arch.CR0_PG | X86Arch.CR0_WP;
            if (cr3 != s.cr3 || ((cr0 ^ s.cr0) & pagingBits) != 0 || cr4 != s.cr4
                    || ((efer ^ s.efer) & (X86Arch.EFER_NXE | X86Arch.EFER_LMA)) != 0) {
                s.mem.flush();
            }
            s.cr0 = cr0;
            s.cr3 = cr3;
            s.cr4 = cr4;
            s.efer = efer;
        }
        if ((clean & CLEAN_DR) == 0) {
            s.dr[6] = v.get64(DR6);
            s.dr[7] = v.get64(DR7);
        }
        if ((clean & CLEAN_CR2) == 0) {
            s.cr2 = v.get64(CR2);
        }
        Flags.setRflags(s, (v.get64(RFLAGS) & X86Arch.FLAGS_WRITABLE) | X86Arch.RESERVED_1);
        s.rip = v.get64(RIP);
        s.r[X86State.RSP] = v.get64(RSP);
        s.r[X86State.RAX] = v.get64(RAX);
        s.interruptShadow = (v.get64(INT_STATE) & 1) != 0;
    }

    private void loadSegment(Vmcb v, int seg) {
        int at = SEGMENTS[seg];
        s.segSel[seg] = v.get16(at + SEG_SELECTOR);
        s.segAttr[seg] = v.get16(at + SEG_ATTRIB) & 0xfff;
        s.segLimit[seg] = v.get32(at + SEG_LIMIT);
        s.segBase[seg] = canonical(v.get64(at + SEG_BASE));
    }

    private void storeSegment(Vmcb v, int seg) {
        v.setSegment(SEGMENTS[seg], s.segSel[seg], s.segAttr[seg], s.segLimit[seg], s.segBase[seg]);
    }

    private static long canonical(long va) {
        return (va << (64 - X86Arch.LINEAR_BITS)) >> (64 - X86Arch.LINEAR_BITS);
    }

    // ---- event injection (amd-v-svm.md 4) -------------------------------------------------------

    /** Delivers an EVENTINJ event (already validated by {@link GuestStateChecks}) through the guest IDT. */
    private void inject(int event, int error, long nRip) {
        int vector = event & EVENT_VECTOR_MASK;
        int type = (event >>> EVENT_TYPE_SHIFT) & 7;
        switch (type) {
            case EVENT_TYPE_NMI:
                interrupts.raise(X86Arch.NMI, 0, InterruptUnit.EXTERNAL, s.rip, true);
                break;
            case EVENT_TYPE_EXCEPTION:
                interrupts.raiseInjectedException(vector, error, (event & EVENT_ERROR_VALID) != 0, s.rip);
                break;
            case EVENT_TYPE_SOFT_INT:
                interrupts.raise(vector, 0, InterruptUnit.SOFTWARE, nRip, true);
                break;
            default:
                interrupts.raise(vector, 0, InterruptUnit.EXTERNAL, s.rip, true);
                break;
        }
    }

    /**
     * Called at an instruction boundary while a virtual interrupt is pending or an interrupt
     * shadow is set: takes V_IRQ when the guest accepts it (RFLAGS.IF, no shadow, priority
     * above V_TPR unless V_IGN_TPR), as the VINTR #VMEXIT if that is intercepted, else through
     * the guest IDT with vector V_INTR_VECTOR.
     */
    public void eventBoundary() {
        if (s.interruptShadow) {
            s.interruptShadow = false;
            return;
        }
        if (!s.vIrq || !s.guestMode || (s.flags & X86Arch.IF) == 0) {
            return;
        }
        if (!vIgnoreTpr && vIntrPriority <= (s.cr8 & 0xf)) {
            return;
        }
        if ((misc1 & misc1Bit(ExitCode.VINTR)) != 0) {
            vmexit(ExitCode.VINTR, 0, 0);
            return;
        }
        s.vIrq = false;
        interrupts.raise(vIntrVector, 0, InterruptUnit.EXTERNAL, s.rip, true);
    }

    // ---- intercepts ------------------------------------------------------------------------------

    /**
     * The exception intercept of #BP raised by INT3: as any exception intercept, but the
     * #VMEXIT saves NRIP too, as AMD64 APM vol. 2 15.7.1 says for exceptions caused by INT3,
     * INTO and BOUND.
     */
    public boolean interceptInstructionException(int vector) {
        instructionException = true;
        try {
            return intercept(ExitCode.EXCEPTION_0 + vector, 0, 0);
        } finally {
            instructionException = false;
        }
    }

    /**
     * The intercept check of an instruction or event point in guest mode: true (and the
     * #VMEXIT done) if the VMCB intercepts exit {@code code}. MSR consults the MSRPM with ECX.
     */
    public boolean intercept(int code, long info1, long info2) {
        if (!intercepted(code, info1)) {
            return false;
        }
        vmexit(code, info1, info2);
        return true;
    }

    private boolean intercepted(int code, long info1) {
        if (code < 0x10) {
            return (crIntercepts & (1 << code)) != 0;
        }
        if (code < 0x20) {
            return (crIntercepts & (1 << (code - 0x10 + 16))) != 0;
        }
        if (code < 0x30) {
            return (drIntercepts & (1 << (code - 0x20))) != 0;
        }
        if (code < 0x40) {
            return (drIntercepts & (1 << (code - 0x30 + 16))) != 0;
        }
        if (code < 0x60) {
            return (exceptionIntercepts & (1 << (code - 0x40))) != 0;
        }
        if (code < 0x80) {
            if ((misc1 & misc1Bit(code)) == 0) {
                return false;
            }
            return code != ExitCode.MSR
                    || PermissionMaps.msrIntercepted(memory, msrpm, (int) s.r[X86State.RCX], info1 != 0);
        }
        if (code < 0xa0) {
            return (misc2 & misc2Bit(code)) != 0;
        }
        if (code < 0xc0) {
            return (misc3 & (1 << (code - 0xa0))) != 0;
        }
        return false;
    }

    /**
     * The IOIO intercept of IN, OUT, INS and OUTS (after the IOPL check): true (and the #VMEXIT
     * done) when IOIO_PROT is on and the IOPM has a bit of the access set. EXITINFO1 packs the
     * port, size, address size, segment, string and REP bits; EXITINFO2 is the next RIP.
     *
     * @param size operand size index (0, 1, 2)
     * @param addrSize address size index (1, 2, 3) of a string instruction
     */
    public boolean ioIntercept(int port, int size, boolean in, boolean string, boolean rep, int addrSize, int seg) {
        if ((misc1 & misc1Bit(ExitCode.IOIO)) == 0
                || !PermissionMaps.ioIntercepted(memory, iopm, port, 1 << size)) {
            return false;
        }
        long info = ((long) (port & 0xffff) << 16) | (in ? 1 : 0) | (string ? 4 : 0) | (rep ? 8 : 0)
                | (0x10L << size) | (0x80L << (addrSize - 1)) | ((long) (seg & 7) << 10);
        vmexit(ExitCode.IOIO, info, s.nextRip);
        return true;
    }

    /** True if exception {@code vector} is intercepted (checked where the CPU delivers it). */
    public boolean exceptionIntercepted(int vector) {
        return (exceptionIntercepts & (1 << vector)) != 0;
    }

    /** The event {@link InterruptUnit} is delivering, for EXITINTINFO; {@code type} as in EVENTINJ. */
    public void delivering(int vector, int type, boolean hasError, int error) {
        deliveringEvent = EVENT_VALID | vector | (type << EVENT_TYPE_SHIFT) | (hasError ? EVENT_ERROR_VALID : 0);
        deliveringError = error;
    }

    public void delivered() {
        deliveringEvent = 0;
    }

    // ---- #VMEXIT ---------------------------------------------------------------------------------

    /**
     * #VMEXIT: writes the exit information and the guest state into the VMCB and leaves guest
     * mode; the run loop then returns to the hypervisor. RIP is the intercepted instruction's
     * (intercepts are fault-like); NRIP is the next instruction's for instruction intercepts.
     */
    public void vmexit(long code, long info1, long info2) {
        Vmcb v = vmcb;
        v.set64(EXITCODE, code);
        v.set64(EXITINFO1, info1);
        v.set64(EXITINFO2, info2);
        v.set64(NEXT_RIP, code >= 0 && code < 0x400 && code != ExitCode.INTR && code != ExitCode.VINTR
                && (code < 0x40 || code >= 0x60 || instructionException) ? s.nextRip : 0);
        v.set8(INSN_LENGTH, 0);
        v.set32(EXITINTINFO, deliveringEvent);
        v.set32(EXITINTINFO_ERROR, deliveringError);
        deliveringEvent = 0;
        v.set32(EVENTINJ, v.get32(EVENTINJ) & ~EVENT_VALID);
        saveGuest(v);
        s.guestMode = false;
        s.vIrq = false;
        s.tscOffset = host.tscOffset;
        s.exit = EXIT;
        s.codeVPage = -1;
        exits++;
    }

    /** The run-loop exit code of a #VMEXIT (outside the VcpuExit range). */
    public static final int EXIT = 16;

    private void saveGuest(Vmcb v) {
        for (int seg = X86Arch.ES; seg <= X86Arch.DS; seg++) {
            storeSegment(v, seg);
        }
        v.set32(GDTR + SEG_LIMIT, s.gdtLimit);
        v.set64(GDTR + SEG_BASE, s.gdtBase);
        v.set32(IDTR + SEG_LIMIT, s.idtLimit);
        v.set64(IDTR + SEG_BASE, s.idtBase);
        v.set8(CPL, s.cpl);
        v.set64(EFER, s.efer);
        v.set64(CR0, s.cr0);
        v.set64(CR2, s.cr2);
        v.set64(CR3, s.cr3);
        v.set64(CR4, s.cr4);
        v.set64(DR6, s.dr[6]);
        v.set64(DR7, s.dr[7]);
        v.set64(RFLAGS, Flags.rflags(s));
        v.set64(RIP, s.rip);
        v.set64(RSP, s.r[X86State.RSP]);
        v.set64(RAX, s.r[X86State.RAX]);
        v.set64(INT_STATE, (s.interruptShadow ? 1 : 0) | ((s.flags & X86Arch.IF) != 0 ? 2 : 0));
        int ctl = (int) v.get32(INT_CTL) & ~(INT_CTL_V_IRQ | INT_CTL_V_TPR_MASK);
        ctl |= (s.vIrq ? INT_CTL_V_IRQ : 0) | (vIntrMasking ? (int) s.cr8 & 0xf : ctl & 0xf);
        v.set32(INT_CTL, ctl);
        if (nestedPaging) {
            v.set64(G_PAT, s.pat);
        }
    }

    // ---- VMLOAD / VMSAVE (amd-v-svm.md 6.5), for the host ---------------------------------------

    /** VMLOAD: FS, GS, TR, LDTR, KernelGSBase and the SYSCALL MSRs from the VMCB. */
    public void vmload(Vmcb v) {
        for (int seg = X86Arch.FS; seg <= X86Arch.GS; seg++) {
            loadSegment(v, seg);
        }
        s.trSel = v.get16(TR + SEG_SELECTOR);
        s.trAttr = v.get16(TR + SEG_ATTRIB) & 0xfff;
        s.trLimit = v.get32(TR + SEG_LIMIT);
        s.trBase = canonical(v.get64(TR + SEG_BASE));
        s.ldtrSel = v.get16(LDTR + SEG_SELECTOR);
        s.ldtrAttr = v.get16(LDTR + SEG_ATTRIB) & 0xfff;
        s.ldtrLimit = v.get32(LDTR + SEG_LIMIT);
        s.ldtrBase = canonical(v.get64(LDTR + SEG_BASE));
        s.kernelGsBase = canonical(v.get64(KERNEL_GS_BASE));
        s.star = v.get64(STAR);
        s.lstar = canonical(v.get64(LSTAR));
        s.cstar = canonical(v.get64(CSTAR));
        s.sfmask = v.get64(SFMASK) & 0xffff_ffffL;
    }

    /** VMSAVE: the VMLOAD set into the VMCB. */
    public void vmsave(Vmcb v) {
        for (int seg = X86Arch.FS; seg <= X86Arch.GS; seg++) {
            storeSegment(v, seg);
        }
        v.setSegment(TR, s.trSel, s.trAttr, s.trLimit, s.trBase);
        v.setSegment(LDTR, s.ldtrSel, s.ldtrAttr, s.ldtrLimit, s.ldtrBase);
        v.set64(KERNEL_GS_BASE, s.kernelGsBase);
        v.set64(STAR, s.star);
        v.set64(LSTAR, s.lstar);
        v.set64(CSTAR, s.cstar);
        v.set64(SFMASK, s.sfmask);
    }

    /**
     * Stores the CPU's current registers into {@code v}'s state-save area as a #VMEXIT would
     * (the hypervisor composes a guest's first state on the CPU and captures it with this).
     */
    public void captureState(Vmcb v) {
        saveGuest(v);
        vmsave(v);
        loadedVmcb = -1;
    }

    /**
     * Puts the host state back in the registers before the CPU runs anything in host mode; the
     * next VMRUN then reloads every guest field (see the class comment).
     */
    public void leaveGuestState() {
        if (!hostLoaded) {
            host.restore(s);
            hostLoaded = true;
            loadedVmcb = -1;
        }
        if (tlbAsid != 0) {
            s.mem.flush();
            tlbAsid = 0;
        }
        if (s.mem.nestedPaging()) {
            s.mem.disableNestedPaging();
            nestedPaging = false;
        }
    }

    /**
     * True while the registers still hold the guest state of {@code v} after its #VMEXIT (see
     * the class comment): its CR0, CR3, CR4, EFER, CPL and nested paging, so the CPU's memory
     * path translates the guest's linear addresses as the guest's own accesses do.
     */
    public boolean holdsGuestState(Vmcb v) {
        return !hostLoaded && !s.guestMode && loadedVmcb == v.pa();
    }

    /** Forgets any cached VMCB state (the CPU was reset). */
    public void reset() {
        hostLoaded = true;
        loadedVmcb = -1;
        s.guestMode = false;
        s.vIrq = false;
        deliveringEvent = 0;
    }
}
