package org.hyperstrand.sparc.trap;

import static org.hyperstrand.sparc.cpu.SparcArch.CMPR_INT_DIS;
import static org.hyperstrand.sparc.cpu.SparcArch.HPSTATE_HPRIV;
import static org.hyperstrand.sparc.cpu.SparcArch.HPSTATE_RED;
import static org.hyperstrand.sparc.cpu.SparcArch.MAXGL;
import static org.hyperstrand.sparc.cpu.SparcArch.MAXPGL;
import static org.hyperstrand.sparc.cpu.SparcArch.MAXPTL;
import static org.hyperstrand.sparc.cpu.SparcArch.MAXTL;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_AM;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_CLE;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_IE;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_PEF;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_PRIV;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_TCT;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_TLE;
import static org.hyperstrand.sparc.cpu.SparcArch.SOFTINT_SM;
import static org.hyperstrand.sparc.cpu.SparcArch.SOFTINT_TM;

import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvCalls;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.sparc.cpu.SparcState;

/**
 * Trap delivery. Every exception an instruction detects comes through {@link #raise}, which
 * decides who takes it:
 *
 * <ul>
 *   <li>the guest, at privileged level, through TBA: TL and GL go up, TSTATE/TPC/TNPC/TT are
 *       saved at the new TL, the PC becomes {@code TBA<63:15> | (TL>0 ? 1<<14 : 0) | TT<<5};</li>
 *   <li>the guest's watchdog reset at RTBA+0x40, when the guest traps at TL = MAXPTL (a second
 *       one before the guest leaves MAXPTL is an error state: FATAL);</li>
 *   <li>the hypervisor, for Tcc 0x80..0xff from privileged mode (TT 0x180..0x1ff). By default
 *       the Java hypervisor takes these: the run ends with a HYPERCALL exit, or an unknown
 *       trap number is answered with EBADTRAP in %o0 without leaving the CPU. In bare mode
 *       ({@link #setBareMode}) they vector through HTBA to hyperprivileged code instead, as on
 *       hardware; traps taken in hyperprivileged mode always do.</li>
 * </ul>
 */
public final class TrapUnit {

    private final SparcState s;
    private final HcallFrame frame = new HcallFrame();
    private boolean bareMode;

    private boolean hypercallPending;
    private int hypercallKind;
    private long hypercallNumber;

    public TrapUnit(SparcState s) {
        this.s = s;
    }

    /** Bare mode: hyperprivileged traps vector through HTBA instead of exiting to the Java hypervisor. */
    public void setBareMode(boolean bare) {
        this.bareMode = bare;
    }

    public boolean bareMode() {
        return bareMode;
    }

    // ---- raising -----------------------------------------------------------------------

    /** Takes trap {@code tt} for the instruction at PC (TPC = PC, TNPC = NPC). */
    public void raise(int tt) {
        s.trapSeq++;
        if (s.hpriv) {
            toHypervisor(tt);
        } else if (tt >= TrapType.HTRAP_INSTRUCTION && tt < 0x200) {
            if (bareMode) {
                toHypervisor(tt);
            } else {
                javaHypervisorTrap(tt);
            }
        } else if (s.tl >= MAXPTL) {
            watchdog(tt);
        } else {
            toGuest(tt);
        }
        s.mem.updateRegime();  // TL and PSTATE.PRIV choose the translation context
    }

    /**
     * The hypervisor ends a guest error with the guest's watchdog reset, whatever the trap level
     * (for example an MMU fault with no fault area configured); {@code tt} is recorded as the
     * failing trap.
     */
    public void guestWatchdog(int tt) {
        s.trapSeq++;
        watchdog(tt);
        s.mem.updateRegime();
    }

    public void illegal() {
        raise(TrapType.ILLEGAL_INSTRUCTION);
    }

    /** Stops the CPU: run() returns FATAL and the report says why. */
    public void fatal(String reason) {
        s.trapSeq++;
        if (s.fatalReason == null) {
            s.fatalReason = reason;
        }
        s.exit = VcpuExit.FATAL;
    }

