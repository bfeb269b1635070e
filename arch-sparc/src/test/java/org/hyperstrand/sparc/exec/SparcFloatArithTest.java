package org.hyperstrand.sparc.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.hyperstrand.sparc.cpu.FpuState;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatArith} against an independent reference: every finite operand is an exact rational,
 * the operation is done exactly with BigInteger, and the exact result is rounded once into the
 * destination format by textbook rules (tininess before rounding). Random operands are drawn to
 * hit subnormals, overflow, exact results and ties, in all four rounding directions and with the
 * underflow trap enabled and disabled.
 */
class SparcFloatArithTest {

    private static final int ROUNDS = 4000;
    private static final String[] MODES = {"nearest", "zero", "+inf", "-inf"};

    /** A rounded reference result: raw bits (single in the low 32) and the cexc flags. */
    private record Rounded(long bits, int flags) {
    }

    /** An exact value (-1)^negative * num / den with num > 0. */
    private record Exact(boolean negative, BigInteger num, BigInteger den) {
    }

    // ---- the reference ------------------------------------------------------------------------

    private static Exact exactOf(double v) {
        long bits = Double.doubleToRawLongBits(v);
        int be = (int) (bits >>> 52) & 0x7ff;
        long m = bits & 0xf_ffff_ffff_ffffL;
        int e;
        if (be == 0) {
            e = -1074;
        } else {
            m |= 1L << 52;
            e = be - 1075;
        }
        BigInteger num = BigInteger.valueOf(m);
        BigInteger den = BigInteger.ONE;
        if (e >= 0) {
            num = num.shiftLeft(e);
        } else {
            den = den.shiftLeft(-e);
        }
        return new Exact(bits < 0, num, den);
    }

    private static Exact exactOf(long n) {
        return new Exact(n < 0, BigInteger.valueOf(n).abs(), BigInteger.ONE);
    }

    static Rounded round(Exact x, boolean single, int mode, boolean ufm) {
        int p = single ? 24 : 53;
        int emin = single ? -126 : -1022;
        int emax = single ? 127 : 1023;
        BigInteger num = x.num();
        BigInteger den = x.den();
        int e = num.bitLength() - den.bitLength();
        boolean lower = e >= 0 ? num.compareTo(den.shiftLeft(e)) < 0 : num.shiftLeft(-e).compareTo(den) < 0;
        if (lower) {
            e--;
        }
        boolean tiny = e < emin;
        int q = Math.max(e, emin) - (p - 1);
        BigInteger n = q >= 0 ? num : num.shiftLeft(-q);
        BigInteger d = q >= 0 ? den.shiftLeft(q) : den;
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger units = qr[0];
        boolean inexact = qr[1].signum() != 0;
        int half = qr[1].shiftLeft(1).compareTo(d);
        boolean up;
        switch (mode) {
            case 0: up = half > 0 || (half == 0 && units.testBit(0)); break;
            case 1: up = false; break;
            case 2: up = inexact && !x.negative(); break;
            default: up = inexact && x.negative(); break;
        }
        if (up) {
            units = units.add(BigInteger.ONE);
        }
        int flags = 0;
        long sign = x.negative() ? (single ? 0x8000_0000L : Long.MIN_VALUE) : 0;
        if (units.signum() != 0 && units.bitLength() - 1 + q > emax) {
            boolean toInfinity = mode == 0 || (mode == 2 && !x.negative()) || (mode == 3 && x.negative());
            long v = single ? (toInfinity ? 0x7f80_0000L : 0x7f7f_ffffL)
                    : (toInfinity ? 0x7ff0_0000_0000_0000L : 0x7fef_ffff_ffff_ffffL);
            return new Rounded(sign | v, FpuState.OF | FpuState.NX);
        }
        if (inexact) {
            flags |= FpuState.NX;
        }
        if (tiny && (inexact || ufm)) {
            flags |= FpuState.UF;
        }
        double v = Math.scalb(units.doubleValue(), q);
        long bits = single ? Float.floatToRawIntBits((float) v) & 0xffff_ffffL : Double.doubleToRawLongBits(v);
        return new Rounded(sign | bits, flags);
    }

    private static Exact add(Exact a, Exact b) {
        BigInteger an = a.num().multiply(b.den());
        BigInteger bn = b.num().multiply(a.den());
        BigInteger sum = (a.negative() ? an.negate() : an).add(b.negative() ? bn.negate() : bn);
        return sum.signum() == 0 ? null : new Exact(sum.signum() < 0, sum.abs(), a.den().multiply(b.den()));
    }

    private static Exact mul(Exact a, Exact b) {
        return new Exact(a.negative() ^ b.negative(), a.num().multiply(b.num()), a.den().multiply(b.den()));
    }

    private static Exact div(Exact a, Exact b) {
        return new Exact(a.negative() ^ b.negative(), a.num().multiply(b.den()), a.den().multiply(b.num()));
    }

