package org.hyperstrand.sparc.exec;

/**
 * Condition codes: computing CCR (xcc in bits 7..4, icc in bits 3..0, each N Z V C from high to
 * low) and evaluating the 16 branch conditions.
 */
public final class ConditionCodes {

    public static final int N = 8;
    public static final int Z = 4;
    public static final int V = 2;
    public static final int C = 1;

    /** Bit k of TABLE[cond] is set when cond holds for NZVC = k. */
    private static final int[] TABLE = new int[16];

    static {
        for (int cond = 0; cond < 16; cond++) {
            int mask = 0;
            for (int cc = 0; cc < 16; cc++) {
                if (evaluate(cond, cc)) {
                    mask |= 1 << cc;
                }
            }
            TABLE[cond] = mask;
        }
    }

    private ConditionCodes() {
    }

    private static boolean evaluate(int cond, int cc) {
        boolean n = (cc & N) != 0;
        boolean z = (cc & Z) != 0;
        boolean v = (cc & V) != 0;
        boolean c = (cc & C) != 0;
        boolean result;
        switch (cond & 7) {
            case 0: result = false; break;             // never
            case 1: result = z; break;                 // e
            case 2: result = z || (n ^ v); break;      // le
            case 3: result = n ^ v; break;             // l
            case 4: result = c || z; break;            // leu
            case 5: result = c; break;                 // cs
            case 6: result = n; break;                 // neg
            default: result = v; break;                // vs
        }
        return (cond & 8) != 0 ? !result : result;
    }

    /** Whether branch condition {@code cond} (0..15) holds for the 4-bit NZVC value {@code cc}. */
    public static boolean test(int cond, int cc) {
        return ((TABLE[cond] >>> cc) & 1) != 0;
    }

    private static int nz32(long res) {
        return (((int) res >>> 28) & N) | ((int) res == 0 ? Z : 0);
    }

    private static int nz64(long res) {
        return ((int) (res >>> 60) & N) | (res == 0 ? Z : 0);
    }

    /** CCR after {@code res = a + b (+ carry)}. */
    public static int add(long a, long b, long res) {
        long carry = (a & b) | ((a | b) & ~res);
        long ovf = ~(a ^ b) & (a ^ res);
        int icc = nz32(res) | ((int) (ovf >>> 30) & V) | ((int) (carry >>> 31) & C);
        int xcc = nz64(res) | ((int) (ovf >>> 62) & V) | ((int) (carry >>> 63) & C);
        return (xcc << 4) | icc;
    }

    /** CCR after {@code res = a - b (- borrow)}. */
    public static int sub(long a, long b, long res) {
        long borrow = (~a & b) | ((~a | b) & res);
        long ovf = (a ^ b) & (a ^ res);
        int icc = nz32(res) | ((int) (ovf >>> 30) & V) | ((int) (borrow >>> 31) & C);
        int xcc = nz64(res) | ((int) (ovf >>> 62) & V) | ((int) (borrow >>> 63) & C);
        return (xcc << 4) | icc;
    }

    /** CCR after a logical operation or multiply: N and Z from the result, V = C = 0. */
    public static int logic(long res) {
        return (nz64(res) << 4) | nz32(res);
    }
}