    private void saveTrapState(int tt) {
        int tl = s.tl;
        s.tstate[tl] = s.currentTstate();
        s.htstate[tl] = s.hpstate();
        s.tpc[tl] = s.pc;
        s.tnpc[tl] = s.npc;
        s.tt[tl] = tt;
    }

    /** PSTATE on trap entry: privileged, interrupts and address masking off, CLE from TLE. */
    private static int trapPstate(int pstate) {
        int p = pstate & ~(PSTATE_IE | PSTATE_AM | PSTATE_CLE | PSTATE_TCT);
        if ((pstate & PSTATE_TLE) != 0) {
            p |= PSTATE_CLE;
        }
        return p | PSTATE_PRIV | PSTATE_PEF;
    }

    private void adjustWindow(int tt) {
        if (TrapType.isSpill(tt)) {
            s.setCwp(s.cwp() + s.cansave + 2);
        } else if (TrapType.isFill(tt)) {
            s.setCwp(s.cwp() - 1);
        } else if (TrapType.isCleanWindow(tt)) {
            s.setCwp(s.cwp() + 1);
        }
    }

    private void toGuest(int tt) {
        int tlBefore = s.tl;
        s.tl = tlBefore + 1;
        saveTrapState(tt);
        s.setPstate(trapPstate(s.pstate()));
        if (s.gl() < MAXPGL) {
            s.setGl(s.gl() + 1);
        }
        adjustWindow(tt);
        s.pc = (s.tba & ~0x7fffL) | (tlBefore > 0 ? 0x4000L : 0) | ((long) tt << 5);
        s.npc = s.pc + 4;
    }

    /**
     * The guest trapped at TL = MAXPTL: enter its watchdog reset handler at RTBA+0x40 at TL =
     * MAXPTL and GL = MAXPGL, with TT, TPC, TNPC and TSTATE at MAXPTL describing the failing
     * trap, as the sun4v hypervisor does; it also turns the MMU off.
     */
    private void watchdog(int tt) {
        if (s.inWatchdog) {
            fatal("error state: guest trap " + TrapType.name(tt) + " (tt 0x" + Integer.toHexString(tt)
                    + ") at TL=" + s.tl + " while still in its watchdog reset handler");
            return;
        }
        s.tl = MAXPTL;
        saveTrapState(tt);
        s.setPstate((s.pstate() & ~(PSTATE_AM | PSTATE_IE)) | PSTATE_PRIV);
        s.setGl(MAXPGL);
        s.inWatchdog = true;
        if (s.mmu != null) {
            s.mmu.watchdogReset();
        }
        s.pc = s.rtba + ((long) TrapType.WATCHDOG_RESET << 5);
        s.npc = s.pc + 4;
    }

    /** Hardware delivery to hyperprivileged mode through HTBA (bare mode, or traps taken in it). */
    private void toHypervisor(int tt) {
        if (s.tl >= MAXTL) {
            fatal("error state: trap " + TrapType.name(tt) + " (tt 0x" + Integer.toHexString(tt) + ") at TL=MAXTL");
            return;
        }
        if (s.tl == MAXTL - 1) {
            fatal("RED_state: trap " + TrapType.name(tt) + " (tt 0x" + Integer.toHexString(tt) + ") at TL=MAXTL-1");
            return;
        }
        s.tl++;
        saveTrapState(tt);
        s.setHpstate((s.hpstate() & ~HPSTATE_RED) | HPSTATE_HPRIV);
        int pstate = s.pstate();
        s.setPstate((trapPstate(pstate) & ~PSTATE_PRIV) | (pstate & PSTATE_PRIV));
        if (s.gl() < MAXGL) {
            s.setGl(s.gl() + 1);
        }
        adjustWindow(tt);
        s.pc = (s.htba & ~0x3fffL) | ((long) tt << 5);
        s.npc = s.pc + 4;
    }

    // ---- the Java hypervisor's traps -----------------------------------------------------

