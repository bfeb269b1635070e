package org.hyperstrand.tools;

/**
 * The few SPARC V9 instruction encodings {@code hv bench}'s hand-assembled guest programs use
 * ({@link HypercallLoop}, {@link TsbRefillLoop}). Branch displacements count instructions from
 * the branch itself; {@code simm13} immediates are signed 13-bit values.
 */
final class SparcWords {

    static final int G0 = 0, G1 = 1, G2 = 2, G3 = 3, G4 = 4, G5 = 5, G6 = 6, G7 = 7;
    static final int O0 = 8, O1 = 9, O2 = 10, O5 = 13;

    /** Bicc conditions. */
    static final int ALWAYS = 8, EQ = 1, NE = 9;

    static final int NOP = 0x0100_0000; // sethi 0, %g0

    private static final int OP3_ADD = 0x00, OP3_AND = 0x01, OP3_OR = 0x02, OP3_SUB = 0x04, OP3_SUBCC = 0x14,
            OP3_TCC = 0x3a, OP3_LDX = 0x0b;

    private SparcWords() {
    }

    private static int f3(int op, int op3, int rd, int rs1, int rs2) {
        return (op << 30) | (rd << 25) | (op3 << 19) | (rs1 << 14) | (rs2 & 31);
    }

    private static int f3i(int op, int op3, int rd, int rs1, int simm13) {
        return (op << 30) | (rd << 25) | (op3 << 19) | (rs1 << 14) | 0x2000 | (simm13 & 0x1fff);
    }

    static int add(int rd, int rs1, int rs2) {
        return f3(2, OP3_ADD, rd, rs1, rs2);
    }

    static int and(int rd, int rs1, int rs2) {
        return f3(2, OP3_AND, rd, rs1, rs2);
    }

    static int ori(int rd, int rs1, int imm) {
        return f3i(2, OP3_OR, rd, rs1, imm);
    }

    static int movi(int rd, int imm) {
        return ori(rd, G0, imm);
    }

    static int subi(int rd, int rs1, int imm) {
        return f3i(2, OP3_SUB, rd, rs1, imm);
    }

    static int subcci(int rd, int rs1, int imm) {
        return f3i(2, OP3_SUBCC, rd, rs1, imm);
    }

    /** sethi: {@code rd = imm22 << 10}. */
    static int sethi(int rd, int imm22) {
        return (rd << 25) | (4 << 22) | (imm22 & 0x3f_ffff);
    }

    /** The two words that put a 32-bit unsigned {@code value} in {@code rd}: sethi, or. */
    static int[] set(int rd, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("not a 32-bit unsigned value: " + value);
        }
        return new int[] {sethi(rd, (int) (value >>> 10)), ori(rd, rd, (int) (value & 0x3ff))};
    }

    /** ldx [rs1 + rs2], rd */
    static int ldx(int rd, int rs1, int rs2) {
        return f3(3, OP3_LDX, rd, rs1, rs2);
    }

    /** Bicc on icc, not annulled. */
    static int bicc(int cond, int disp) {
        return (cond << 25) | (2 << 22) | (disp & 0x3f_ffff);
    }

    static int ta(int trap) {
        return f3i(2, OP3_TCC, ALWAYS, G0, trap & 0xff);
    }

    /** Concatenates words and arrays of words. */
    static int[] words(Object... parts) {
        int n = 0;
        for (Object p : parts) {
            n += p instanceof int[] a ? a.length : 1;
        }
        int[] out = new int[n];
        int i = 0;
        for (Object p : parts) {
            if (p instanceof int[] a) {
                System.arraycopy(a, 0, out, i, a.length);
                i += a.length;
            } else {
                out[i++] = (Integer) p;
            }
        }
        return out;
    }
}
