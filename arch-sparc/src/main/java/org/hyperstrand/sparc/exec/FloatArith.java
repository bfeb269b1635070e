package org.hyperstrand.sparc.exec;

import static org.hyperstrand.sparc.cpu.FpuState.DZ;
import static org.hyperstrand.sparc.cpu.FpuState.NV;
import static org.hyperstrand.sparc.cpu.FpuState.NX;
import static org.hyperstrand.sparc.cpu.FpuState.OF;
import static org.hyperstrand.sparc.cpu.FpuState.RD_MINUS_INF;
import static org.hyperstrand.sparc.cpu.FpuState.RD_NEAREST;
import static org.hyperstrand.sparc.cpu.FpuState.RD_PLUS_INF;
import static org.hyperstrand.sparc.cpu.FpuState.RD_ZERO;
import static org.hyperstrand.sparc.cpu.FpuState.UF;
import static org.hyperstrand.sparc.cpu.FpuState.UFM;

import org.hyperstrand.sparc.cpu.FpuState;

/**
 * IEEE 754 arithmetic on raw single (int) and double (long) bit patterns, as the SPARC V9 FPU
 * computes it: results for all four FSR.rd rounding directions and the five exception flags,
 * which each operation ORs into {@link FpuState#exc}. Nothing here touches FSR or registers.
 *
 * <h2>How results are rounded</h2>
 * Java's float and double arithmetic is IEEE round-to-nearest-even, and fma gives the exact
 * residual of a product, quotient or square root. Each operation computes the round-to-nearest
 * double {@code r} and the sign of {@code exact - r} (TwoSum for sums, an fma residual for
 * products, quotients and roots). The common case, a normal double result in round-to-nearest,
 * is then complete. Everything else (directed rounding, single-precision results, results that
 * overflow or are tiny) goes through {@link #round}, which re-rounds {@code r} onto the grid of
 * the destination format using that sign as the sticky information. Operands whose residual
 * would itself underflow are first scaled by a power of two, which is exact.
 *
 * <h2>SPARC conventions</h2>
 * <ul>
 *   <li>An invalid operation without NaN operands returns the default NaN, 0x7fffffff or
 *       0x7fffffff_ffffffff.</li>
 *   <li>NaN operands: a signalling NaN wins over a quiet one, and of two of the same kind the
 *       rs2 operand wins; the result is that NaN with the quiet bit set, and a signalling NaN
 *       raises invalid. Conversions between formats keep the sign and the high fraction bits.</li>
 *   <li>Tininess is detected before rounding (as UltraSPARC does). Without an underflow trap,
 *       underflow is flagged only for a tiny inexact result; with UFM set, for any tiny result.</li>
 *   <li>Overflow gives infinity or the largest finite number by the rounding direction; it
 *       always comes with inexact.</li>
 *   <li>Conversions to integer always truncate; a NaN, an infinity or an out-of-range value is
 *       invalid and gives the largest integer of the operand's sign (2^31-1 or -2^31, 2^63-1 or
 *       -2^63).</li>
 * </ul>
 */
final class FloatArith {

    static final int DEFAULT_NAN_S = 0x7fff_ffff;
    static final long DEFAULT_NAN_D = 0x7fff_ffff_ffff_ffffL;

    private static final int SIGN_S = 0x8000_0000;
    private static final int EXP_S = 0x7f80_0000;
    private static final int QUIET_S = 0x0040_0000;
    private static final long SIGN_D = 0x8000_0000_0000_0000L;
    private static final long EXP_D = 0x7ff0_0000_0000_0000L;
    private static final long QUIET_D = 0x0008_0000_0000_0000L;

    /** Below this magnitude the residual of a product or quotient may underflow: scale first. */
    private static final double SAFE_LOW = 0x1p-960;
    private static final double SAFE_HIGH = 0x1p960;

    private FloatArith() {
    }

    // ---- classification and NaNs ------------------------------------------------------------

    static boolean isNaN(int a) {
        return (a & ~SIGN_S) > EXP_S;
    }

    static boolean isNaN(long a) {
        return (a & ~SIGN_D) > EXP_D;
    }

    static boolean isSignalling(int a) {
        return isNaN(a) && (a & QUIET_S) == 0;
    }

    static boolean isSignalling(long a) {
        return isNaN(a) && (a & QUIET_D) == 0;
    }