    /** sqrt(x) for x = m * 2^e > 0, by an integer root of the scaled value (enough bits, with sticky). */
    private static Exact sqrt(Exact x) {
        // x = num/den with den a power of two: scale num by an even power so the root has >= 80 bits
        int denShift = x.den().bitLength() - 1;
        int extra = 200 + (denShift & 1);
        BigInteger scaled = x.num().shiftLeft(extra);
        BigInteger root = scaled.sqrt();
        boolean exact = root.multiply(root).equals(scaled);
        // root / 2^((extra + denShift) / 2), with a sticky bit below if inexact
        int shift = (extra + denShift) / 2;
        BigInteger num = root.shiftLeft(1).add(exact ? BigInteger.ZERO : BigInteger.ONE);
        return new Exact(false, num, BigInteger.ONE.shiftLeft(shift + 1));
    }

    // ---- operand generation -------------------------------------------------------------------

    private static double randomDouble(SplittableRandom r) {
        long sign = r.nextBoolean() ? Long.MIN_VALUE : 0;
        switch (r.nextInt(8)) {
            case 0: // subnormal
                return Double.longBitsToDouble(sign | (r.nextLong() & 0xf_ffff_ffff_ffffL) | 1);
            case 1: // near the top
                return Double.longBitsToDouble(sign | ((long) (2046 - r.nextInt(4)) << 52) | (r.nextLong() & 0xf_ffff_ffff_ffffL));
            case 2: // near the smallest normal
                return Double.longBitsToDouble(sign | ((long) (1 + r.nextInt(60)) << 52) | (r.nextLong() & 0xf_ffff_ffff_ffffL));
            case 3: // few significant bits: exact results and ties
                return Math.scalb((double) (r.nextInt(1 << 12) | 1) * (sign != 0 ? -1 : 1), r.nextInt(-40, 40));
            case 4: // around 1
                return Double.longBitsToDouble(sign | ((long) (1023 + r.nextInt(-3, 4)) << 52) | (r.nextLong() & 0xf_ffff_ffff_ffffL));
            default:
                return Double.longBitsToDouble(sign | ((long) (1 + r.nextInt(2046)) << 52) | (r.nextLong() & 0xf_ffff_ffff_ffffL));
        }
    }

    private static float randomFloat(SplittableRandom r) {
        int sign = r.nextBoolean() ? 0x8000_0000 : 0;
        switch (r.nextInt(7)) {
            case 0:
                return Float.intBitsToFloat(sign | (r.nextInt() & 0x7f_ffff) | 1);
            case 1:
                return Float.intBitsToFloat(sign | ((254 - r.nextInt(4)) << 23) | (r.nextInt() & 0x7f_ffff));
            case 2:
                return Float.intBitsToFloat(sign | ((1 + r.nextInt(30)) << 23) | (r.nextInt() & 0x7f_ffff));
            case 3:
                return Math.scalb((float) (r.nextInt(1 << 8) | 1) * (sign != 0 ? -1 : 1), r.nextInt(-20, 20));
            default:
                return Float.intBitsToFloat(sign | ((1 + r.nextInt(254)) << 23) | (r.nextInt() & 0x7f_ffff));
        }
    }

    private static FpuState fpu(int mode, boolean ufm) {
        FpuState f = new FpuState();
        f.fsr = ((long) mode << FpuState.RD_SHIFT) | (ufm ? FpuState.UFM : 0);
        return f;
    }

    private static void check(String what, Rounded want, long got, int gotFlags) {
        assertEquals(Long.toHexString(want.bits()), Long.toHexString(got), what);
        assertEquals(want.flags(), gotFlags, () -> what + " flags");
    }

    private static String describe(String op, int mode, boolean ufm, double a, double b) {
        return op + " " + MODES[mode] + (ufm ? " ufm" : "") + " " + Double.toHexString(a) + ", " + Double.toHexString(b);
    }

    // ---- double precision ---------------------------------------------------------------------

