package org.hyperstrand.x86.cpu;

import static org.hyperstrand.x86.cpu.X86Arch.ATTR_DPL_SHIFT;
import static org.hyperstrand.x86.cpu.X86Arch.ATTR_L;
import static org.hyperstrand.x86.cpu.X86Arch.ATTR_P;
import static org.hyperstrand.x86.cpu.X86Arch.ATTR_S;
import static org.hyperstrand.x86.cpu.X86Arch.ATTR_TYPE_CODE;
import static org.hyperstrand.x86.cpu.X86Arch.CS;
import static org.hyperstrand.x86.cpu.X86Arch.DF_VECTOR;
import static org.hyperstrand.x86.cpu.X86Arch.GP;
import static org.hyperstrand.x86.cpu.X86Arch.NP;
import static org.hyperstrand.x86.cpu.X86Arch.PF_VECTOR;
import static org.hyperstrand.x86.cpu.X86Arch.SS;
import static org.hyperstrand.x86.cpu.X86Arch.TS;

import org.hyperstrand.x86.exec.Flags;

/**
 * Exception and interrupt delivery in long mode, through the guest's IDT.
 *
 * <p>An IDT entry is a 16-byte 64-bit interrupt gate (type 0xE, clears IF) or trap gate (0xF);
 * anything else, a vector beyond IDTR.limit, a software interrupt (INT n, INT3) through a gate
 * whose DPL is below the CPL, raise #GP(vector * 8 + 2 [+ EXT]); a gate that is not present
 * raises #NP. The target must be a present 64-bit code segment of DPL &lt;= CPL. The handler runs
 * on the current stack, on TSS.RSPn when the privilege rises to n, or on TSS.IST[k] when the
 * gate names IST k; the stack is aligned down to 16 bytes and receives SS, RSP, RFLAGS, CS, RIP
 * and, for #DF, #TS, #NP, #SS, #GP, #PF and #AC, the error code. TF, NT, RF and VM are cleared.
 *
 * <p>A fault while delivering is handled as the manuals say: two contributory exceptions (#DE,
 * #TS, #NP, #SS, #GP), or a #PF followed by a contributory exception or another #PF, become #DF;
 * a fault while delivering #DF is a triple fault: the SHUTDOWN intercept in a guest, else the
 * CPU stops (FATAL); any other pair delivers the second exception. CR2 is written when a #PF
 * starts its delivery.
 *
 * <p>In a guest, an intercepted exception becomes its #VMEXIT (0x40 + vector) instead of being
 * delivered, and a #VMEXIT during a delivery records the event being delivered as EXITINTINFO
 * (reference/amd-v-svm.md 2.1 and 4).
 */
public final class InterruptUnit {

    /** Kinds of event. */
    public static final int EXCEPTION = 0;
    /** INT n: the gate's DPL is checked, there is no error code. */
    public static final int SOFTWARE = 1;
    /** External interrupts and INT1: no DPL check, no error code. */
    public static final int EXTERNAL = 2;
    /**
     * INT3 (#BP): a trap-like exception raised by an instruction. As INT n the gate's DPL is
     * checked; as an exception it is subject to the exception intercept (bit 3, not SWINT)
     * and EXITINTINFO records it with TYPE 3 (reference/amd-v-svm.md 4).
     */
    public static final int SOFTWARE_EXCEPTION = 3;

    private final X86State s;
    /** The event being delivered, for reports. */
    private int lastVector = -1;
    private int lastError;
    /**
     * For an exception injected with EVENTINJ: 1 or 0 as its EV bit says whether an error code
     * is pushed; -1 (the default) when the vector decides, as for exceptions the CPU raises.
     */
    private int injectedErrorValid = -1;

    public InterruptUnit(X86State s) {
        this.s = s;
    }

    private static boolean contributory(int v) {
        return v == X86Arch.DE || (v >= TS && v <= GP);
    }

    /**
     * Delivers event {@code vector} whose handler returns to {@code returnRip} (the faulting
     * instruction for faults, the next one for traps and software interrupts). Faults during
     * delivery are resolved here; a triple fault or a guest-physical address outside memory
     * stops the CPU.
     */
    public void raise(int vector, int error, int kind, long returnRip) {
        raise(vector, error, kind, returnRip, false);
    }

