package org.hyperstrand.sparc.cpu;

import static org.hyperstrand.sparc.cpu.SparcArch.HPSTATE_HPRIV;
import static org.hyperstrand.sparc.cpu.SparcArch.HPSTATE_MASK;
import static org.hyperstrand.sparc.cpu.SparcArch.MAXGL;
import static org.hyperstrand.sparc.cpu.SparcArch.MAXTL;
import static org.hyperstrand.sparc.cpu.SparcArch.NWINDOWS;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_AM;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_CLE;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_MASK;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_PRIV;
import static org.hyperstrand.sparc.cpu.SparcArch.TSTATE_ASI_SHIFT;
import static org.hyperstrand.sparc.cpu.SparcArch.TSTATE_CCR_SHIFT;
import static org.hyperstrand.sparc.cpu.SparcArch.TSTATE_GL_SHIFT;
import static org.hyperstrand.sparc.cpu.SparcArch.TSTATE_PSTATE_SHIFT;

import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.sparc.mem.SparcMemory;
import org.hyperstrand.sparc.mmu.Mmu;
import org.hyperstrand.sparc.trap.TrapUnit;

/**
 * The architectural state of one strand, shared by the execution classes. Fields are public
 * so the instruction families in {@code exec} reach them without accessor calls on the hot
 * path; invariants that span fields (the window and global views, the derived mode flags)
 * are kept by the setters, which every writer must use.
 *
 * <p>Integer registers: {@link #r} is the current view, r[0..31] as the instructions name them
 * (%g0-%g7, %o0-%o7, %l0-%l7, %i0-%i7) plus a sink at index 32 that decoded instructions use
 * as the destination when rd is %g0, so r[0] stays 0 without a check. The windowed registers
 * of every window and the global sets of every GL live in backing arrays and are copied in and
 * out of the view when CWP or GL changes.
 */
public final class SparcState {

    /** Index of the write-only sink register used for destination %g0. */
    public static final int SINK = 32;

    // ---- integer registers ---------------------------------------------------------------
    public final long[] r = new long[33];
    /** Window w: locals at [w*16, w*16+8), ins at [w*16+8, w*16+16); outs of w are ins of w+1. */
    private final long[] windows = new long[NWINDOWS * 16];
    private final long[][] globals = new long[MAXGL + 1][8];

    // ---- control -------------------------------------------------------------------------
    public long pc;
    public long npc;
    /** Instructions retired since creation. */
    public long retired;

    // ---- ancillary state -----------------------------------------------------------------
    public int ccr;
    public long y;
    public int asi;
    public int fprs;
    /** Floating-point registers and FSR. */
    public final FpuState fpu = new FpuState();
    public long pcr;
    public long pic;
    public long softint;
    public long tickCmpr = SparcArch.CMPR_INT_DIS;
    public long stickCmpr = SparcArch.CMPR_INT_DIS;
    /** TICK = now() + tickOffset (63 bits); TICK.NPT separately. */
    public long tickOffset;
    public boolean tickNpt;
    /** Set by a TICK_CMPR write; cleared when the match interrupt is posted. */
    public boolean tickCmprArmed;
    /** Set by a STICK_CMPR write; cleared when the match interrupt is posted. */
    public boolean stickCmprArmed;
    public long stickOffset;
    public boolean stickNpt;

    // ---- privileged state ----------------------------------------------------------------
    private int pstate;
    public int tl;
    private int gl;
    private int cwp;
    public int cansave;
    public int canrestore;
    public int cleanwin;
    public int otherwin;
    public int wstate;
    public int pil;
    public long tba;
    public final long[] tpc = new long[MAXTL + 1];
    public final long[] tnpc = new long[MAXTL + 1];
    public final long[] tstate = new long[MAXTL + 1];
    public final int[] tt = new int[MAXTL + 1];

    // ---- hyperprivileged state -----------------------------------------------------------
    private int hpstate;
    public final long[] htstate = new long[MAXTL + 1];
    public long htba;
    public long hintp;
    public long hstickCmpr = SparcArch.CMPR_INT_DIS;
    /** The real trap-base address the hypervisor keeps for guest resets (not a register). */
    public long rtba;

    // ---- sun4v ASI-mapped registers ------------------------------------------------------
    /** ASI_SCRATCHPAD (0x20), VA 0x00..0x38. */
    public final long[] scratchpad = new long[8];
    /**
     * ASI_QUEUE (0x25), VA 0x3c0..0x3f8 in order: cpu mondo head, tail, device mondo head, tail,
     * resumable error head, tail, non-resumable error head, tail.
     */
    public final long[] queue = new long[8];
    /** ASI_MMU (0x21) primary and secondary context (VA 0x8 and 0x10). */
    public long primaryContext;
    public long secondaryContext;