    @Test
    void doubleArithmeticMatchesTheExactReference() {
        SplittableRandom r = new SplittableRandom(754);
        for (int i = 0; i < ROUNDS; i++) {
            double a = randomDouble(r);
            double b = r.nextInt(4) == 0 ? Math.scalb(a, r.nextInt(-3, 3)) * (r.nextBoolean() ? 1 : -1) + 0.0
                    : randomDouble(r);
            if (r.nextInt(6) == 0) {
                b = -Math.nextUp(a);  // near cancellation
            }
            if (b == 0 || Double.isInfinite(b)) {
                b = 1.5;
            }
            long ab = Double.doubleToRawLongBits(a);
            long bb = Double.doubleToRawLongBits(b);
            Exact ea = exactOf(a);
            Exact eb = exactOf(b);
            for (int mode = 0; mode < 4; mode++) {
                boolean ufm = r.nextInt(4) == 0;
                Exact sum = add(ea, eb);
                if (sum != null) {
                    FpuState f = fpu(mode, ufm);
                    long got = FloatArith.addD(f, ab, bb);
                    check(describe("add", mode, ufm, a, b), round(sum, false, mode, ufm), got, f.exc);
                }
                FpuState f = fpu(mode, ufm);
                long got = FloatArith.mulD(f, ab, bb);
                check(describe("mul", mode, ufm, a, b), round(mul(ea, eb), false, mode, ufm), got, f.exc);
                f = fpu(mode, ufm);
                got = FloatArith.divD(f, ab, bb);
                check(describe("div", mode, ufm, a, b), round(div(ea, eb), false, mode, ufm), got, f.exc);
                double abs = Math.abs(a);
                f = fpu(mode, ufm);
                got = FloatArith.sqrtD(f, Double.doubleToRawLongBits(abs));
                check(describe("sqrt", mode, ufm, abs, 0), round(sqrt(exactOf(abs)), false, mode, ufm), got, f.exc);
            }
        }
    }

    @Test
    void singleArithmeticMatchesTheExactReference() {
        SplittableRandom r = new SplittableRandom(854);
        for (int i = 0; i < ROUNDS; i++) {
            float a = randomFloat(r);
            float b = r.nextInt(6) == 0 ? -Math.nextUp(a) : randomFloat(r);
            if (b == 0 || Float.isInfinite(b)) {
                b = 1.5f;
            }
            int ab = Float.floatToRawIntBits(a);
            int bb = Float.floatToRawIntBits(b);
            Exact ea = exactOf((double) a);
            Exact eb = exactOf((double) b);
            for (int mode = 0; mode < 4; mode++) {
                boolean ufm = r.nextInt(4) == 0;
                Exact sum = add(ea, eb);
                if (sum != null) {
                    FpuState f = fpu(mode, ufm);
                    int got = FloatArith.addS(f, ab, bb);
                    check(describe("adds", mode, ufm, a, b), round(sum, true, mode, ufm), got & 0xffff_ffffL, f.exc);
                }
                FpuState f = fpu(mode, ufm);
                int got = FloatArith.mulS(f, ab, bb);
                check(describe("muls", mode, ufm, a, b), round(mul(ea, eb), true, mode, ufm), got & 0xffff_ffffL, f.exc);
                f = fpu(mode, ufm);
                got = FloatArith.divS(f, ab, bb);
                check(describe("divs", mode, ufm, a, b), round(div(ea, eb), true, mode, ufm), got & 0xffff_ffffL, f.exc);
                f = fpu(mode, ufm);
                got = FloatArith.sqrtS(f, ab & 0x7fff_ffff);
                check(describe("sqrts", mode, ufm, Math.abs(a), 0), round(sqrt(exactOf((double) Math.abs(a))), true, mode,
                        ufm), got & 0xffff_ffffL, f.exc);
                // FdTOs of a random double, FsMULd is exact
                double dv = randomDouble(r);
                f = fpu(mode, ufm);
                got = FloatArith.doubleToSingle(f, Double.doubleToRawLongBits(dv));
                check(describe("fdtos", mode, ufm, dv, 0), round(exactOf(dv), true, mode, ufm), got & 0xffff_ffffL, f.exc);
                f = fpu(mode, ufm);
                assertEquals(Double.doubleToRawLongBits((double) a * (double) b), FloatArith.mulSD(f, ab, bb));
                assertEquals(0, f.exc);
            }
        }
    }

    @Test
    void integerConversionsMatchTheExactReference() {
        SplittableRandom r = new SplittableRandom(64);
        for (int i = 0; i < ROUNDS; i++) {
            long x;
            switch (r.nextInt(4)) {
                case 0: x = r.nextLong(); break;
                case 1: x = r.nextLong() >> r.nextInt(64); break;
                case 2: x = (r.nextLong() >>> r.nextInt(64)) << r.nextInt(40); break;
                default: x = Long.MAX_VALUE - r.nextInt(3000); break;
            }
            int xi = (int) x;
            for (int mode = 0; mode < 4; mode++) {
                String what = "x=" + x + " " + MODES[mode];
                FpuState f = fpu(mode, false);
                if (x != 0) {
                    check("fxtod " + what, round(exactOf(x), false, mode, false), FloatArith.longToDouble(f, x), f.exc);
                    f = fpu(mode, false);
                    check("fxtos " + what, round(exactOf(x), true, mode, false),
                            FloatArith.longToSingle(f, x) & 0xffff_ffffL, f.exc);
                }
                if (xi != 0) {
                    f = fpu(mode, false);
                    check("fitos " + what, round(exactOf((long) xi), true, mode, false),
                            FloatArith.intToSingle(f, xi) & 0xffff_ffffL, f.exc);
                }
            }
        }
    }
}
