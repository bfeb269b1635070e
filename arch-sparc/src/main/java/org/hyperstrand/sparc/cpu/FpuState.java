package org.hyperstrand.sparc.cpu;

/**
 * The floating-point registers and the FSR of one strand (FPRS lives in {@link SparcState#fprs}).
 *
 * <h2>Registers</h2>
 * The 64 single-precision view %f0-%f63 is kept as 32 doublewords: {@link #d}[i] holds %f(2i) in
 * its upper and %f(2i+1) in its lower 32 bits, so double register %d(2i) is {@code d[i]}.
 * Single-precision instructions name %f0-%f31 only; double-precision instructions name the even
 * registers %d0-%d62, encoded in a 5-bit field with bit 5 of the register number in bit 0 of the
 * field ({@link #doubleRegister}).
 *
 * <h2>FSR</h2>
 * V9 layout: fcc3 37:36, fcc2 35:34, fcc1 33:32, rd 31:30, tem 27:23, ns 22, ver 19:17,
 * ftt 16:14, qne 13, fcc0 11:10, aexc 9:5, cexc 4:0 (exception bits in both: nv of uf dz nx from
 * high to low). This model has no FP queue (qne = 0), FSR.ver = 0 and no nonstandard mode
 * (ns reads 0 and writes are ignored, as on UltraSPARC T1/T2).
 */
public final class FpuState {

    // ---- IEEE exception bits, as in cexc, aexc (shifted by 5) and tem (shifted by 23) ----
    public static final int NX = 0x01;
    public static final int DZ = 0x02;
    public static final int UF = 0x04;
    public static final int OF = 0x08;
    public static final int NV = 0x10;

    // ---- FSR fields ----------------------------------------------------------------------
    public static final int CEXC_SHIFT = 0;
    public static final int AEXC_SHIFT = 5;
    public static final int FCC0_SHIFT = 10;
    public static final int FTT_SHIFT = 14;
    public static final int VER_SHIFT = 17;
    public static final int TEM_SHIFT = 23;
    public static final int RD_SHIFT = 30;
    public static final int FCC1_SHIFT = 32;
    public static final int FCC2_SHIFT = 34;
    public static final int FCC3_SHIFT = 36;

    public static final long CEXC_MASK = 0x1fL << CEXC_SHIFT;
    public static final long AEXC_MASK = 0x1fL << AEXC_SHIFT;
    public static final long FCC0_MASK = 3L << FCC0_SHIFT;
    public static final long QNE = 1L << 13;
    public static final long FTT_MASK = 7L << FTT_SHIFT;
    public static final long VER_MASK = 7L << VER_SHIFT;
    public static final long NS = 1L << 22;
    public static final long TEM_MASK = 0x1fL << TEM_SHIFT;
    public static final long RD_MASK = 3L << RD_SHIFT;
    public static final long FCC123_MASK = 0x3fL << FCC1_SHIFT;
    /** TEM.UFM: underflow traps enabled (underflow is then signalled even for exact tiny results). */
    public static final long UFM = (long) UF << TEM_SHIFT;

    /** The bits LDFSR writes (the low word less ver, ftt, qne and ns). */
    public static final long LDFSR_MASK = RD_MASK | TEM_MASK | FCC0_MASK | AEXC_MASK | CEXC_MASK;
    /** The bits LDXFSR writes: LDFSR's plus fcc1-fcc3. */
    public static final long LDXFSR_MASK = LDFSR_MASK | FCC123_MASK;

    // ---- FSR.ftt values ------------------------------------------------------------------
    public static final int FTT_NONE = 0;
    public static final int FTT_IEEE_754_EXCEPTION = 1;
    public static final int FTT_UNFINISHED_FPOP = 2;
    public static final int FTT_UNIMPLEMENTED_FPOP = 3;
    public static final int FTT_SEQUENCE_ERROR = 4;
    public static final int FTT_HARDWARE_ERROR = 5;
    public static final int FTT_INVALID_FP_REGISTER = 6;

    // ---- FSR.rd values -------------------------------------------------------------------
    public static final int RD_NEAREST = 0;
    public static final int RD_ZERO = 1;
    public static final int RD_PLUS_INF = 2;
    public static final int RD_MINUS_INF = 3;

    /** %f(2i) in bits 63..32 and %f(2i+1) in bits 31..0 of d[i]. */
    public final long[] d = new long[32];
    public long fsr;
    /** Scratch: IEEE exceptions raised by the operation in progress (see the exec package). */
    public int exc;

    /** Register number (even, 0..62) of a double-precision operand from its 5-bit field. */
    public static int doubleRegister(int field) {
        return (field & 0x1e) | ((field & 1) << 5);
    }

    /** Single register %f{@code n}, n = 0..63, as raw bits. */
    public int single(int n) {
        long v = d[n >> 1];
        return (n & 1) == 0 ? (int) (v >>> 32) : (int) v;
    }

    public void setSingle(int n, int value) {
        int i = n >> 1;
        if ((n & 1) == 0) {
            d[i] = (d[i] & 0xffff_ffffL) | ((long) value << 32);
        } else {
            d[i] = (d[i] & 0xffff_ffff_0000_0000L) | (value & 0xffff_ffffL);
        }
    }

    /** Double register %d{@code n}, n even 0..62, as raw bits. */
    public long dbl(int n) {
        return d[n >> 1];
    }

    public void setDouble(int n, long value) {
        d[n >> 1] = value;
    }

    /** Condition code fcc{@code n}, n = 0..3. */
    public int fcc(int n) {
        return (int) (fsr >>> (n == 0 ? FCC0_SHIFT : FCC1_SHIFT - 2 + 2 * n)) & 3;
    }

    public void setFcc(int n, int value) {
        int shift = n == 0 ? FCC0_SHIFT : FCC1_SHIFT - 2 + 2 * n;
        fsr = (fsr & ~(3L << shift)) | ((long) (value & 3) << shift);
    }

    /** FSR.rd, the rounding direction. */
    public int roundingMode() {
        return (int) (fsr >>> RD_SHIFT) & 3;
    }

    public int ftt() {
        return (int) (fsr >>> FTT_SHIFT) & 7;
    }

    public int cexc() {
        return (int) fsr & 0x1f;
    }

    public int aexc() {
        return (int) (fsr >>> AEXC_SHIFT) & 0x1f;
    }

    public int tem() {
        return (int) (fsr >>> TEM_SHIFT) & 0x1f;
    }

    public void reset() {
        java.util.Arrays.fill(d, 0);
        fsr = 0;
        exc = 0;
    }
}