    // ---- derived mode flags (kept by the setters) ----------------------------------------
    /** HPSTATE.HPRIV. */
    public boolean hpriv;
    /** Privileged or hyperprivileged: PSTATE.PRIV or HPSTATE.HPRIV. */
    public boolean priv;
    /** PSTATE.CLE: implicit-ASI data accesses are little-endian. */
    public boolean cle;
    /** -1, or 0xffffffff when PSTATE.AM truncates addresses to 32 bits. */
    public long amMask = -1L;

    // ---- run-loop plumbing ---------------------------------------------------------------
    /** Bumped by every trap; a multi-step instruction compares it to see if a step trapped. */
    public long trapSeq;
    /** Set when something an interrupt depends on changed; the run loop then re-evaluates. */
    public boolean interruptCheck;
    /** The VcpuExit code that ends the current run, or -1 to keep going. */
    public int exit = -1;
    /** Why the CPU stopped with FATAL, or null. */
    public String fatalReason;
    /** Set by the guest watchdog reset until the guest leaves TL = MAXPTL. */
    public boolean inWatchdog;
    /** Page-aligned fetch address of the decoded page in use, or -1 to force a fresh lookup. */
    public long codeBase = -1;
    /** Host physical page number (pa >>> 13) of the decoded page in use, or -1. */
    public long codePaPage = -1;

    /** The last 16 fetched PCs, -1 where none yet; {@link #ringPos} is the newest. */
    public final long[] pcRing = new long[16];
    public int ringPos;

    public SparcState() {
        java.util.Arrays.fill(pcRing, -1L);
    }

    public SparcMemory mem;
    public TrapUnit traps;
    /** The sun4v MMU: TLBs, TSBs, fault area; serves the software TLB's misses when translation is on. */
    public Mmu mmu;
    /** The domain: its clock drives TICK and STICK. */
    public GuestContext guest;

    // ---- mode ----------------------------------------------------------------------------

    public int pstate() {
        return pstate;
    }

    public void setPstate(int value) {
        pstate = value & PSTATE_MASK;
        updateMode();
        interruptCheck = true;
    }

    public int hpstate() {
        return hpstate;
    }

    public void setHpstate(int value) {
        hpstate = value & HPSTATE_MASK;
        updateMode();
        interruptCheck = true;
    }

    private void updateMode() {
        hpriv = (hpstate & HPSTATE_HPRIV) != 0;
        priv = hpriv || (pstate & PSTATE_PRIV) != 0;
        cle = (pstate & PSTATE_CLE) != 0;
        amMask = (pstate & PSTATE_AM) != 0 ? 0xffff_ffffL : -1L;
    }

    // ---- windows and globals -------------------------------------------------------------

    public int cwp() {
        return cwp;
    }

    /** Makes window {@code newCwp} (taken modulo NWINDOWS) current. */
    public void setCwp(int newCwp) {
        newCwp &= NWINDOWS - 1;
        if (newCwp == cwp) {
            return;
        }
        storeWindow();
        cwp = newCwp;
        loadWindow();
    }

    private void storeWindow() {
        System.arraycopy(r, 8, windows, outsBase(cwp), 8);
        System.arraycopy(r, 16, windows, cwp * 16, 16);
    }

    private void loadWindow() {
        System.arraycopy(windows, outsBase(cwp), r, 8, 8);
        System.arraycopy(windows, cwp * 16, r, 16, 16);
    }

    private static int outsBase(int w) {
        return ((w + 1) & (NWINDOWS - 1)) * 16 + 8;
    }

    public int gl() {
        return gl;
    }

    /** Switches to global set {@code newGl} (0..MAXGL). */
    public void setGl(int newGl) {
        if (newGl == gl) {
            return;
        }
        System.arraycopy(r, 1, globals[gl], 1, 7);
        gl = newGl;
        System.arraycopy(globals[gl], 1, r, 1, 7);
    }

    /**
     * Register {@code reg} (0..7 locals, 8..15 ins) of window {@code w}, wherever it lives now.
     * Used by reports and tests; instructions use {@link #r}.
     */
    public long windowRegister(int w, int reg) {
        w &= NWINDOWS - 1;
        if (w == cwp) {
            return r[16 + reg];
        }
        if (reg >= 8 && ((w - 1) & (NWINDOWS - 1)) == cwp) {
            return r[reg];  // ins of cwp+1 are the current outs
        }
        return windows[w * 16 + reg];
    }

    /** Global {@code reg} (1..7) of global set {@code level}. */
    public long globalRegister(int level, int reg) {
        if (reg == 0) {
            return 0;
        }
        return level == gl ? r[reg] : globals[level][reg];
    }

