package org.hyperstrand.sparc;

/**
 * A hand-written encoder for the SPARC V9 floating-point instructions used in tests (the
 * integer ones are in {@link Asm}). Single registers are %f0-%f31; double registers are named by
 * their even number 0..62 and encoded with bit 5 in bit 0 of the field.
 */
final class FpAsm {

    // FBfcc / FMOVcc conditions
    static final int FN = 0, FNE = 1, FLG = 2, FUL = 3, FL = 4, FUG = 5, FG = 6, FU = 7;
    static final int FA = 8, FE = 9, FUE = 10, FGE = 11, FUGE = 12, FLE = 13, FULE = 14, FO = 15;
    // FMOVcc opf_cc values beyond fcc0-3
    static final int ICC = 4, XCC = 6;

    // FPop1 opf values
    static final int FMOVS = 0x001, FMOVD = 0x002, FMOVQ = 0x003, FNEGS = 0x005, FNEGD = 0x006, FABSS = 0x009,
            FABSD = 0x00a, FSQRTS = 0x029, FSQRTD = 0x02a, FADDS = 0x041, FADDD = 0x042, FADDQ = 0x043,
            FSUBS = 0x045, FSUBD = 0x046, FMULS = 0x049, FMULD = 0x04a, FDIVS = 0x04d, FDIVD = 0x04e,
            FSMULD = 0x069, FSTOX = 0x081, FDTOX = 0x082, FXTOS = 0x084, FXTOD = 0x088, FITOS = 0x0c4,
            FDTOS = 0x0c6, FITOD = 0x0c8, FSTOD = 0x0c9, FSTOI = 0x0d1, FDTOI = 0x0d2;
    // FPop2 opf values
    static final int FCMPS = 0x051, FCMPD = 0x052, FCMPQ = 0x053, FCMPES = 0x055, FCMPED = 0x056;

    private FpAsm() {
    }

    /** The 5-bit field of double register {@code n} (even, 0..62). */
    static int d(int n) {
        return (n & 0x1e) | ((n >> 5) & 1);
    }

    static int fpop1(int opf, int rd, int rs1, int rs2) {
        return (2 << 30) | (rd << 25) | (0x34 << 19) | (rs1 << 14) | (opf << 5) | rs2;
    }

    static int fpop2(int opf, int rd, int rs1, int rs2) {
        return (2 << 30) | (rd << 25) | (0x35 << 19) | (rs1 << 14) | (opf << 5) | rs2;
    }

    /** A single-precision FPop1: rd = rs1 op rs2 (or op rs2). */
    static int fs(int opf, int rd, int rs1, int rs2) {
        return fpop1(opf, rd, rs1, rs2);
    }

    /** A double-precision FPop1 on double register numbers. */
    static int fd(int opf, int rd, int rs1, int rs2) {
        return fpop1(opf, d(rd), d(rs1), d(rs2));
    }

    static int fcmps(int fcc, int rs1, int rs2) {
        return fpop2(FCMPS, fcc, rs1, rs2);
    }

    static int fcmpes(int fcc, int rs1, int rs2) {
        return fpop2(FCMPES, fcc, rs1, rs2);
    }

    static int fcmpd(int fcc, int rs1, int rs2) {
        return fpop2(FCMPD, fcc, d(rs1), d(rs2));
    }

    static int fcmped(int fcc, int rs1, int rs2) {
        return fpop2(FCMPED, fcc, d(rs1), d(rs2));
    }

    static int fbfcc(int cond, boolean annul, int disp22) {
        return (annul ? 1 << 29 : 0) | (cond << 25) | (6 << 22) | (disp22 & 0x3f_ffff);
    }

    static int fbpfcc(int cond, boolean annul, int fcc, int disp19) {
        return (annul ? 1 << 29 : 0) | (cond << 25) | (5 << 22) | (fcc << 20) | (1 << 19) | (disp19 & 0x7_ffff);
    }

    /** FMOVScc (dbl = false) or FMOVDcc on opf_cc (0-3 fcc, 4 icc, 6 xcc). */
    static int fmovcc(int cond, int cc, boolean dbl, int rd, int rs2) {
        int low = dbl ? 2 : 1;
        int r = dbl ? d(rd) : rd;
        int s = dbl ? d(rs2) : rs2;
        return (2 << 30) | (r << 25) | (0x35 << 19) | (cond << 14) | (cc << 11) | (low << 5) | s;
    }

    /** FMOVRs / FMOVRd on integer register rs1. */
    static int fmovr(int rcond, int rs1, boolean dbl, int rd, int rs2) {
        int low = dbl ? 6 : 5;
        int r = dbl ? d(rd) : rd;
        int s = dbl ? d(rs2) : rs2;
        return (2 << 30) | (r << 25) | (0x35 << 19) | (rs1 << 14) | (rcond << 10) | (low << 5) | s;
    }

    /** MOVcc on fccN for integer registers: rd = rs2 if cond. */
    static int movfcc(int cond, int fcc, int rd, int rs2) {
        return (2 << 30) | (rd << 25) | (0x2c << 19) | (cond << 14) | (fcc << 11) | rs2;
    }

    static int movfcci(int cond, int fcc, int rd, int simm11) {
        return (2 << 30) | (rd << 25) | (0x2c << 19) | (cond << 14) | (fcc << 11) | 0x2000 | (simm11 & 0x7ff);
    }

    static int ldf(int rd, int rs1, int imm) { return Asm.memi(0x20, rd, rs1, imm); }
    static int lddf(int rd, int rs1, int imm) { return Asm.memi(0x23, d(rd), rs1, imm); }
    static int ldqf(int rd, int rs1, int imm) { return Asm.memi(0x22, rd, rs1, imm); }
    static int stf(int rd, int rs1, int imm) { return Asm.memi(0x24, rd, rs1, imm); }
    static int stdf(int rd, int rs1, int imm) { return Asm.memi(0x27, d(rd), rs1, imm); }
    static int ldfsr(int rs1, int imm) { return Asm.memi(0x21, 0, rs1, imm); }
    static int ldxfsr(int rs1, int imm) { return Asm.memi(0x21, 1, rs1, imm); }
    static int stfsr(int rs1, int imm) { return Asm.memi(0x25, 0, rs1, imm); }
    static int stxfsr(int rs1, int imm) { return Asm.memi(0x25, 1, rs1, imm); }
    static int ldfa(int rd, int rs1, int rs2, int asi) { return Asm.mema(0x20, rd, rs1, rs2, asi); }
    static int lddfa(int rd, int rs1, int rs2, int asi) { return Asm.mema(0x23, d(rd), rs1, rs2, asi); }
    static int stfa(int rd, int rs1, int rs2, int asi) { return Asm.mema(0x24, rd, rs1, rs2, asi); }
    static int stdfa(int rd, int rs1, int rs2, int asi) { return Asm.mema(0x27, d(rd), rs1, rs2, asi); }
}