    /**
     * As {@link #raise(int, int, int, long)}; an {@code injected} event (EVENTINJ, a virtual
     * interrupt) is delivered without consulting the exception intercepts, the faults its
     * delivery raises are not.
     */
    public void raise(int vector, int error, int kind, long returnRip, boolean injected) {
        for (;;) {
            if (!injected && s.guestMode && kind == SOFTWARE_EXCEPTION && s.core.svm().exceptionIntercepted(vector)) {
                s.core.svm().interceptInstructionException(vector);
                return;
            }
            if (!injected && s.guestMode && kind == EXCEPTION && s.core.svm().exceptionIntercepted(vector)) {
                // exception intercepts: EXITINFO1 the error code, EXITINFO2 the #PF address (CR2 not yet written)
                s.core.intercept(ExitCode.EXCEPTION_0 + vector, X86Arch.pushesErrorCode(vector) ? error : 0,
                        vector == PF_VECTOR ? s.faultAddress : 0);
                return;
            }
            try {
                if (s.guestMode) {
                    s.core.svm().delivering(vector, kind == EXCEPTION || kind == SOFTWARE_EXCEPTION ? 3
                            : kind == SOFTWARE ? 4 : 0, pushesErrorCode(vector, kind), error);
                }
                deliver(vector, error, kind, returnRip, !injected);
                if (s.guestMode) {
                    s.core.svm().delivered();
                }
                s.exceptionsDelivered++;
                return;
            } catch (X86Fault f) {
                injectedErrorValid = -1;                        // the next event is the CPU's own
                int second = s.faultVector;
                if (second < 0) {
                    s.core.pseudoFault();
                    return;
                }
                if (kind == EXCEPTION && vector == DF_VECTOR) {
                    if (s.guestMode && s.core.intercept(ExitCode.SHUTDOWN, 0, 0)) {
                        return;
                    }
                    s.fatal("triple fault: " + X86Arch.vectorName(second) + " (error 0x"
                            + Integer.toHexString(s.faultError) + ") while delivering #DF; the IDT is at 0x"
                            + Long.toHexString(s.idtBase) + " limit 0x" + Integer.toHexString(s.idtLimit));
                    return;
                }
                boolean doubleFault = kind == EXCEPTION
                        && ((contributory(vector) && contributory(second))
                        || (vector == PF_VECTOR && (contributory(second) || second == PF_VECTOR)));
                if (doubleFault) {
                    vector = DF_VECTOR;
                    error = 0;
                } else {
                    vector = second;
                    error = s.faultError;
                }
                kind = EXCEPTION;
                returnRip = s.rip;
                injected = false;
            }
        }
    }

    /**
     * Delivers exception {@code vector} injected with EVENTINJ; {@code errorValid} is its EV bit,
     * which alone decides whether {@code error} is pushed (amd-v-svm.md 4, EVENTINJ bit 11).
     */
    public void raiseInjectedException(int vector, int error, boolean errorValid, long returnRip) {
        injectedErrorValid = errorValid ? 1 : 0;
        try {
            raise(vector, error, EXCEPTION, returnRip, true);
        } finally {
            injectedErrorValid = -1;
        }
    }

    private boolean pushesErrorCode(int vector, int kind) {
        if (kind != EXCEPTION) {
            return false;
        }
        return injectedErrorValid >= 0 ? injectedErrorValid == 1 : X86Arch.pushesErrorCode(vector);
    }