    /** The result of a two-operand operation with at least one NaN operand. */
    private static int nan2(FpuState f, int a, int b) {
        boolean sa = isSignalling(a);
        boolean sb = isSignalling(b);
        if (sa || sb) {
            f.exc |= NV;
        }
        int pick = sb || (!sa && isNaN(b)) ? b : a;
        return pick | QUIET_S;
    }

    private static long nan2(FpuState f, long a, long b) {
        boolean sa = isSignalling(a);
        boolean sb = isSignalling(b);
        if (sa || sb) {
            f.exc |= NV;
        }
        long pick = sb || (!sa && isNaN(b)) ? b : a;
        return pick | QUIET_D;
    }

    private static int nan1(FpuState f, int a) {
        if ((a & QUIET_S) == 0) {
            f.exc |= NV;
        }
        return a | QUIET_S;
    }

    private static long nan1(FpuState f, long a) {
        if ((a & QUIET_D) == 0) {
            f.exc |= NV;
        }
        return a | QUIET_D;
    }

    /** A single NaN as a quiet double NaN: sign and fraction kept (invalid if signalling). */
    private static long nanToDouble(FpuState f, int a) {
        if ((a & QUIET_S) == 0) {
            f.exc |= NV;
        }
        return ((long) (a & SIGN_S) << 32) | EXP_D | QUIET_D | ((long) (a & 0x7f_ffff) << 29);
    }

    private static int nanToSingle(FpuState f, long a) {
        if ((a & QUIET_D) == 0) {
            f.exc |= NV;
        }
        return (int) ((a >>> 32) & SIGN_S) | EXP_S | QUIET_S | (int) ((a >>> 29) & 0x7f_ffff);
    }

    private static int invalidS(FpuState f) {
        f.exc |= NV;
        return DEFAULT_NAN_S;
    }

    private static long invalidD(FpuState f) {
        f.exc |= NV;
        return DEFAULT_NAN_D;
    }

    // ---- rounding -------------------------------------------------------------------------------

    private static int sign(double v) {
        return v > 0 ? 1 : v < 0 ? -1 : 0;
    }

    /** The exact error of {@code s = x + y} (Knuth's TwoSum), for finite x, y and s. */
    private static double sumError(double x, double y, double s) {
        double yv = s - x;
        return (x - (s - yv)) + (y - yv);
    }

    /** The true binary exponent of a finite nonzero double, subnormals included. */
    private static int exponent(double v) {
        int e = Math.getExponent(v);
        return e >= Double.MIN_EXPONENT ? e : Math.getExponent(v * 0x1p54) - 54;
    }

    /**
     * Rounds the exact value {@code (r + t) * 2^k} into single or double precision with the
     * rounding direction of FSR. {@code r} is a nonzero finite double and {@code t} an unknown
     * tail smaller than half an ulp of r of sign {@code tail} (-1, 0, 1). Returns the raw result
     * (single in the low 32 bits) and ORs NX, UF and OF into {@link FpuState#exc}.
     */
    static long round(FpuState f, double r, int tail, int k, boolean single) {
        int mode = f.roundingMode();
        boolean negative = r < 0;
        double m = Math.abs(r);
        int below = negative ? -tail : tail;  // sign of (exact magnitude - m)
        int emin = single ? -126 : -1022;
        int fractionBits = single ? 23 : 52;
        int e = Math.getExponent(m) + k;
        if (below < 0 && (Double.doubleToRawLongBits(m) & 0xf_ffff_ffff_ffffL) == 0) {
            e--;  // m is a power of two and the exact value lies just under it
        }
        boolean tiny = e < emin;
        int quantum = Math.max(e, emin) - fractionBits;  // the result is a multiple of 2^quantum
        // s = exact magnitude / 2^quantum (its integer part and the fraction of r's part of it)
        double s = e - quantum < -64 ? 0x1p-64 : Math.scalb(m, k - quantum);
        double n = Math.floor(s);
        double fraction = s - n;
        boolean inexact = fraction != 0 || below != 0;
        double truncated = fraction == 0 && below < 0 ? n - 1 : n;
        double raised = fraction > 0 || below > 0 ? n + 1 : n;
        double units;
        switch (mode) {
            case RD_NEAREST:
                if (fraction > 0.5 || (fraction == 0.5 && (below > 0 || (below == 0 && ((long) n & 1) != 0)))) {
                    units = n + 1;
                } else {
                    units = n;
                }
                break;
            case RD_ZERO:
                units = truncated;
                break;
            case RD_PLUS_INF:
                units = negative ? truncated : raised;
                break;
            default:
                units = negative ? raised : truncated;
                break;
        }
        double magnitude = Math.scalb(units, quantum);
        boolean overflow = single ? magnitude >= 0x1p128 : Double.isInfinite(magnitude);
        if (overflow) {
            f.exc |= OF | NX;
            boolean toInfinity = mode == RD_NEAREST || (mode == RD_PLUS_INF && !negative)
                    || (mode == RD_MINUS_INF && negative);
            if (single) {
                int v = toInfinity ? EXP_S : Float.floatToRawIntBits(Float.MAX_VALUE);
                return (negative ? v | SIGN_S : v) & 0xffff_ffffL;
            }
            long v = toInfinity ? EXP_D : Double.doubleToRawLongBits(Double.MAX_VALUE);
            return negative ? v | SIGN_D : v;
        }
        if (inexact) {
            f.exc |= NX;
        }
        if (tiny && (inexact || (f.fsr & UFM) != 0)) {
            f.exc |= UF;
        }
        if (single) {
            int v = Float.floatToRawIntBits((float) magnitude);
            return (negative ? v | SIGN_S : v) & 0xffff_ffffL;
        }
        long v = Double.doubleToRawLongBits(magnitude);
        return negative ? v | SIGN_D : v;
    }

