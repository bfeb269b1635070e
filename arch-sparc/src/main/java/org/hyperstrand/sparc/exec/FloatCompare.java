package org.hyperstrand.sparc.exec;

import org.hyperstrand.sparc.cpu.FpuState;
import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.Insn;

/**
 * FP compares and everything that tests their condition codes: FCMP/FCMPE (s, d) into
 * fcc0-fcc3, FBfcc and FBPfcc (delay slot and annul exactly as the integer branches), FMOVcc
 * on fcc, icc or xcc and FMOVr for FP registers, and MOVcc on fcc for integer registers. All of
 * them need the FPU enabled.
 *
 * <p>fcc values: 0 equal, 1 rs1 &lt; rs2, 2 rs1 &gt; rs2, 3 unordered. The 16 conditions (cond
 * field) and the fcc values for which they hold: 0 never, 1 NE (1,2,3), 2 LG (1,2), 3 UL (1,3),
 * 4 L (1), 5 UG (2,3), 6 G (2), 7 U (3), 8 always, 9 E (0), 10 UE (0,3), 11 GE (0,2),
 * 12 UGE (0,2,3), 13 LE (0,1), 14 ULE (0,1,3), 15 O (0,1,2).
 */
public final class FloatCompare {

    /** Bit k of FCC_TRUE[cond] is set when cond holds for fcc = k. */
    private static final int[] FCC_TRUE = {
        0x0, 0xe, 0x6, 0xa, 0x2, 0xc, 0x4, 0x8,
        0xf, 0x1, 0x9, 0x5, 0xd, 0x3, 0xb, 0x7,
    };

    private FloatCompare() {
    }

    /** Whether FBfcc/FMOVcc condition {@code cond} (0..15) holds for {@code fcc} (0..3). */
    public static boolean test(int cond, int fcc) {
        return ((FCC_TRUE[cond] >>> fcc) & 1) != 0;
    }

    // ---- compares ---------------------------------------------------------------------------

    /** FCMPs / FCMPEs: rd bits 1..0 select the fcc. */
    static void compareS(SparcState s, int insn, boolean signalling) {
        if (FloatOps.disabled(s)) {
            return;
        }
        FpuState f = s.fpu;
        f.exc = 0;
        int fcc = FloatArith.compareS(f, f.single(FloatOps.rs1(insn)), f.single(FloatOps.rs2(insn)), signalling);
        if (FloatOps.complete(s, f.exc)) {
            f.setFcc(Insn.rd(insn) & 3, fcc);
            s.advance();
        }
    }

    static void compareD(SparcState s, int insn, boolean signalling) {
        if (FloatOps.disabled(s)) {
            return;
        }
        FpuState f = s.fpu;
        f.exc = 0;
        int fcc = FloatArith.compareD(f, f.dbl(FloatOps.rs1D(insn)), f.dbl(FloatOps.rs2D(insn)), signalling);
        if (FloatOps.complete(s, f.exc)) {
            f.setFcc(Insn.rd(insn) & 3, fcc);
            s.advance();
        }
    }

    // ---- branches ---------------------------------------------------------------------------

    private static void branch(SparcState s, int insn, int fcc, long disp) {
        int cond = Insn.cond(insn);
        if (cond == 8) {
            BranchOps.ba(s, insn, disp);
        } else if (cond == 0) {
            BranchOps.bn(s, insn);
        } else {
            BranchOps.conditional(s, insn, test(cond, fcc), disp);
        }
    }

    /** FBfcc: on fcc0, 22-bit displacement. */
    static void fbfcc(SparcState s, int insn) {
        if (FloatOps.disabled(s)) {
            return;
        }
        branch(s, insn, s.fpu.fcc(0), Insn.disp22(insn));
    }

    /** FBPfcc: on the fcc in bits 21..20, 19-bit displacement (the prediction bit is a hint). */
    static void fbpfcc(SparcState s, int insn) {
        if (FloatOps.disabled(s)) {
            return;
        }
        branch(s, insn, s.fpu.fcc((insn >>> 20) & 3), Insn.disp19(insn));
    }

    // ---- conditional moves ------------------------------------------------------------------

    /** The condition of an FMOVcc: opf_cc (bits 13..11) 0-3 fcc0-3, 4 icc, 6 xcc. */
    private static boolean fmovCondition(SparcState s, int insn) {
        int cond = (insn >>> 14) & 15;
        int cc = (insn >>> 11) & 7;
        if (cc < 4) {
            return test(cond, s.fpu.fcc(cc));
        }
        return ConditionCodes.test(cond, cc == 4 ? s.icc() : s.xcc());
    }

    /** FMOVScc / FMOVDcc: an FPop that clears cexc whether or not it moves. */
    static void fmovcc(SparcState s, int insn, boolean dbl) {
        if (FloatOps.disabled(s)) {
            return;
        }
        FloatOps.complete(s, 0);
        if (fmovCondition(s, insn)) {
            move(s, insn, dbl);
        }
        s.advance();
    }

    /** FMOVRs / FMOVRd: on the integer register rs1 (rcond in bits 12..10). */
    static void fmovr(SparcState s, int insn, boolean dbl) {
        if (FloatOps.disabled(s)) {
            return;
        }
        FloatOps.complete(s, 0);
        if (IntegerOps.registerCondition((insn >>> 10) & 7, IntegerOps.src1(s.r, insn))) {
            move(s, insn, dbl);
        }
        s.advance();
    }

    private static void move(SparcState s, int insn, boolean dbl) {
        if (dbl) {
            FloatOps.writeDouble(s, FloatOps.rdD(insn), s.fpu.dbl(FloatOps.rs2D(insn)));
        } else {
            FloatOps.writeSingle(s, FloatOps.rd(insn), s.fpu.single(FloatOps.rs2(insn)));
        }
    }

    /** MOVcc with cc2 = 0: integer rd = rs2 or simm11 if the condition holds on fcc (bits 12..11). */
    static void movfcc(SparcState s, int insn, int rd) {
        if (FloatOps.disabled(s)) {
            return;
        }
        if (test((insn >>> 14) & 15, s.fpu.fcc((insn >>> 11) & 3))) {
            long[] r = s.r;
            r[rd] = (insn & 0x2000) != 0 ? (long) Insn.simm11(insn) : r[insn & 31];
        }
        s.advance();
    }
}