    /**
     * Pushes the frame and enters the handler. CR2 is written for a #PF the CPU raised itself;
     * an injected one leaves it as the hypervisor set it in the VMCB (amd-v-svm.md 4, EVENTINJ).
     */
    private void deliver(int vector, int error, int kind, long returnRip, boolean ownEvent) {
        lastVector = vector;
        lastError = error;
        boolean hasError = pushesErrorCode(vector, kind);
        int ext = kind == SOFTWARE || kind == SOFTWARE_EXCEPTION ? 0 : 1;
        if (kind == EXCEPTION && vector == PF_VECTOR && ownEvent) {
            s.cr2 = s.faultAddress;
        }
        int gateOffset = vector << 4;
        int idtError = (vector << 3) | 2 | ext;
        if (gateOffset + 15 > s.idtLimit) {
            throw s.fault(GP, idtError);
        }
        long lo = s.mem.readSystem(s.idtBase + gateOffset, 3);
        long hi = s.mem.readSystem(s.idtBase + gateOffset + 8, 3);
        int gateType = (int) (lo >>> 40) & 0x1f;                // type and S
        int gateDpl = (int) (lo >>> 45) & 3;
        if (gateType != 0xe && gateType != 0xf) {
            throw s.fault(GP, idtError);
        }
        if ((kind == SOFTWARE || kind == SOFTWARE_EXCEPTION) && s.cpl > gateDpl) {
            throw s.fault(GP, idtError);
        }
        if ((lo & (1L << 47)) == 0) {
            throw s.fault(NP, idtError);
        }
        int cs = (int) (lo >>> 16) & 0xffff;
        long target = (lo & 0xffff) | ((lo >>> 48) << 16) | (hi << 32);
        if ((cs & ~3) == 0) {
            throw s.fault(GP, ext);
        }
        long desc = Segments.descriptor(s, cs);
        int attr = X86Arch.packAttributes(desc);
        int dpl = (attr >>> ATTR_DPL_SHIFT) & 3;
        if ((attr & ATTR_S) == 0 || (attr & ATTR_TYPE_CODE) == 0 || dpl > s.cpl) {
            throw s.fault(GP, (cs & 0xfffc) | ext);
        }
        if ((attr & ATTR_P) == 0) {
            throw s.fault(NP, (cs & 0xfffc) | ext);
        }
        if ((attr & ATTR_L) == 0) {
            throw s.unsupported("an interrupt gate to a 16/32-bit code segment");
        }
        boolean conforming = (attr & 4) != 0;
        int newCpl = conforming ? s.cpl : dpl;
        int ist = (int) (lo >>> 32) & 7;
        long oldRsp = s.r[X86State.RSP];
        long sp;
        if (ist != 0) {
            sp = tssStack(0x24 + 8 * (ist - 1));
        } else if (newCpl < s.cpl) {
            sp = tssStack(4 + 8 * newCpl);
        } else {
            sp = oldRsp;
        }
        sp &= ~15L;
        long rflags = Flags.rflags(s);
        boolean user = newCpl == 3;
        push(sp - 8, s.segSel[SS], user);
        push(sp - 16, oldRsp, user);
        push(sp - 24, rflags, user);
        push(sp - 32, s.segSel[CS], user);
        push(sp - 40, returnRip, user);
        sp -= 40;
        if (hasError) {
            sp -= 8;
            push(sp, error & 0xffff_ffffL, user);
        }
        if (newCpl < s.cpl) {
            s.segSel[SS] = newCpl;
            s.segAttr[SS] = newCpl << ATTR_DPL_SHIFT;
        }
        s.segSel[CS] = (cs & ~3) | newCpl;
        s.segAttr[CS] = attr;
        s.r[X86State.RSP] = sp;
        long clear = X86Arch.TF | X86Arch.NT | X86Arch.RF | X86Arch.VM | (gateType == 0xe ? X86Arch.IF : 0);
        s.flags &= ~clear;
        s.interruptShadow = false;
        s.rip = target;
        s.setCpl(newCpl);
        s.codeVPage = -1;
    }

    private void push(long la, long v, boolean user) {
        if (user) {
            s.mem.write(la, 3, v);
        } else {
            s.mem.writeSystem(la, 3, v);
        }
    }

    /** A stack pointer from the 64-bit TSS at byte {@code offset}; #TS if the TSS is too small. */
    private long tssStack(int offset) {
        if ((s.trSel & ~3) == 0 || offset + 7 > s.trLimit) {
            throw s.fault(TS, s.trSel & 0xfffc);
        }
        return s.mem.readSystem(s.trBase + offset, 3);
    }

    /** "#GP general protection (error 0x10)" for the last event delivered, or null. */
    public String lastEvent() {
        return lastVector < 0 ? null
                : X86Arch.vectorName(lastVector) + " (error 0x" + Integer.toHexString(lastError) + ")";
    }
}
