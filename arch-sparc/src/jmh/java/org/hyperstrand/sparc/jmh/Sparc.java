package org.hyperstrand.sparc.jmh;

/**
 * The few SPARC V9 instruction encodings the benchmark programs use. Displacements count
 * instructions from the branch; {@code simm13} immediates are signed 13-bit values.
 */
final class Sparc {

    static final int G0 = 0, G1 = 1, O0 = 8, O1 = 9, O2 = 10, O3 = 11, O4 = 12, O5 = 13;

    private static final int ADD = 0x00, AND = 0x01, OR = 0x02, XOR = 0x03, SUBCC = 0x14, SLL = 0x25, SRL = 0x26,
            TCC = 0x3a;
    private static final int LDUW = 0x00, LDX = 0x0b, STX = 0x0e;
    static final int ALWAYS = 8, NE = 9;

    static final int NOP = 0x0100_0000;

    private Sparc() {
    }

    private static int f3(int op, int op3, int rd, int rs1, int rs2) {
        return (op << 30) | (rd << 25) | (op3 << 19) | (rs1 << 14) | (rs2 & 31);
    }

    private static int f3i(int op, int op3, int rd, int rs1, int simm13) {
        return (op << 30) | (rd << 25) | (op3 << 19) | (rs1 << 14) | 0x2000 | (simm13 & 0x1fff);
    }

    static int add(int rd, int rs1, int rs2) {
        return f3(2, ADD, rd, rs1, rs2);
    }

    static int addi(int rd, int rs1, int imm) {
        return f3i(2, ADD, rd, rs1, imm);
    }

    static int andi(int rd, int rs1, int imm) {
        return f3i(2, AND, rd, rs1, imm);
    }

    static int or(int rd, int rs1, int rs2) {
        return f3(2, OR, rd, rs1, rs2);
    }

    static int movi(int rd, int imm) {
        return f3i(2, OR, rd, G0, imm);
    }

    static int xor(int rd, int rs1, int rs2) {
        return f3(2, XOR, rd, rs1, rs2);
    }

    static int subcc(int rd, int rs1, int rs2) {
        return f3(2, SUBCC, rd, rs1, rs2);
    }

    static int subcci(int rd, int rs1, int imm) {
        return f3i(2, SUBCC, rd, rs1, imm);
    }

    /** sllx rs1, count, rd (the 64-bit shift: x = 1, 6-bit count). */
    static int sllx(int rd, int rs1, int count) {
        return f3i(2, SLL, rd, rs1, 0) | (1 << 12) | (count & 63);
    }

    static int srlx(int rd, int rs1, int count) {
        return f3i(2, SRL, rd, rs1, 0) | (1 << 12) | (count & 63);
    }

    static int sethi(int rd, int imm22) {
        return (rd << 25) | (4 << 22) | (imm22 & 0x3f_ffff);
    }

    static int ldx(int rd, int rs1, int rs2) {
        return f3(3, LDX, rd, rs1, rs2);
    }

    static int lduw(int rd, int rs1, int rs2) {
        return f3(3, LDUW, rd, rs1, rs2);
    }

    static int stx(int rd, int rs1, int rs2) {
        return f3(3, STX, rd, rs1, rs2);
    }

    /** Bicc on icc. */
    static int bicc(int cond, int disp22) {
        return (cond << 25) | (2 << 22) | (disp22 & 0x3f_ffff);
    }

    static int ta(int trap) {
        return f3i(2, TCC, ALWAYS, G0, trap & 0xff);
    }
}
