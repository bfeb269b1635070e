package org.hyperstrand.sparc.cpu;

/**
 * Fixed parameters of the modelled processor (a sun4v strand in the style of UltraSPARC T2)
 * and the bit layouts of its state registers.
 */
public final class SparcArch {

    /** Register windows. CWP, CANSAVE and friends are 3-bit fields. */
    public static final int NWINDOWS = 8;
    /** Highest trap level. */
    public static final int MAXTL = 6;
    /** Highest trap level privileged (guest) software may use. */
    public static final int MAXPTL = 2;
    /** Highest global level; there are MAXGL + 1 sets of %g1-%g7. */
    public static final int MAXGL = 3;
    /** Highest global level privileged software may use. */
    public static final int MAXPGL = 2;

    // ---- PSTATE --------------------------------------------------------------------------
    public static final int PSTATE_IE = 0x002;
    public static final int PSTATE_PRIV = 0x004;
    public static final int PSTATE_AM = 0x008;
    public static final int PSTATE_PEF = 0x010;
    public static final int PSTATE_MM = 0x0c0;
    public static final int PSTATE_TLE = 0x100;
    public static final int PSTATE_CLE = 0x200;
    public static final int PSTATE_TCT = 0x1000;
    /** The PSTATE bits this model implements; writes of other bits are dropped. */
    public static final int PSTATE_MASK = PSTATE_IE | PSTATE_PRIV | PSTATE_AM | PSTATE_PEF | PSTATE_MM
            | PSTATE_TLE | PSTATE_CLE | PSTATE_TCT;

    // ---- HPSTATE -------------------------------------------------------------------------
    public static final int HPSTATE_TLZ = 0x001;
    public static final int HPSTATE_HPRIV = 0x004;
    public static final int HPSTATE_RED = 0x020;
    public static final int HPSTATE_IBE = 0x400;
    public static final int HPSTATE_MASK = HPSTATE_TLZ | HPSTATE_HPRIV | HPSTATE_RED | HPSTATE_IBE;
    /** What HPSTATE holds while a guest runs (UltraSPARC T2: all clear). */
    public static final int HPSTATE_GUEST = 0;

    // ---- TSTATE --------------------------------------------------------------------------
    public static final int TSTATE_CWP_SHIFT = 0;
    public static final int TSTATE_PSTATE_SHIFT = 8;
    public static final int TSTATE_ASI_SHIFT = 24;
    public static final int TSTATE_CCR_SHIFT = 32;
    public static final int TSTATE_GL_SHIFT = 40;

    // ---- FPRS ----------------------------------------------------------------------------
    public static final int FPRS_DL = 0x1;
    public static final int FPRS_DU = 0x2;
    public static final int FPRS_FEF = 0x4;

    // ---- SOFTINT -------------------------------------------------------------------------
    /** Tick compare matched (interrupt level 14). */
    public static final long SOFTINT_TM = 1L;
    /** System tick compare matched (interrupt level 14). */
    public static final long SOFTINT_SM = 1L << 16;

    /** Bit 63 of TICK_CMPR, STICK_CMPR and HSTICK_CMPR: no interrupt on match. */
    public static final long CMPR_INT_DIS = 1L << 63;
    /** Bit 63 of TICK and STICK: non-privileged reads trap. */
    public static final long TICK_NPT = 1L << 63;

    /**
     * HVER: manufacturer 0x3e (Sun), implementation 0x24 (UltraSPARC T2), mask 2, MAXGL, MAXTL,
     * MAXWIN = NWINDOWS - 1.
     */
    public static final long HVER = (0x3eL << 48) | (0x24L << 32) | (0x02L << 24) | ((long) MAXGL << 16)
            | ((long) MAXTL << 8) | (NWINDOWS - 1);

    /** Pages of the decoded-instruction cache and the software TLB: 8 KiB, the base page size. */
    public static final int PAGE_SHIFT = 13;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final long PAGE_OFFSET_MASK = PAGE_SIZE - 1;

    private SparcArch() {
    }
}