    /**
     * Zeroes every register of every window and global set and all other state, leaving CWP = 0,
     * GL = 0, TL = 0, PSTATE = HPSTATE = 0; the boot protocol then sets what it needs.
     */
    public void reset() {
        java.util.Arrays.fill(r, 0);
        java.util.Arrays.fill(windows, 0);
        for (long[] g : globals) {
            java.util.Arrays.fill(g, 0);
        }
        cwp = 0;
        gl = 0;
        tl = 0;
        pstate = 0;
        hpstate = 0;
        updateMode();
        pc = 0;
        npc = 0;
        ccr = 0;
        y = 0;
        asi = 0;
        fprs = 0;
        fpu.reset();
        pcr = 0;
        pic = 0;
        softint = 0;
        tickCmpr = SparcArch.CMPR_INT_DIS;
        stickCmpr = SparcArch.CMPR_INT_DIS;
        hstickCmpr = SparcArch.CMPR_INT_DIS;
        tickCmprArmed = false;
        stickCmprArmed = false;
        tickOffset = 0;
        tickNpt = false;
        stickOffset = 0;
        stickNpt = false;
        cansave = 0;
        canrestore = 0;
        cleanwin = 0;
        otherwin = 0;
        wstate = 0;
        pil = 0;
        tba = 0;
        htba = 0;
        hintp = 0;
        rtba = 0;
        java.util.Arrays.fill(tpc, 0);
        java.util.Arrays.fill(tnpc, 0);
        java.util.Arrays.fill(tstate, 0);
        java.util.Arrays.fill(tt, 0);
        java.util.Arrays.fill(htstate, 0);
        java.util.Arrays.fill(scratchpad, 0);
        java.util.Arrays.fill(queue, 0);
        primaryContext = 0;
        secondaryContext = 0;
        exit = -1;
        fatalReason = null;
        inWatchdog = false;
        interruptCheck = true;
        codeBase = -1;
        codePaPage = -1;
        java.util.Arrays.fill(pcRing, -1L);
        ringPos = 0;
    }

    // ---- trap state ----------------------------------------------------------------------

    /** The TSTATE value describing the current state: GL, CCR, ASI, PSTATE, CWP. */
    public long currentTstate() {
        return ((long) gl << TSTATE_GL_SHIFT) | ((long) (ccr & 0xff) << TSTATE_CCR_SHIFT)
                | ((long) (asi & 0xff) << TSTATE_ASI_SHIFT) | ((long) pstate << TSTATE_PSTATE_SHIFT) | cwp;
    }

    /** Current integer condition codes (CCR.icc), as NZVC in bits 3..0. */
    public int icc() {
        return ccr & 0xf;
    }

    /** Current extended condition codes (CCR.xcc), as NZVC in bits 3..0. */
    public int xcc() {
        return (ccr >>> 4) & 0xf;
    }

    // ---- clocks --------------------------------------------------------------------------

    /** TICK as RDPR/RDTICK read it: NPT in bit 63, the 63-bit counter below. */
    public long tick() {
        return (tickNpt ? SparcArch.TICK_NPT : 0) | ((guest.now() + tickOffset) & ~SparcArch.TICK_NPT);
    }

    public void setTick(long value) {
        tickNpt = value < 0;
        tickOffset = (value & ~SparcArch.TICK_NPT) - guest.now();
    }

    /** STICK: NPT in bit 63, the 63-bit system tick counter below. */
    public long stick() {
        return (stickNpt ? SparcArch.TICK_NPT : 0) | ((guest.now() + stickOffset) & ~SparcArch.TICK_NPT);
    }

    public void setStick(long value) {
        stickNpt = value < 0;
        stickOffset = (value & ~SparcArch.TICK_NPT) - guest.now();
    }

    // ---- sequencing ----------------------------------------------------------------------

    /** Retires the current instruction and moves on sequentially. */
    public void advance() {
        pc = npc;
        npc = (npc + 4) & amMask;
        retired++;
    }

    /** Retires the current (control-transfer) instruction: the delay slot runs next, then {@code target}. */
    public void delayedJump(long target) {
        pc = npc;
        npc = target & amMask;
        retired++;
    }

    /** Retires the current branch and annuls its delay slot, continuing after it. */
    public void annulDelaySlot() {
        pc = (npc + 4) & amMask;
        npc = (npc + 8) & amMask;
        retired++;
    }

    /** Retires the current branch, annuls its delay slot, and continues at {@code target}. */
    public void jumpAnnulled(long target) {
        pc = target & amMask;
        npc = (target + 4) & amMask;
        retired++;
    }
}