    /** A double result r with tail sign {@code tail}, completed on the fast path where possible. */
    private static long finishD(FpuState f, double r, int tail) {
        if (Math.abs(r) > Double.MIN_NORMAL && (tail == 0 || f.roundingMode() == RD_NEAREST)) {
            if (tail != 0) {
                f.exc |= NX;
            }
            return Double.doubleToRawLongBits(r);
        }
        return round(f, r, tail, 0, false);
    }

    /**
     * A single result from the double r (exact up to the tail sign). Valid for sums, products,
     * quotients and roots of singles, where rounding first to double is innocuous.
     */
    private static int finishS(FpuState f, double r, int tail) {
        if (f.roundingMode() == RD_NEAREST) {
            float v = (float) r;
            if (Math.abs(r) > Float.MIN_NORMAL && !Float.isInfinite(v)) {
                if (tail != 0 || v != r) {
                    f.exc |= NX;
                }
                return Float.floatToRawIntBits(v);
            }
        }
        return (int) round(f, r, tail, 0, true);
    }

    // ---- double precision -------------------------------------------------------------------

    static long addD(FpuState f, long a, long b) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double r = x + y;
        if (r != r) {
            return isNaN(a) || isNaN(b) ? nan2(f, a, b) : invalidD(f);  // inf - inf
        }
        if (Double.isInfinite(r)) {
            if (Double.isInfinite(x) || Double.isInfinite(y)) {
                return Double.doubleToRawLongBits(r);
            }
            double xs = x * 0.5;  // both operands are large: halving is exact
            double ys = y * 0.5;
            double rs = xs + ys;
            return round(f, rs, sign(sumError(xs, ys, rs)), 1, false);
        }
        if (r == 0) {  // exact: +0 unless rounding toward -inf (or both operands are -0)
            return f.roundingMode() == RD_MINUS_INF && (a | b) != 0 ? SIGN_D : Double.doubleToRawLongBits(r);
        }
        return finishD(f, r, sign(sumError(x, y, r)));
    }

    static long subD(FpuState f, long a, long b) {
        if (isNaN(a) || isNaN(b)) {
            return nan2(f, a, b);
        }
        return addD(f, a, b ^ SIGN_D);
    }

    static long mulD(FpuState f, long a, long b) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double r = x * y;
        if (r != r) {
            return isNaN(a) || isNaN(b) ? nan2(f, a, b) : invalidD(f);  // 0 * inf
        }
        if (Double.isInfinite(x) || Double.isInfinite(y) || x == 0 || y == 0) {
            return Double.doubleToRawLongBits(r);
        }
        double ar = Math.abs(r);
        if (ar >= SAFE_LOW && ar <= Double.MAX_VALUE) {
            return finishD(f, r, sign(Math.fma(x, y, -r)));
        }
        int ex = exponent(x);
        int ey = exponent(y);
        double mx = Math.scalb(x, -ex);
        double my = Math.scalb(y, -ey);
        double rs = mx * my;
        return round(f, rs, sign(Math.fma(mx, my, -rs)), ex + ey, false);
    }

    static long divD(FpuState f, long a, long b) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double r = x / y;
        if (r != r) {
            return isNaN(a) || isNaN(b) ? nan2(f, a, b) : invalidD(f);  // 0/0, inf/inf
        }
        if (y == 0) {
            if (!Double.isInfinite(x)) {
                f.exc |= DZ;
            }
            return Double.doubleToRawLongBits(r);
        }
        if (Double.isInfinite(x) || Double.isInfinite(y) || x == 0) {
            return Double.doubleToRawLongBits(r);
        }
        double ar = Math.abs(r);
        double ax = Math.abs(x);
        if (ar >= SAFE_LOW && ar <= Double.MAX_VALUE && ax >= SAFE_LOW) {
            return finishD(f, r, sign(Math.fma(-r, y, x)) * sign(y));
        }
        int ex = exponent(x);
        int ey = exponent(y);
        double mx = Math.scalb(x, -ex);
        double my = Math.scalb(y, -ey);
        double rs = mx / my;
        return round(f, rs, sign(Math.fma(-rs, my, mx)) * sign(my), ex - ey, false);
    }

    static long sqrtD(FpuState f, long a) {
        double x = Double.longBitsToDouble(a);
        if (isNaN(a)) {
            return nan1(f, a);
        }
        if (x == 0 || x == Double.POSITIVE_INFINITY) {
            return a;  // sqrt(-0) = -0
        }
        if (x < 0) {
            return invalidD(f);
        }
        if (x >= SAFE_LOW) {
            double r = Math.sqrt(x);
            return finishD(f, r, sign(Math.fma(-r, r, x)));
        }
        double xs = x * 0x1p600;  // exact, and the root of the result is 2^300 times larger
        double rs = Math.sqrt(xs);
        return round(f, rs, sign(Math.fma(-rs, rs, xs)), -300, false);
    }

    // ---- single precision -------------------------------------------------------------------

    static int addS(FpuState f, int a, int b) {
        if (isNaN(a) || isNaN(b)) {
            return nan2(f, a, b);
        }
        double x = Float.intBitsToFloat(a);
        double y = Float.intBitsToFloat(b);
        double r = x + y;
        if (r != r) {
            return invalidS(f);
        }
        if (Double.isInfinite(r)) {
            return Float.floatToRawIntBits((float) r);  // only from infinite operands
        }
        if (r == 0) {
            return f.roundingMode() == RD_MINUS_INF && (a | b) != 0 ? SIGN_S : Float.floatToRawIntBits((float) r);
        }
        return finishS(f, r, sign(sumError(x, y, r)));
    }

    static int subS(FpuState f, int a, int b) {
        if (isNaN(a) || isNaN(b)) {
            return nan2(f, a, b);
        }
        return addS(f, a, b ^ SIGN_S);
    }

    static int mulS(FpuState f, int a, int b) {
        if (isNaN(a) || isNaN(b)) {
            return nan2(f, a, b);
        }
        double x = Float.intBitsToFloat(a);
        double y = Float.intBitsToFloat(b);
        double r = x * y;  // exact: 24 x 24 bits
        if (r != r) {
            return invalidS(f);
        }
        if (r == 0 || Double.isInfinite(r)) {
            return Float.floatToRawIntBits((float) r);
        }
        return finishS(f, r, 0);
    }

    static int divS(FpuState f, int a, int b) {
        if (isNaN(a) || isNaN(b)) {
            return nan2(f, a, b);
        }
        double x = Float.intBitsToFloat(a);
        double y = Float.intBitsToFloat(b);
        double r = x / y;
        if (r != r) {
            return invalidS(f);
        }
        if (y == 0 && !Double.isInfinite(x)) {
            f.exc |= DZ;
        }
        if (r == 0 || Double.isInfinite(r)) {
            return Float.floatToRawIntBits((float) r);
        }
        return finishS(f, r, sign(Math.fma(-r, y, x)) * sign(y));
    }

    static int sqrtS(FpuState f, int a) {
        if (isNaN(a)) {
            return nan1(f, a);
        }
        double x = Float.intBitsToFloat(a);
        if (x == 0 || x == Double.POSITIVE_INFINITY) {
            return a;
        }
        if (x < 0) {
            return invalidS(f);
        }
        double r = Math.sqrt(x);
        return finishS(f, r, sign(Math.fma(-r, r, x)));
    }

    /** FsMULd: the exact double product of two singles. */
    static long mulSD(FpuState f, int a, int b) {
        if (isNaN(a) || isNaN(b)) {
            return nanToDouble(f, nan2(f, a, b));
        }
        double r = (double) Float.intBitsToFloat(a) * (double) Float.intBitsToFloat(b);
        return r != r ? invalidD(f) : Double.doubleToRawLongBits(r);
    }

    // ---- comparisons ------------------------------------------------------------------------

    /** fcc for rs1 ? rs2: 0 equal, 1 less, 2 greater, 3 unordered (invalid for a signalling NaN, or any NaN if {@code signalling}). */
    static int compareS(FpuState f, int a, int b, boolean signalling) {
        if (isNaN(a) || isNaN(b)) {
            if (signalling || isSignalling(a) || isSignalling(b)) {
                f.exc |= NV;
            }
            return 3;
        }
        float x = Float.intBitsToFloat(a);
        float y = Float.intBitsToFloat(b);
        return x == y ? 0 : x < y ? 1 : 2;
    }

    static int compareD(FpuState f, long a, long b, boolean signalling) {
        if (isNaN(a) || isNaN(b)) {
            if (signalling || isSignalling(a) || isSignalling(b)) {
                f.exc |= NV;
            }
            return 3;
        }
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        return x == y ? 0 : x < y ? 1 : 2;
    }

    // ---- conversions ------------------------------------------------------------------------

    /** FsTOd: exact. */
    static long singleToDouble(FpuState f, int a) {
        if (isNaN(a)) {
            return nanToDouble(f, a);
        }
        return Double.doubleToRawLongBits(Float.intBitsToFloat(a));
    }

    /** FdTOs. */
    static int doubleToSingle(FpuState f, long a) {
        if (isNaN(a)) {
            return nanToSingle(f, a);
        }
        double x = Double.longBitsToDouble(a);
        if (x == 0 || Double.isInfinite(x)) {
            return Float.floatToRawIntBits((float) x);
        }
        return finishS(f, x, 0);
    }

    /** FiTOs. */
    static int intToSingle(FpuState f, int i) {
        return i == 0 ? 0 : finishS(f, i, 0);
    }

    /** FiTOd: exact. */
    static long intToDouble(int i) {
        return Double.doubleToRawLongBits(i);
    }

    /** Sign of (x - (double) x) for the nearest double {@code r} of x. */
    private static int longTail(long x, double r) {
        if (r >= 0x1p63) {
            return -1;  // x <= 2^63 - 1 < r
        }
        return Long.signum(x - (long) r);
    }

    /** FxTOs. */
    static int longToSingle(FpuState f, long x) {
        if (x == 0) {
            return 0;
        }
        double r = x;
        int tail = longTail(x, r);
        if (tail == 0) {
            return finishS(f, r, 0);
        }
        return (int) round(f, r, tail, 0, true);  // not innocuous: round once from the exact value
    }

    /** FxTOd. */
    static long longToDouble(FpuState f, long x) {
        if (x == 0) {
            return 0;
        }
        double r = x;
        return finishD(f, r, longTail(x, r));
    }

    /** F(s|d)TOi: truncation; the int result as raw single bits. */
    static int toInt(FpuState f, double x, boolean nan, boolean negative) {
        if (nan) {
            f.exc |= NV;
            return negative ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
        double t = x < 0 ? Math.ceil(x) : Math.floor(x);
        if (t > Integer.MAX_VALUE || t < Integer.MIN_VALUE) {  // infinities included
            f.exc |= NV;
            return x < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
        if (t != x) {
            f.exc |= NX;
        }
        return (int) t;
    }

    /** F(s|d)TOx: truncation to a 64-bit integer. */
    static long toLong(FpuState f, double x, boolean nan, boolean negative) {
        if (nan) {
            f.exc |= NV;
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        double t = x < 0 ? Math.ceil(x) : Math.floor(x);
        if (t >= 0x1p63 || t < -0x1p63) {
            f.exc |= NV;
            return x < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (t != x) {
            f.exc |= NX;
        }
        return (long) t;
    }

    static int singleToInt(FpuState f, int a) {
        return toInt(f, Float.intBitsToFloat(a), isNaN(a), a < 0);
    }

    static int doubleToInt(FpuState f, long a) {
        return toInt(f, Double.longBitsToDouble(a), isNaN(a), a < 0);
    }

    static long singleToLong(FpuState f, int a) {
        return toLong(f, Float.intBitsToFloat(a), isNaN(a), a < 0);
    }

    static long doubleToLong(FpuState f, long a) {
        return toLong(f, Double.longBitsToDouble(a), isNaN(a), a < 0);
    }
}