    private void javaHypervisorTrap(int tt) {
        int number = tt - TrapType.TRAP_INSTRUCTION;
        long[] r = s.r;
        if (number == 0x80) {
            startHypercall(VcpuExit.KIND_FAST, r[13]);
        } else if (number == 0xff) {
            startHypercall(VcpuExit.KIND_CORE, r[13]);
        } else if (number == HvCalls.HYPERFAST_MMU_MAP_ADDR || number == HvCalls.HYPERFAST_MMU_UNMAP_ADDR) {
            startHypercall(VcpuExit.KIND_HYPERFAST, number);
        } else {
            r[8] = HvErrors.EBADTRAP;
            s.advance();  // as the hypervisor's "done": resume after the trap instruction
        }
    }

    private void startHypercall(int kind, long number) {
        frame.clear();
        for (int i = 0; i < 5; i++) {
            frame.setArg(i, s.r[8 + i]);
        }
        hypercallKind = kind;
        hypercallNumber = number;
        hypercallPending = true;
        s.exit = VcpuExit.HYPERCALL;
    }

    public HcallFrame frame() {
        return frame;
    }

    public int hypercallKind() {
        return hypercallKind;
    }

    public long hypercallNumber() {
        return hypercallNumber;
    }

    public boolean hypercallPending() {
        return hypercallPending;
    }

    /** Writes status and results into %o0.. per the sparc64 binding and resumes after the trap. */
    public void completeHypercall(long status) {
        if (!hypercallPending) {
            throw new IllegalStateException("no hypercall is pending on this CPU");
        }
        hypercallPending = false;
        long[] r = s.r;
        int results;
        switch (hypercallKind) {
            case VcpuExit.KIND_FAST:
                results = 5;
                break;
            case VcpuExit.KIND_HYPERFAST:
                results = 3;
                break;
            default:
                results = 2;
                break;
        }
        r[8] = status;
        for (int n = 1; n <= results; n++) {
            r[8 + n] = frame.result(n);
        }
        s.advance();
    }

    /** Forgets a pending hypercall (the CPU is being restarted). */
    public void reset() {
        hypercallPending = false;
    }

    // ---- interrupts ----------------------------------------------------------------------

    /**
     * Takes the highest-priority pending disrupting trap, if the guest has interrupts enabled:
     * non-empty cpu mondo, device mondo and resumable error queues, then SOFTINT levels above PIL
     * (tick and stick matches are level 14).
     */
    public void checkInterrupts() {
        s.interruptCheck = false;
        if (s.hpriv || (s.pstate() & PSTATE_IE) == 0) {
            return;
        }
        int tt = pendingInterrupt();
        if (tt != 0) {
            raise(tt);
        }
    }

    /** The trap type of the interrupt the guest would take now if enabled, or 0. */
    public int pendingInterrupt() {
        long[] q = s.queue;
        if (q[0] != q[1]) {
            return TrapType.CPU_MONDO;
        }
        if (q[2] != q[3]) {
            return TrapType.DEV_MONDO;
        }
        if (q[4] != q[5]) {
            return TrapType.RESUMABLE_ERROR;
        }
        long levels = s.softint & 0xfffe;
        if ((s.softint & (SOFTINT_TM | SOFTINT_SM)) != 0) {
            levels |= 1L << 14;
        }
        if (levels != 0) {
            int level = 63 - Long.numberOfLeadingZeros(levels);
            if (level > s.pil) {
                return TrapType.INTERRUPT_LEVEL_0 + level;
            }
        }
        return 0;
    }

    /** Sets SOFTINT.TM/SM when an armed TICK_CMPR/STICK_CMPR has been reached at time {@code tick}. */
    public void checkTimers(long now) {
        long tick = (now + s.tickOffset) & ~(1L << 63);
        if (s.tickCmprArmed && (s.tickCmpr & CMPR_INT_DIS) == 0 && tick >= (s.tickCmpr & ~CMPR_INT_DIS)) {
            s.tickCmprArmed = false;
            s.softint |= SOFTINT_TM;
            s.interruptCheck = true;
        }
        long stick = (now + s.stickOffset) & ~(1L << 63);
        if (s.stickCmprArmed && (s.stickCmpr & CMPR_INT_DIS) == 0 && stick >= (s.stickCmpr & ~CMPR_INT_DIS)) {
            s.stickCmprArmed = false;
            s.softint |= SOFTINT_SM;
            s.interruptCheck = true;
        }
    }
}
