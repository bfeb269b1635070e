package org.hyperstrand.sparc;

import static org.hyperstrand.sparc.Asm.ASI;
import static org.hyperstrand.sparc.Asm.CCR;
import static org.hyperstrand.sparc.Asm.FPRS;
import static org.hyperstrand.sparc.Asm.G0;
import static org.hyperstrand.sparc.Asm.G1;
import static org.hyperstrand.sparc.Asm.G2;
import static org.hyperstrand.sparc.Asm.L0;
import static org.hyperstrand.sparc.Asm.O0;
import static org.hyperstrand.sparc.Asm.O1;
import static org.hyperstrand.sparc.Asm.O2;
import static org.hyperstrand.sparc.Asm.PSTATE;
import static org.hyperstrand.sparc.Asm.RGZ;
import static org.hyperstrand.sparc.Asm.RLZ;
import static org.hyperstrand.sparc.Asm.RZ;
import static org.hyperstrand.sparc.Asm.movi;
import static org.hyperstrand.sparc.Asm.wr;
import static org.hyperstrand.sparc.Asm.wrpr;
import static org.hyperstrand.sparc.FpAsm.fbfcc;
import static org.hyperstrand.sparc.FpAsm.fbpfcc;
import static org.hyperstrand.sparc.FpAsm.fd;
import static org.hyperstrand.sparc.FpAsm.fs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.sparc.cpu.FpuState;
import org.hyperstrand.sparc.cpu.SparcArch;
import org.hyperstrand.sparc.decode.Op;
import org.hyperstrand.sparc.decode.SparcDecoder;
import org.hyperstrand.sparc.exec.FloatCompare;
import org.hyperstrand.sparc.trap.TrapType;
import org.junit.jupiter.api.Test;

/**
 * The floating-point instructions as gcc emits them for float and double code: arithmetic and
 * conversions with their FSR effects, NaN and infinity results, compares and every condition of
 * FBfcc/FBPfcc/FMOVcc/MOVcc, FP loads and stores (FSR, alternate spaces, alignment), fp_disabled,
 * IEEE traps under FSR.tem and the unimplemented quad operations.
 */
class SparcFloatTest {

    private static final int ENABLE_PEF = wrpr(PSTATE, G0, SparcArch.PSTATE_PRIV | SparcArch.PSTATE_PEF);
    private static final int ENABLE_FEF = wr(FPRS, G0, SparcArch.FPRS_FEF);
    private static final long DATA = SparcRig.DATA;

