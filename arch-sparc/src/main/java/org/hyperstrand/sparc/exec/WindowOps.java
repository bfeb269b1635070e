package org.hyperstrand.sparc.exec;

import static org.hyperstrand.sparc.cpu.SparcArch.NWINDOWS;

import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.trap.TrapType;

/**
 * Register windows: SAVE, RESTORE, RETURN, FLUSHW and the window-control instructions SAVED,
 * RESTORED, ALLCLEAN, OTHERW, NORMALW, INVALW. The state registers keep
 * CANSAVE + CANRESTORE + OTHERWIN = NWINDOWS - 2; a window operation that would break that
 * raises a spill or fill trap whose number comes from WSTATE (the "other" field while OTHERWIN
 * is non-zero, else the "normal" field).
 */
public final class WindowOps {

    private WindowOps() {
    }

    /** spill_n_normal or spill_n_other for the current WSTATE and OTHERWIN. */
    public static int spillTrap(SparcState s) {
        return s.otherwin != 0
                ? TrapType.SPILL_0_OTHER + (((s.wstate >>> 3) & 7) << 2)
                : TrapType.SPILL_0_NORMAL + ((s.wstate & 7) << 2);
    }

    /** fill_n_normal or fill_n_other for the current WSTATE and OTHERWIN. */
    public static int fillTrap(SparcState s) {
        return s.otherwin != 0
                ? TrapType.FILL_0_OTHER + (((s.wstate >>> 3) & 7) << 2)
                : TrapType.FILL_0_NORMAL + ((s.wstate & 7) << 2);
    }

    static void save(SparcState s, int insn, int rd) {
        if (s.cansave == 0) {
            s.traps.raise(spillTrap(s));
            return;
        }
        if (s.cleanwin - s.canrestore == 0) {
            s.traps.raise(TrapType.CLEAN_WINDOW);
            return;
        }
        long[] r = s.r;
        long v = IntegerOps.src1(r, insn) + IntegerOps.src2(r, insn);
        s.setCwp(s.cwp() + 1);
        s.cansave--;
        s.canrestore++;
        r[rd] = v;
        s.advance();
    }

    static void restore(SparcState s, int insn, int rd) {
        if (s.canrestore == 0) {
            s.traps.raise(fillTrap(s));
            return;
        }
        long[] r = s.r;
        long v = IntegerOps.src1(r, insn) + IntegerOps.src2(r, insn);
        s.setCwp(s.cwp() - 1);
        s.cansave++;
        s.canrestore--;
        r[rd] = v;
        s.advance();
    }

    /** RETURN: RESTORE's window move plus a delayed jump to an address computed in the old window. */
    static void ret(SparcState s, int insn) {
        if (s.canrestore == 0) {
            s.traps.raise(fillTrap(s));
            return;
        }
        long[] r = s.r;
        long target = (IntegerOps.src1(r, insn) + IntegerOps.src2(r, insn)) & s.amMask;
        if ((target & 3) != 0) {
            LoadStoreOps.misaligned(s, TrapType.MEM_ADDRESS_NOT_ALIGNED, target);
            return;
        }
        s.setCwp(s.cwp() - 1);
        s.cansave++;
        s.canrestore--;
        s.delayedJump(target);
    }

    /** FLUSHW: spill trap while any window other than the current one holds valid contents. */
    static void flushw(SparcState s) {
        if (NWINDOWS - 2 - s.cansave != 0) {
            s.traps.raise(spillTrap(s));
            return;
        }
        s.advance();
    }

    /** SAVED (0), RESTORED (1), ALLCLEAN (2), OTHERW (3), NORMALW (4), INVALW (5); privileged. */
    static void windowControl(SparcState s, int insn) {
        if (!s.priv) {
            s.traps.raise(TrapType.PRIVILEGED_OPCODE);
            return;
        }
        switch ((insn >>> 25) & 31) {
            case 0: // SAVED
                s.cansave = inc(s.cansave);
                if (s.otherwin == 0) {
                    s.canrestore = dec(s.canrestore);
                } else {
                    s.otherwin = dec(s.otherwin);
                }
                break;
            case 1: // RESTORED
                s.canrestore = inc(s.canrestore);
                if (s.cleanwin < NWINDOWS - 1) {
                    s.cleanwin++;
                }
                if (s.otherwin == 0) {
                    s.cansave = dec(s.cansave);
                } else {
                    s.otherwin = dec(s.otherwin);
                }
                break;
            case 2: // ALLCLEAN
                s.cleanwin = NWINDOWS - 1;
                break;
            case 3: // OTHERW
                s.otherwin = s.canrestore;
                s.canrestore = 0;
                break;
            case 4: // NORMALW
                s.canrestore = s.otherwin;
                s.otherwin = 0;
                break;
            default: // INVALW
                s.cansave = NWINDOWS - 2;
                s.canrestore = 0;
                s.otherwin = 0;
                break;
        }
        s.advance();
    }

    private static int inc(int v) {
        return (v + 1) & (NWINDOWS - 1);
    }

    private static int dec(int v) {
        return (v - 1) & (NWINDOWS - 1);
    }
}