    /** A rig running {@code body} with the FPU enabled, then the stop hypercall. */
    private static SparcRig rig(int... body) {
        SparcRig rig = new SparcRig().program(SparcRig.code(ENABLE_PEF, ENABLE_FEF, body, SparcRig.STOP));
        rig.tba(SparcRig.TBA_BASE);
        return rig;
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static int bits(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static String hex(long v) {
        return Long.toHexString(v);
    }

    /** Runs one double FPop %d6 = %d2 op %d4 with FSR preset; returns the rig. */
    private static SparcRig opD(int opf, long a, long b, long fsr) {
        SparcRig rig = rig(fd(opf, 6, 2, 4));
        FpuState f = rig.s.fpu;
        f.setDouble(2, a);
        f.setDouble(4, b);
        f.fsr = fsr;
        return rig.runToStop();
    }

    private static long resultD(int opf, double a, double b) {
        return opD(opf, bits(a), bits(b), 0).s.fpu.dbl(6);
    }

    private static SparcRig opS(int opf, int a, int b, long fsr) {
        SparcRig rig = rig(fs(opf, 3, 1, 2));
        FpuState f = rig.s.fpu;
        f.setSingle(1, a);
        f.setSingle(2, b);
        f.fsr = fsr;
        return rig.runToStop();
    }

    private static long rdBits(int mode) {
        return (long) mode << FpuState.RD_SHIFT;
    }

    private static long tem(int exceptions) {
        return (long) exceptions << FpuState.TEM_SHIFT;
    }

    // ---- arithmetic -------------------------------------------------------------------------

    @Test
    void doubleArithmetic() {
        double a = 1.5;
        double b = -0.1;
        assertEquals(hex(bits(a + b)), hex(resultD(FpAsm.FADDD, a, b)));
        assertEquals(hex(bits(a - b)), hex(resultD(FpAsm.FSUBD, a, b)));
        assertEquals(hex(bits(a * b)), hex(resultD(FpAsm.FMULD, a, b)));
        assertEquals(hex(bits(a / b)), hex(resultD(FpAsm.FDIVD, a, b)));
        assertEquals(hex(bits(Math.sqrt(2.0))), hex(opD(FpAsm.FSQRTD, 0, bits(2.0), 0).s.fpu.dbl(6)));

        SparcRig rig = opD(FpAsm.FADDD, bits(0.5), bits(0.25), 0);
        assertEquals(0, rig.s.fpu.cexc(), "exact");
        rig = opD(FpAsm.FDIVD, bits(1.0), bits(3.0), 0);
        assertEquals(FpuState.NX, rig.s.fpu.cexc());
        assertEquals(FpuState.NX, rig.s.fpu.aexc());
        assertEquals(SparcArch.FPRS_FEF | SparcArch.FPRS_DL, rig.s.fprs, "only the lower half was written");
    }

    @Test
    void upperDoubleRegistersAndDirtyBits() {
        SparcRig rig = rig(fd(FpAsm.FMULD, 62, 34, 32), fd(FpAsm.FMOVD, 0, 0, 62));
        rig.s.fpu.setDouble(34, bits(3.0));
        rig.s.fpu.setDouble(32, bits(7.0));
        rig.runToStop();
        assertEquals(21.0, Double.longBitsToDouble(rig.s.fpu.dbl(62)));
        assertEquals(21.0, Double.longBitsToDouble(rig.s.fpu.dbl(0)));
        assertEquals(SparcArch.FPRS_FEF | SparcArch.FPRS_DL | SparcArch.FPRS_DU, rig.s.fprs);
        assertEquals(bits(21.0) >>> 32, rig.s.fpu.single(0) & 0xffff_ffffL, "%d0 overlays %f0:%f1");
    }

    @Test
    void singleArithmeticAndFsmuld() {
        float f = 3.25f;
        float g = 1e-3f;
        assertEquals(bits(f + g), opS(FpAsm.FADDS, bits(f), bits(g), 0).s.fpu.single(3));
        assertEquals(bits(f - g), opS(FpAsm.FSUBS, bits(f), bits(g), 0).s.fpu.single(3));
        assertEquals(bits(f * g), opS(FpAsm.FMULS, bits(f), bits(g), 0).s.fpu.single(3));
        assertEquals(bits(f / g), opS(FpAsm.FDIVS, bits(f), bits(g), 0).s.fpu.single(3));
        assertEquals(bits((float) Math.sqrt(f)), opS(FpAsm.FSQRTS, 0, bits(f), 0).s.fpu.single(3));
        assertEquals(bits(-f), opS(FpAsm.FNEGS, 0, bits(f), 0).s.fpu.single(3));
        assertEquals(bits(f), opS(FpAsm.FABSS, 0, bits(-f), 0).s.fpu.single(3));
        assertEquals(bits(g), opS(FpAsm.FMOVS, 0, bits(g), 0).s.fpu.single(3));

        SparcRig rig = rig(FpAsm.fpop1(FpAsm.FSMULD, FpAsm.d(4), 1, 2));
        rig.s.fpu.setSingle(1, bits(f));
        rig.s.fpu.setSingle(2, bits(g));
        rig.runToStop();
        assertEquals(hex(bits((double) f * (double) g)), hex(rig.s.fpu.dbl(4)), "exact double product");
        assertEquals(0, rig.s.fpu.cexc());
    }

    @Test
    void negateAbsoluteAndMoveClearCexcButKeepAexc() {
        SparcRig rig = opD(FpAsm.FNEGD, 0, bits(2.0), (long) FpuState.NX << FpuState.AEXC_SHIFT | FpuState.NX);
        assertEquals(-2.0, Double.longBitsToDouble(rig.s.fpu.dbl(6)));
        assertEquals(0, rig.s.fpu.cexc());
        assertEquals(FpuState.NX, rig.s.fpu.aexc());
        long snan = 0x7ff0_0000_0000_0001L;
        rig = opD(FpAsm.FABSD, 0, snan | Long.MIN_VALUE, 0);
        assertEquals(hex(snan), hex(rig.s.fpu.dbl(6)), "a signalling NaN is copied as is");
        assertEquals(0, rig.s.fpu.cexc());
    }

    // ---- NaN, infinity, zero ----------------------------------------------------------------

    @Test
    void invalidOperationsGiveTheDefaultNaN() {
        SparcRig rig = opD(FpAsm.FDIVD, bits(0.0), bits(0.0), 0);
        assertEquals("7fffffffffffffff", hex(rig.s.fpu.dbl(6)));
        assertEquals(FpuState.NV, rig.s.fpu.cexc());
        assertEquals("7fffffffffffffff", hex(opD(FpAsm.FSUBD, bits(Double.POSITIVE_INFINITY),
                bits(Double.POSITIVE_INFINITY), 0).s.fpu.dbl(6)));
        assertEquals("7fffffffffffffff", hex(opD(FpAsm.FMULD, bits(0.0), bits(Double.NEGATIVE_INFINITY), 0)
                .s.fpu.dbl(6)));
        assertEquals("7fffffffffffffff", hex(opD(FpAsm.FSQRTD, 0, bits(-1.0), 0).s.fpu.dbl(6)));
        assertEquals(0x7fff_ffff, opS(FpAsm.FDIVS, bits(Float.POSITIVE_INFINITY), bits(Float.NEGATIVE_INFINITY), 0)
                .s.fpu.single(3));
        assertEquals(hex(bits(-0.0)), hex(opD(FpAsm.FSQRTD, 0, bits(-0.0), 0).s.fpu.dbl(6)), "sqrt(-0) = -0");
    }

    @Test
    void divisionByZeroAndInfinities() {
        SparcRig rig = opD(FpAsm.FDIVD, bits(1.0), bits(0.0), 0);
        assertEquals(hex(bits(Double.POSITIVE_INFINITY)), hex(rig.s.fpu.dbl(6)));
        assertEquals(FpuState.DZ, rig.s.fpu.cexc());
        assertEquals(hex(bits(Double.NEGATIVE_INFINITY)), hex(resultD(FpAsm.FDIVD, -1.0, 0.0)));
        assertEquals(hex(bits(Double.NEGATIVE_INFINITY)), hex(resultD(FpAsm.FDIVD, 1.0, -0.0)));
        rig = opD(FpAsm.FDIVD, bits(Double.POSITIVE_INFINITY), bits(0.0), 0);
        assertEquals(0, rig.s.fpu.cexc(), "inf / 0 is exact");
        rig = opD(FpAsm.FMULD, bits(Double.MAX_VALUE), bits(2.0), 0);
        assertEquals(hex(bits(Double.POSITIVE_INFINITY)), hex(rig.s.fpu.dbl(6)));
        assertEquals(FpuState.OF | FpuState.NX, rig.s.fpu.cexc());
        rig = opD(FpAsm.FMULD, bits(Double.MIN_NORMAL), bits(0x1p-10), 0);
        assertEquals(hex(bits(0x1p-1032)), hex(rig.s.fpu.dbl(6)), "exact subnormal");
        assertEquals(0, rig.s.fpu.cexc(), "no underflow for an exact tiny result");
        rig = opD(FpAsm.FMULD, bits(Double.MIN_VALUE), bits(0.5), 0);
        assertEquals(0, rig.s.fpu.dbl(6));
        assertEquals(FpuState.UF | FpuState.NX, rig.s.fpu.cexc());
        assertEquals(hex(bits(-0.0)), hex(resultD(FpAsm.FADDD, -0.0, -0.0)));
        assertEquals(hex(bits(0.0)), hex(resultD(FpAsm.FSUBD, 1.0, 1.0)));
    }

    @Test
    void nanOperandsPropagateAsSparcSpecifies() {
        long q1 = 0x7ff8_0000_0000_0001L;
        long q2 = 0xfff8_0000_0000_0002L;
        long s1 = 0x7ff0_0000_0000_0003L;
        long s2 = 0x7ff0_0000_0000_0004L;
        long quiet = 0x0008_0000_0000_0000L;
        SparcRig rig = opD(FpAsm.FADDD, q1, q2, 0);
        assertEquals(hex(q2), hex(rig.s.fpu.dbl(6)), "two quiet NaNs: rs2");
        assertEquals(0, rig.s.fpu.cexc());
        rig = opD(FpAsm.FMULD, s1, q2, 0);
        assertEquals(hex(s1 | quiet), hex(rig.s.fpu.dbl(6)), "a signalling NaN wins, quieted");
        assertEquals(FpuState.NV, rig.s.fpu.cexc());
        assertEquals(hex(s2 | quiet), hex(opD(FpAsm.FSUBD, s1, s2, 0).s.fpu.dbl(6)), "two signalling: rs2");
        assertEquals(hex(q1), hex(opD(FpAsm.FDIVD, q1, bits(1.0), 0).s.fpu.dbl(6)));
        assertEquals(hex(q2), hex(opD(FpAsm.FSUBD, bits(1.0), q2, 0).s.fpu.dbl(6)), "the NaN's sign is kept");
        assertEquals(0x7fc0_0005, opS(FpAsm.FADDS, 0x7f80_0005, bits(1f), 0).s.fpu.single(3));
    }

    // ---- conversions ------------------------------------------------------------------------

    private static SparcRig convert(int opf, boolean srcDouble, boolean dstDouble, long src, long fsr) {
        int rd = dstDouble ? FpAsm.d(6) : 3;
        int rs2 = srcDouble ? FpAsm.d(2) : 1;
        SparcRig rig = rig(FpAsm.fpop1(opf, rd, 0, rs2));
        if (srcDouble) {
            rig.s.fpu.setDouble(2, src);
        } else {
            rig.s.fpu.setSingle(1, (int) src);
        }
        rig.s.fpu.fsr = fsr;
        return rig.runToStop();
    }

    private static long result(SparcRig rig, boolean dstDouble) {
        return dstDouble ? rig.s.fpu.dbl(6) : rig.s.fpu.single(3);
    }

    @Test
    void conversionsToIntegerTruncate() {
        SparcRig rig = convert(FpAsm.FDTOI, true, false, bits(2.75), rdBits(FpuState.RD_PLUS_INF));
        assertEquals(2, result(rig, false), "FSR.rd does not apply");
        assertEquals(FpuState.NX, rig.s.fpu.cexc());
        assertEquals(-2, result(convert(FpAsm.FDTOI, true, false, bits(-2.75), 0), false));
        assertEquals(-7, result(convert(FpAsm.FSTOI, false, false, bits(-7.0f), 0), false));
        rig = convert(FpAsm.FDTOI, true, false, bits(3e9), 0);
        assertEquals(Integer.MAX_VALUE, result(rig, false));
        assertEquals(FpuState.NV, rig.s.fpu.cexc());
        assertEquals(Integer.MIN_VALUE, result(convert(FpAsm.FDTOI, true, false, bits(-3e9), 0), false));
        assertEquals(Integer.MIN_VALUE, result(convert(FpAsm.FDTOI, true, false, bits(-2147483648.9), 0), false));
        assertEquals(Integer.MAX_VALUE, result(convert(FpAsm.FDTOI, true, false, 0x7fff_ffff_ffff_ffffL, 0), false));
        rig = convert(FpAsm.FSTOI, false, false, 0xffc0_0000L, 0);
        assertEquals(Integer.MIN_VALUE, result(rig, false), "a negative NaN gives the most negative integer");
        assertEquals(FpuState.NV, rig.s.fpu.cexc());
        assertEquals(Long.MAX_VALUE, result(convert(FpAsm.FDTOX, true, true, bits(Double.POSITIVE_INFINITY), 0), true));
        assertEquals(Long.MIN_VALUE, result(convert(FpAsm.FDTOX, true, true, bits(-0x1p63), 0), true));
        assertEquals(-1_500_000_000_000_000L, result(convert(FpAsm.FDTOX, true, true, bits(-1.5e15), 0), true));
        assertEquals(123456792L, result(convert(FpAsm.FSTOX, false, true, bits(123456789.0f), 0), true),
                "123456789 is not a float");
    }

    @Test
    void conversionsFromIntegerRound() {
        assertEquals(hex(bits(-7.0)), hex(result(convert(FpAsm.FITOD, false, true, -7, 0), true)));
        assertEquals(bits(16777216f), result(convert(FpAsm.FITOS, false, false, 16777217, 0), false));
        SparcRig rig = convert(FpAsm.FITOS, false, false, 16777217, rdBits(FpuState.RD_PLUS_INF));
        assertEquals(bits(16777218f), result(rig, false));
        assertEquals(FpuState.NX, rig.s.fpu.cexc());
        assertEquals(hex(bits(0x1p63)), hex(result(convert(FpAsm.FXTOD, true, true, Long.MAX_VALUE, 0), true)));
        assertEquals(hex(bits(Math.nextDown(0x1p63))),
                hex(result(convert(FpAsm.FXTOD, true, true, Long.MAX_VALUE, rdBits(FpuState.RD_ZERO)), true)));
        assertEquals(bits((float) -123456789123L), result(convert(FpAsm.FXTOS, true, false, -123456789123L, 0), false));
    }

    @Test
    void conversionsBetweenFormats() {
        assertEquals(hex(bits((double) 0.1f)), hex(result(convert(FpAsm.FSTOD, false, true, bits(0.1f), 0), true)));
        SparcRig rig = convert(FpAsm.FDTOS, true, false, bits(0.1), 0);
        assertEquals(bits(0.1f), result(rig, false));
        assertEquals(FpuState.NX, rig.s.fpu.cexc());
        rig = convert(FpAsm.FDTOS, true, false, bits(1e300), 0);
        assertEquals(bits(Float.POSITIVE_INFINITY), result(rig, false));
        assertEquals(FpuState.OF | FpuState.NX, rig.s.fpu.cexc());
        rig = convert(FpAsm.FDTOS, true, false, bits(1e300), rdBits(FpuState.RD_ZERO));
        assertEquals(bits(Float.MAX_VALUE), result(rig, false));
        rig = convert(FpAsm.FSTOD, false, true, 0xff80_0001L, 0);
        assertEquals("fff8000020000000", hex(result(rig, true)), "a signalling NaN is quieted, fraction kept");
        assertEquals(FpuState.NV, rig.s.fpu.cexc());
        assertEquals(0x7fc0_0001, result(convert(FpAsm.FDTOS, true, false, 0x7ff8_0000_2000_0001L, 0), false));
    }

    @Test
    void roundingDirectionsApplyToArithmetic() {
        long third = bits(1.0 / 3.0);
        assertEquals(hex(third), hex(opD(FpAsm.FDIVD, bits(1.0), bits(3.0), rdBits(FpuState.RD_NEAREST)).s.fpu.dbl(6)));
        assertEquals(hex(third), hex(opD(FpAsm.FDIVD, bits(1.0), bits(3.0), rdBits(FpuState.RD_ZERO)).s.fpu.dbl(6)));
        assertEquals(hex(third), hex(opD(FpAsm.FDIVD, bits(1.0), bits(3.0), rdBits(FpuState.RD_MINUS_INF)).s.fpu.dbl(6)));
        assertEquals(hex(third + 1), hex(opD(FpAsm.FDIVD, bits(1.0), bits(3.0), rdBits(FpuState.RD_PLUS_INF)).s.fpu.dbl(6)));
        assertEquals(hex(bits(-0.0)), hex(opD(FpAsm.FSUBD, bits(2.0), bits(2.0), rdBits(FpuState.RD_MINUS_INF))
                .s.fpu.dbl(6)), "x - x = -0 rounding toward -inf");
        SparcRig rig = opD(FpAsm.FMULD, bits(Double.MAX_VALUE), bits(2.0), rdBits(FpuState.RD_ZERO));
        assertEquals(hex(bits(Double.MAX_VALUE)), hex(rig.s.fpu.dbl(6)));
        assertEquals(FpuState.OF | FpuState.NX, rig.s.fpu.cexc());
    }

    // ---- compares and conditions ------------------------------------------------------------

    @Test
    void comparesSetTheSelectedFcc() {
        SparcRig rig = rig(FpAsm.fcmpd(0, 2, 4), FpAsm.fcmpd(1, 4, 2), FpAsm.fcmpd(2, 2, 2), FpAsm.fcmpd(3, 2, 6));
        rig.s.fpu.setDouble(2, bits(1.0));
        rig.s.fpu.setDouble(4, bits(2.0));
        rig.s.fpu.setDouble(6, 0x7ff8_0000_0000_0000L);
        rig.runToStop();
        FpuState f = rig.s.fpu;
        assertEquals(1, f.fcc(0), "1 < 2");
        assertEquals(2, f.fcc(1), "2 > 1");
        assertEquals(0, f.fcc(2), "equal");
        assertEquals(3, f.fcc(3), "unordered");
        assertEquals(0, f.cexc(), "FCMP does not signal on a quiet NaN");
        assertEquals(1L << 10 | 2L << 32 | 0L << 34 | 3L << 36, f.fsr & (FpuState.FCC0_MASK | FpuState.FCC123_MASK),
                "V9 bit positions");

        rig = rig(FpAsm.fcmped(0, 2, 4));
        rig.s.fpu.setDouble(2, 0x7ff8_0000_0000_0000L);
        rig.runToStop();
        assertEquals(3, rig.s.fpu.fcc(0));
        assertEquals(FpuState.NV, rig.s.fpu.cexc(), "FCMPE signals on any NaN");

        rig = rig(FpAsm.fcmps(0, 1, 2), FpAsm.fcmps(1, 2, 1));
        rig.s.fpu.setSingle(1, bits(-0.0f));
        rig.s.fpu.setSingle(2, 0x7f80_0001);
        rig.runToStop();
        assertEquals(3, rig.s.fpu.fcc(0));
        assertEquals(FpuState.NV, rig.s.fpu.cexc(), "FCMP signals on a signalling NaN");
        rig = rig(FpAsm.fcmps(2, 1, 2));
        rig.s.fpu.setSingle(1, bits(-0.0f));
        rig.s.fpu.setSingle(2, bits(0.0f));
        rig.runToStop();
        assertEquals(0, rig.s.fpu.fcc(2), "-0 == +0");
    }

    /** The fcc values (0 =, 1 <, 2 >, 3 unordered) for which FBfcc condition {@code cond} holds, from V9's table. */
    private static boolean holds(int cond, int fcc) {
        boolean e = fcc == 0;
        boolean l = fcc == 1;
        boolean g = fcc == 2;
        boolean u = fcc == 3;
        switch (cond) {
            case FpAsm.FN: return false;
            case FpAsm.FNE: return l || g || u;
            case FpAsm.FLG: return l || g;
            case FpAsm.FUL: return u || l;
            case FpAsm.FL: return l;
            case FpAsm.FUG: return u || g;
            case FpAsm.FG: return g;
            case FpAsm.FU: return u;
            case FpAsm.FA: return true;
            case FpAsm.FE: return e;
            case FpAsm.FUE: return u || e;
            case FpAsm.FGE: return g || e;
            case FpAsm.FUGE: return u || g || e;
            case FpAsm.FLE: return l || e;
            case FpAsm.FULE: return u || l || e;
            default: return e || l || g;  // FO
        }
    }

    /**
     * Runs {@code branch; mov 1, %o0 (delay slot); mov 1, %o1 (fall through); stop} with fccN preset:
     * %o1 tells whether it branched, %o0 whether the delay slot ran.
     */
    private static SparcRig branch(int insn, int fccIndex, int fcc) {
        SparcRig rig = rig(insn, movi(O0, 1), movi(O1, 1));
        rig.s.fpu.setFcc(fccIndex, fcc);
        return rig.runToStop();
    }

    @Test
    void everyFbfccConditionOnEveryFccValue() {
        for (int cond = 0; cond < 16; cond++) {
            for (int fcc = 0; fcc < 4; fcc++) {
                boolean taken = holds(cond, fcc);
                String what = "cond " + cond + " fcc " + fcc;
                assertEquals(taken, FloatCompare.test(cond, fcc), what);
                SparcRig rig = branch(fbfcc(cond, false, 3), 0, fcc);
                assertEquals(taken ? 0 : 1, rig.reg(O1), what);
                assertEquals(1, rig.reg(O0), what + ": the delay slot runs");
                rig = branch(fbfcc(cond, true, 3), 0, fcc);
                assertEquals(taken ? 0 : 1, rig.reg(O1), what + ",a");
                boolean delayRuns = taken && cond != FpAsm.FA;
                assertEquals(delayRuns ? 1 : 0, rig.reg(O0), what + ",a: the delay slot");
                for (int n = 1; n < 4; n++) {
                    rig = branch(fbpfcc(cond, false, n, 3), n, fcc);
                    assertEquals(taken ? 0 : 1, rig.reg(O1), what + " fbpfcc on fcc" + n);
                }
            }
        }
        SparcRig rig = rig(fbpfcc(FpAsm.FE, false, 2, 3), movi(O0, 1), movi(O1, 1));
        rig.s.fpu.setFcc(2, 1);
        rig.runToStop();
        assertEquals(1, rig.reg(O1), "FBPfcc tests only its own fcc (fcc0 = 0 would be E)");
    }

    @Test
    void fmovccOnFccIccAndXcc() {
        SparcRig rig = rig(FpAsm.fmovcc(FpAsm.FG, 1, false, 4, 5), FpAsm.fmovcc(FpAsm.FL, 1, false, 6, 5),
                FpAsm.fmovcc(FpAsm.FUG, 1, true, 40, 42));
        rig.s.fpu.setFcc(1, 2);
        rig.s.fpu.setSingle(5, 0x1234_5678);
        rig.s.fpu.setDouble(42, 0x1122_3344_5566_7788L);
        rig.runToStop();
        assertEquals(0x1234_5678, rig.s.fpu.single(4), "G holds");
        assertEquals(0, rig.s.fpu.single(6), "L does not");
        assertEquals(0x1122_3344_5566_7788L, rig.s.fpu.dbl(40));

        // icc: Z set, xcc: N set (CCR = xcc.N | icc.Z)
        rig = rig(wr(CCR, G0, 0x84), FpAsm.fmovcc(Asm.E, FpAsm.ICC, true, 2, 4), FpAsm.fmovcc(Asm.NEG, FpAsm.ICC, true, 6, 4),
                FpAsm.fmovcc(Asm.NEG, FpAsm.XCC, true, 8, 4), FpAsm.fmovcc(Asm.E, FpAsm.XCC, false, 10, 11));
        rig.s.fpu.setDouble(4, bits(9.5));
        rig.s.fpu.setSingle(11, 77);
        rig.runToStop();
        assertEquals(9.5, Double.longBitsToDouble(rig.s.fpu.dbl(2)));
        assertEquals(0, rig.s.fpu.dbl(6));
        assertEquals(9.5, Double.longBitsToDouble(rig.s.fpu.dbl(8)));
        assertEquals(0, rig.s.fpu.single(10));
    }

    @Test
    void movccOnFccForIntegerRegisters() {
        SparcRig rig = rig(movi(O0, 5), movi(O1, 6), movi(G1, 99), FpAsm.movfcc(FpAsm.FU, 3, O0, G1),
                FpAsm.movfcc(FpAsm.FO, 3, O1, G1), FpAsm.movfcci(FpAsm.FUL, 3, O2, -3));
        rig.s.fpu.setFcc(3, 3);
        rig.runToStop();
        assertEquals(99, rig.reg(O0));
        assertEquals(6, rig.reg(O1));
        assertEquals(-3, rig.reg(O2));
    }

    @Test
    void fmovrOnIntegerRegisters() {
        SparcRig rig = rig(movi(G1, -4), FpAsm.fmovr(RLZ, G1, true, 2, 4), FpAsm.fmovr(RZ, G1, true, 6, 4),
                FpAsm.fmovr(RGZ, G0, false, 9, 13), FpAsm.fmovr(RZ, G0, false, 10, 13));
        rig.s.fpu.setDouble(4, bits(1.25));
        rig.s.fpu.setSingle(13, 42);
        rig.runToStop();
        assertEquals(1.25, Double.longBitsToDouble(rig.s.fpu.dbl(2)));
        assertEquals(0, rig.s.fpu.dbl(6));
        assertEquals(0, rig.s.fpu.single(9));
        assertEquals(42, rig.s.fpu.single(10));
    }

    @Test
    void gccStyleCompareAndBranch() {
        // if (a < b) x = 1 else x = 2, as gcc emits it: fcmped %fcc0; fbuge,a; mov in the delay slot
        int[] code = {FpAsm.fcmped(0, 2, 4), fbfcc(FpAsm.FUGE, true, 3), movi(O0, 2), movi(O0, 1)};
        SparcRig rig = rig(code);
        rig.s.fpu.setDouble(2, bits(1.0));
        rig.s.fpu.setDouble(4, bits(2.0));
        rig.runToStop();
        assertEquals(1, rig.reg(O0));
        rig = rig(code);
        rig.s.fpu.setDouble(2, bits(3.0));
        rig.s.fpu.setDouble(4, bits(2.0));
        rig.runToStop();
        assertEquals(2, rig.reg(O0));
    }

    // ---- loads and stores -------------------------------------------------------------------

    @Test
    void singleAndDoubleLoadsAndStores() {
        SparcRig rig = rig(SparcRig.code(dataAddress(), FpAsm.ldf(7, G1, 0), FpAsm.lddf(40, G1, 8),
                FpAsm.stf(7, G1, 20), FpAsm.stdf(40, G1, 24), FpAsm.lddf(2, G1, 0)));
        rig.write32(DATA, 0x4049_0fdb);
        rig.write64(DATA + 8, bits(2.5));
        rig.runToStop();
        assertEquals(0x4049_0fdb, rig.s.fpu.single(7));
        assertEquals(2.5, Double.longBitsToDouble(rig.s.fpu.dbl(40)));
        assertEquals(0x4049_0fdb, rig.read32(DATA + 20));
        assertEquals(bits(2.5), rig.read64(DATA + 24));
        assertEquals(0x4049_0fdbL << 32, rig.s.fpu.dbl(2), "%d2 = %f2:%f3 = first word:second word");
        assertEquals(SparcArch.FPRS_FEF | SparcArch.FPRS_DL | SparcArch.FPRS_DU, rig.s.fprs);
    }

    private static int[] dataAddress() {
        return Asm.setx(G1, G2, DATA);
    }

    @Test
    void alternateSpaceLoadsAndStores() {
        SparcRig rig = rig(SparcRig.code(dataAddress(), movi(L0, 8), FpAsm.ldfa(1, G1, G0, 0x88),
                FpAsm.lddfa(4, G1, L0, 0x80), FpAsm.stdfa(4, G1, L0, 0x88), FpAsm.stfa(1, G1, G0, 0x80),
                movi(O2, 0x40), Asm.sllxi(O2, O2, 24), FpAsm.lddfa(6, O2, G0, 0x82)));
        rig.write32(DATA, 0x1122_3344);
        rig.write64(DATA + 8, 0x0102_0304_0506_0708L);
        rig.s.fpu.setDouble(6, -1);
        rig.runToStop();
        assertEquals(0x4433_2211, rig.s.fpu.single(1), "little-endian ASI swaps the word");
        assertEquals(0x0102_0304_0506_0708L, rig.s.fpu.dbl(4));
        assertEquals(0x0807_0605_0403_0201L, rig.read64(DATA + 8), "and the doubleword as a whole");
        assertEquals(0x4433_2211, rig.read32(DATA));
        assertEquals(0, rig.s.fpu.dbl(6), "no-fault ASI reads 0 outside memory");

        rig = rig(SparcRig.code(dataAddress(), wr(ASI, G0, 0x20), FpAsm.ldfa(1, G1, G0, 0x20)));
        long handler = rig.handler(TrapType.DATA_ACCESS_EXCEPTION, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc, "scratchpad is not an FP ASI");
    }

    @Test
    void misalignedDoubleAccessesRaiseTheirOwnTraps() {
        SparcRig rig = rig(SparcRig.code(dataAddress(), FpAsm.lddf(2, G1, 4)));
        long handler = rig.handler(TrapType.LDDF_MEM_ADDRESS_NOT_ALIGNED, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        rig = rig(SparcRig.code(dataAddress(), FpAsm.stdf(2, G1, 12)));
        handler = rig.handler(TrapType.STDF_MEM_ADDRESS_NOT_ALIGNED, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        rig = rig(SparcRig.code(dataAddress(), FpAsm.lddf(2, G1, 2)));
        handler = rig.handler(TrapType.MEM_ADDRESS_NOT_ALIGNED, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        rig = rig(SparcRig.code(dataAddress(), FpAsm.ldf(2, G1, 2)));
        handler = rig.handler(TrapType.MEM_ADDRESS_NOT_ALIGNED, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
    }

    @Test
    void fsrLoadsAndStores() {
        SparcRig rig = rig(SparcRig.code(dataAddress(), FpAsm.ldxfsr(G1, 0), FpAsm.stxfsr(G1, 8), FpAsm.ldfsr(G1, 16),
                FpAsm.stfsr(G1, 24)));
        long all = -1L;
        rig.write64(DATA, all);
        rig.write32(DATA + 16, 0);
        rig.s.fpu.fsr = 3L << FpuState.FTT_SHIFT;  // left over from an earlier trap
        rig.runToStop();
        long writable = FpuState.LDXFSR_MASK;
        assertEquals(hex(writable | 3L << FpuState.FTT_SHIFT), hex(rig.read64(DATA + 8)),
                "LDXFSR writes all but ver, ftt, qne and ns; STXFSR stores ftt");
        assertEquals(hex(FpuState.FCC123_MASK), hex(rig.s.fpu.fsr), "LDFSR leaves fcc1-3, STFSR then clears ftt");
        assertEquals(0, rig.read32(DATA + 24));
        assertEquals("3f00000000", hex(FpuState.FCC123_MASK));
        assertEquals(0xcf80_0fffL, FpuState.LDFSR_MASK);
    }

    // ---- traps ------------------------------------------------------------------------------

    @Test
    void everyFpInstructionNeedsPefAndFef() {
        int[] samples = {fd(FpAsm.FADDD, 0, 2, 4), FpAsm.fcmpd(0, 2, 4), fbfcc(FpAsm.FA, false, 2),
            fbpfcc(FpAsm.FE, false, 1, 2), FpAsm.ldf(0, G0, 0), FpAsm.stdf(0, G0, 0), FpAsm.ldfsr(G0, 0),
            FpAsm.stxfsr(G0, 0), FpAsm.lddfa(0, G0, G0, 0x80), FpAsm.movfcc(FpAsm.FA, 0, O0, G1),
            FpAsm.fmovr(RZ, G0, false, 0, 1), FpAsm.fmovcc(FpAsm.FA, FpAsm.ICC, false, 0, 1),
            FpAsm.fpop1(FpAsm.FADDQ, 0, 0, 4)};
        for (int insn : samples) {
            for (int v = 0; v < 2; v++) {
                final int variant = v;
                int pstate = SparcArch.PSTATE_PRIV | (variant == 0 ? 0 : SparcArch.PSTATE_PEF);
                int fprs = variant == 0 ? SparcArch.FPRS_FEF : 0;
                SparcRig rig = new SparcRig().program(wrpr(PSTATE, G0, pstate), wr(FPRS, G0, fprs), insn,
                        SparcRig.STOP);
                rig.tba(SparcRig.TBA_BASE);
                long handler = rig.handler(TrapType.FP_DISABLED, false, SparcRig.STOP);
                rig.runToStop();
                assertEquals(handler, rig.s.pc, () -> Op.name(org.hyperstrand.sparc.decode.Insn.op(
                        SparcDecoder.decode(insn))) + (variant == 0 ? " with PEF off" : " with FEF off"));
            }
        }
    }

    private static SparcRig trapping(int insn, long fsr, int tt) {
        SparcRig rig = rig(insn);
        rig.s.fpu.fsr = fsr;
        rig.handler(tt, false, SparcRig.STOP);
        return rig;
    }

    @Test
    void enabledIeeeExceptionsTrap() {
        long aexc = (long) FpuState.NX << FpuState.AEXC_SHIFT;
        SparcRig rig = trapping(fd(FpAsm.FDIVD, 6, 2, 4), tem(FpuState.DZ) | aexc, TrapType.FP_EXCEPTION_IEEE_754);
        rig.s.fpu.setDouble(2, bits(1.0));
        rig.s.fpu.setDouble(6, bits(42.0));
        rig.runToStop();
        FpuState f = rig.s.fpu;
        assertEquals(TrapType.FP_EXCEPTION_IEEE_754, rig.s.tt[1]);
        assertEquals(FpuState.FTT_IEEE_754_EXCEPTION, f.ftt());
        assertEquals(FpuState.DZ, f.cexc());
        assertEquals(FpuState.NX, f.aexc(), "aexc unchanged");
        assertEquals(42.0, Double.longBitsToDouble(f.dbl(6)), "destination unchanged");

        rig = trapping(fd(FpAsm.FMULD, 6, 2, 2), tem(FpuState.OF | FpuState.NX), TrapType.FP_EXCEPTION_IEEE_754);
        rig.s.fpu.setDouble(2, bits(1e200));
        rig.runToStop();
        assertEquals(FpuState.OF, rig.s.fpu.cexc(), "overflow, not the inexact that comes with it");

        rig = trapping(fd(FpAsm.FMULD, 6, 2, 2), tem(FpuState.NX), TrapType.FP_EXCEPTION_IEEE_754);
        rig.s.fpu.setDouble(2, bits(1e200));
        rig.runToStop();
        assertEquals(FpuState.NX, rig.s.fpu.cexc(), "overflow untrapped, inexact trapped");

        rig = trapping(fd(FpAsm.FMULD, 6, 2, 4), tem(FpuState.UF), TrapType.FP_EXCEPTION_IEEE_754);
        rig.s.fpu.setDouble(2, bits(Double.MIN_NORMAL));
        rig.s.fpu.setDouble(4, bits(0.5));
        rig.runToStop();
        assertEquals(FpuState.UF, rig.s.fpu.cexc(), "with UFM an exact tiny result underflows");

        rig = trapping(FpAsm.fcmped(1, 2, 4), tem(FpuState.NV) | 2L << FpuState.FCC1_SHIFT,
                TrapType.FP_EXCEPTION_IEEE_754);
        rig.s.fpu.setDouble(2, 0x7ff8_0000_0000_0000L);
        rig.runToStop();
        assertEquals(2, rig.s.fpu.fcc(1), "fcc unchanged");
        assertEquals(FpuState.NV, rig.s.fpu.cexc());

        rig = trapping(fd(FpAsm.FADDD, 6, 2, 4), tem(0x1f), TrapType.FP_EXCEPTION_IEEE_754);
        rig.s.fpu.setDouble(2, bits(1.0));
        rig.s.fpu.setDouble(4, bits(2.0));
        rig.runToStop();
        assertEquals(3.0, Double.longBitsToDouble(rig.s.fpu.dbl(6)), "no exception, no trap");
        assertEquals(0, rig.s.fpu.ftt());
    }

    @Test
    void quadOperationsAreUnimplemented() {
        SparcRig rig = trapping(FpAsm.fpop1(FpAsm.FADDQ, 0, 0, 4), 0, TrapType.FP_EXCEPTION_OTHER);
        long handler = SparcRig.TBA_BASE + ((long) TrapType.FP_EXCEPTION_OTHER << 5);
        rig.runToStop();
        assertEquals(handler, rig.s.pc);
        assertEquals(FpuState.FTT_UNIMPLEMENTED_FPOP, rig.s.fpu.ftt());
        assertEquals(Op.FPUNIMP, org.hyperstrand.sparc.decode.Insn.op(SparcDecoder.decode(FpAsm.fpop2(FpAsm.FCMPQ, 0, 0, 4))));
        assertEquals(Op.FPUNIMP, org.hyperstrand.sparc.decode.Insn.op(SparcDecoder.decode(FpAsm.fpop1(0x1ff, 0, 0, 0))));

        rig = trapping(FpAsm.ldqf(0, G0, 0), 0, TrapType.ILLEGAL_INSTRUCTION);
        rig.runToStop();
        assertEquals(TrapType.ILLEGAL_INSTRUCTION, rig.s.tt[1], "LDQF is left to software");

        int vis = FpAsm.fpop1(0, 0, 0, 0) ^ (0x34 << 19) ^ (0x36 << 19);  // IMPDEP1
        rig = trapping(vis, 0, TrapType.ILLEGAL_INSTRUCTION);
        rig.runToStop();
        assertEquals(TrapType.ILLEGAL_INSTRUCTION, rig.s.tt[1], "VIS is not modelled");
    }

    @Test
    void decodedNamesForReports() {
        assertEquals("faddd", Op.name(org.hyperstrand.sparc.decode.Insn.op(SparcDecoder.decode(fd(FpAsm.FADDD, 0, 2, 4)))));
        assertEquals("fbfcc", Op.name(org.hyperstrand.sparc.decode.Insn.op(SparcDecoder.decode(fbfcc(FpAsm.FE, false, 2)))));
        assertEquals("fp_exception_ieee_754", TrapType.name(TrapType.FP_EXCEPTION_IEEE_754));
        assertTrue(Op.COUNT > Op.STDFA);
        assertFalse(FloatCompare.test(FpAsm.FN, 0));
    }
}
