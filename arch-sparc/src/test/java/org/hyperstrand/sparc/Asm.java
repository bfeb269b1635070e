package org.hyperstrand.sparc;

/**
 * A hand-written SPARC V9 encoder for tests: each method returns one instruction word built
 * from its fields. Displacements are in instructions (words), relative to the branch itself.
 * Methods ending in {@code i} take a signed 13-bit immediate instead of rs2.
 */
final class Asm {

    static final int G0 = 0, G1 = 1, G2 = 2, G3 = 3, G4 = 4, G5 = 5, G6 = 6, G7 = 7;
    static final int O0 = 8, O1 = 9, O2 = 10, O3 = 11, O4 = 12, O5 = 13, SP = 14, O7 = 15;
    static final int L0 = 16, L1 = 17, L2 = 18, L3 = 19, L4 = 20, L5 = 21, L6 = 22, L7 = 23;
    static final int I0 = 24, I1 = 25, I2 = 26, I3 = 27, I4 = 28, I5 = 29, FP = 30, I7 = 31;

    // branch conditions
    static final int N = 0, E = 1, LE = 2, L = 3, LEU = 4, CS = 5, NEG = 6, VS = 7;
    static final int A = 8, NE = 9, G = 10, GE = 11, GU = 12, CC = 13, POS = 14, VC = 15;
    // register conditions
    static final int RZ = 1, RLEZ = 2, RLZ = 3, RNZ = 5, RGZ = 6, RGEZ = 7;

    // privileged registers
    static final int TPC = 0, TNPC = 1, TSTATE = 2, TT = 3, TICK = 4, TBA = 5, PSTATE = 6, TL = 7, PIL = 8,
            CWP = 9, CANSAVE = 10, CANRESTORE = 11, CLEANWIN = 12, OTHERWIN = 13, WSTATE = 14, GL = 16;
    // hyperprivileged registers
    static final int HPSTATE = 0, HTSTATE = 1, HINTP = 3, HTBA = 5, HVER = 6, HSTICK_CMPR = 31;
    // ancillary state registers
    static final int Y = 0, CCR = 2, ASI = 3, ASR_TICK = 4, PC = 5, FPRS = 6, SOFTINT_SET = 20, SOFTINT_CLR = 21,
            SOFTINT = 22, TICK_CMPR = 23, STICK = 24, STICK_CMPR = 25;

    // op3 values, format 3 op = 2
    static final int ADD = 0x00, AND = 0x01, OR = 0x02, XOR = 0x03, SUB = 0x04, ANDN = 0x05, ORN = 0x06,
            XNOR = 0x07, ADDC = 0x08, MULX = 0x09, UMUL = 0x0a, SMUL = 0x0b, SUBC = 0x0c, UDIVX = 0x0d,
            UDIV = 0x0e, SDIV = 0x0f, ADDCC = 0x10, ANDCC = 0x11, ORCC = 0x12, XORCC = 0x13, SUBCC = 0x14,
            ANDNCC = 0x15, ORNCC = 0x16, XNORCC = 0x17, ADDCCC = 0x18, UMULCC = 0x1a, SMULCC = 0x1b,
            SUBCCC = 0x1c, UDIVCC = 0x1e, SDIVCC = 0x1f, TADDCC = 0x20, TSUBCC = 0x21, TADDCCTV = 0x22,
            TSUBCCTV = 0x23, MULSCC = 0x24, SDIVX = 0x2d;
    // op3 values, format 3 op = 3
    static final int LDUW = 0x00, LDUB = 0x01, LDUH = 0x02, LDD = 0x03, STW = 0x04, STB = 0x05, STH = 0x06,
            STD = 0x07, LDSW = 0x08, LDSB = 0x09, LDSH = 0x0a, LDX = 0x0b, LDSTUB = 0x0d, STX = 0x0e,
            SWAP = 0x0f, ALT = 0x10, CASA = 0x3c, CASXA = 0x3e;

    private Asm() {
    }

    // ---- raw formats ---------------------------------------------------------------------

    static int f3(int op, int op3, int rd, int rs1, int rs2) {
        return (op << 30) | (rd << 25) | (op3 << 19) | (rs1 << 14) | (rs2 & 31);
    }

    static int f3i(int op, int op3, int rd, int rs1, int simm13) {
        return (op << 30) | (rd << 25) | (op3 << 19) | (rs1 << 14) | 0x2000 | (simm13 & 0x1fff);
    }

    static int arith(int op3, int rd, int rs1, int rs2) {
        return f3(2, op3, rd, rs1, rs2);
    }

    static int arithi(int op3, int rd, int rs1, int simm13) {
        return f3i(2, op3, rd, rs1, simm13);
    }

    static int mem(int op3, int rd, int rs1, int rs2) {
        return f3(3, op3, rd, rs1, rs2);
    }

    static int memi(int op3, int rd, int rs1, int simm13) {
        return f3i(3, op3, rd, rs1, simm13);
    }

    /** An alternate-space access with an immediate ASI: [rs1 + rs2] asi. */
    static int mema(int op3, int rd, int rs1, int rs2, int asi) {
        return f3(3, op3 | ALT, rd, rs1, rs2) | ((asi & 0xff) << 5);
    }

    /** An alternate-space access using %asi: [rs1 + simm13] %asi. */
    static int memai(int op3, int rd, int rs1, int simm13) {
        return f3i(3, op3 | ALT, rd, rs1, simm13);
    }

    // ---- arithmetic and logic ------------------------------------------------------------

    static int add(int rd, int rs1, int rs2) { return arith(ADD, rd, rs1, rs2); }
    static int addi(int rd, int rs1, int imm) { return arithi(ADD, rd, rs1, imm); }
    static int addcc(int rd, int rs1, int rs2) { return arith(ADDCC, rd, rs1, rs2); }
    static int addcci(int rd, int rs1, int imm) { return arithi(ADDCC, rd, rs1, imm); }
    static int sub(int rd, int rs1, int rs2) { return arith(SUB, rd, rs1, rs2); }
    static int subi(int rd, int rs1, int imm) { return arithi(SUB, rd, rs1, imm); }
    static int subcc(int rd, int rs1, int rs2) { return arith(SUBCC, rd, rs1, rs2); }
    static int subcci(int rd, int rs1, int imm) { return arithi(SUBCC, rd, rs1, imm); }
    static int cmp(int rs1, int rs2) { return subcc(G0, rs1, rs2); }
    static int cmpi(int rs1, int imm) { return subcci(G0, rs1, imm); }
    static int and(int rd, int rs1, int rs2) { return arith(AND, rd, rs1, rs2); }
    static int andi(int rd, int rs1, int imm) { return arithi(AND, rd, rs1, imm); }
    static int or(int rd, int rs1, int rs2) { return arith(OR, rd, rs1, rs2); }
    static int ori(int rd, int rs1, int imm) { return arithi(OR, rd, rs1, imm); }
    static int xor(int rd, int rs1, int rs2) { return arith(XOR, rd, rs1, rs2); }
    static int xori(int rd, int rs1, int imm) { return arithi(XOR, rd, rs1, imm); }
    static int mov(int rd, int rs) { return or(rd, G0, rs); }
    static int movi(int rd, int imm) { return ori(rd, G0, imm); }

    static int sll(int rd, int rs1, int rs2) { return arith(0x25, rd, rs1, rs2); }
    static int slli(int rd, int rs1, int cnt) { return arithi(0x25, rd, rs1, cnt & 31); }
    static int srl(int rd, int rs1, int rs2) { return arith(0x26, rd, rs1, rs2); }
    static int srli(int rd, int rs1, int cnt) { return arithi(0x26, rd, rs1, cnt & 31); }
    static int sra(int rd, int rs1, int rs2) { return arith(0x27, rd, rs1, rs2); }
    static int srai(int rd, int rs1, int cnt) { return arithi(0x27, rd, rs1, cnt & 31); }
    static int sllx(int rd, int rs1, int rs2) { return arith(0x25, rd, rs1, rs2) | 0x1000; }
    static int sllxi(int rd, int rs1, int cnt) { return arithi(0x25, rd, rs1, 0x1000 | (cnt & 63)); }
    static int srlx(int rd, int rs1, int rs2) { return arith(0x26, rd, rs1, rs2) | 0x1000; }
    static int srlxi(int rd, int rs1, int cnt) { return arithi(0x26, rd, rs1, 0x1000 | (cnt & 63)); }
    static int srax(int rd, int rs1, int rs2) { return arith(0x27, rd, rs1, rs2) | 0x1000; }
    static int sraxi(int rd, int rs1, int cnt) { return arithi(0x27, rd, rs1, 0x1000 | (cnt & 63)); }

    static int popc(int rd, int rs2) { return arith(0x2e, rd, 0, rs2); }

    static int sethi(int rd, int imm22) { return (rd << 25) | (4 << 22) | (imm22 & 0x3f_ffff); }
    static int nop() { return sethi(0, 0); }

    /** MOVcc on icc (xcc = false) or xcc: rd = rs2 if cond. */
    static int movcc(int cond, boolean xcc, int rd, int rs2) {
        return arith(0x2c, rd, 0, rs2) | (1 << 18) | (cond << 14) | (xcc ? 1 << 12 : 0);
    }

    static int movcci(int cond, boolean xcc, int rd, int simm11) {
        return (2 << 30) | (rd << 25) | (0x2c << 19) | (1 << 18) | (cond << 14) | 0x2000 | (xcc ? 1 << 12 : 0)
                | (simm11 & 0x7ff);
    }

    static int movr(int rcond, int rs1, int rd, int rs2) {
        return arith(0x2f, rd, rs1, rs2) | (rcond << 10);
    }

    static int movri(int rcond, int rs1, int rd, int simm10) {
        return (2 << 30) | (rd << 25) | (0x2f << 19) | (rs1 << 14) | 0x2000 | (rcond << 10) | (simm10 & 0x3ff);
    }

    // ---- control transfer ----------------------------------------------------------------

    static int bicc(int cond, boolean annul, int disp22) {
        return (annul ? 1 << 29 : 0) | (cond << 25) | (2 << 22) | (disp22 & 0x3f_ffff);
    }

    static int ba(int disp) { return bicc(A, false, disp); }
    static int baa(int disp) { return bicc(A, true, disp); }
    static int be(int disp) { return bicc(E, false, disp); }
    static int bne(int disp) { return bicc(NE, false, disp); }

    static int bpcc(int cond, boolean annul, boolean xcc, boolean predictTaken, int disp19) {
        return (annul ? 1 << 29 : 0) | (cond << 25) | (1 << 22) | (xcc ? 1 << 21 : 0) | (predictTaken ? 1 << 19 : 0)
                | (disp19 & 0x7_ffff);
    }

    static int bpr(int rcond, boolean annul, boolean predictTaken, int rs1, int disp16) {
        return (annul ? 1 << 29 : 0) | (rcond << 25) | (3 << 22) | (((disp16 >> 14) & 3) << 20)
                | (predictTaken ? 1 << 19 : 0) | (rs1 << 14) | (disp16 & 0x3fff);
    }

    static int call(int disp30) { return (1 << 30) | (disp30 & 0x3fff_ffff); }
    static int jmpl(int rd, int rs1, int imm) { return arithi(0x38, rd, rs1, imm); }
    static int jmplr(int rd, int rs1, int rs2) { return arith(0x38, rd, rs1, rs2); }
    static int ret() { return jmpl(G0, I7, 8); }
    static int retl() { return jmpl(G0, O7, 8); }
    static int returni(int rs1, int imm) { return arithi(0x39, 0, rs1, imm); }

    static int tcc(int cond, boolean xcc, int imm8) {
        return (2 << 30) | (cond << 25) | (0x3a << 19) | 0x2000 | (xcc ? 1 << 12 : 0) | (imm8 & 0xff);
    }

    static int tccr(int cond, int rs1, int rs2) {
        return (2 << 30) | (cond << 25) | (0x3a << 19) | (rs1 << 14) | (rs2 & 31);
    }

    static int ta(int imm8) { return tcc(A, false, imm8); }

    static int save(int rd, int rs1, int imm) { return arithi(0x3c, rd, rs1, imm); }
    static int restore(int rd, int rs1, int imm) { return arithi(0x3d, rd, rs1, imm); }
    static int restore() { return arith(0x3d, 0, 0, 0); }
    static int flushw() { return arith(0x2b, 0, 0, 0); }
    static int saved() { return arith(0x31, 0, 0, 0); }
    static int restored() { return arith(0x31, 1, 0, 0); }
    static int allclean() { return arith(0x31, 2, 0, 0); }
    static int otherw() { return arith(0x31, 3, 0, 0); }
    static int normalw() { return arith(0x31, 4, 0, 0); }
    static int invalw() { return arith(0x31, 5, 0, 0); }
    static int done() { return arith(0x3e, 0, 0, 0); }
    static int retry() { return arith(0x3e, 1, 0, 0); }
    static int flush(int rs1, int imm) { return arithi(0x3b, 0, rs1, imm); }
    static int membar(int mask) { return arithi(0x28, 0, 15, mask); }
    static int stbar() { return arith(0x28, 0, 15, 0); }

    // ---- state registers -----------------------------------------------------------------

    static int rdpr(int rd, int pr) { return arith(0x2a, rd, pr, 0); }
    static int wrpr(int pr, int rs1, int imm) { return arithi(0x32, pr, rs1, imm); }
    static int wrprr(int pr, int rs1, int rs2) { return arith(0x32, pr, rs1, rs2); }
    static int rdhpr(int rd, int hpr) { return arith(0x29, rd, hpr, 0); }
    static int wrhpr(int hpr, int rs1, int imm) { return arithi(0x33, hpr, rs1, imm); }
    static int rd(int rd, int asr) { return arith(0x28, rd, asr, 0); }
    static int wr(int asr, int rs1, int imm) { return arithi(0x30, asr, rs1, imm); }
    static int wrr(int asr, int rs1, int rs2) { return arith(0x30, asr, rs1, rs2); }

    // ---- loads and stores ----------------------------------------------------------------

    static int ldx(int rd, int rs1, int imm) { return memi(LDX, rd, rs1, imm); }
    static int lduw(int rd, int rs1, int imm) { return memi(LDUW, rd, rs1, imm); }
    static int ldsw(int rd, int rs1, int imm) { return memi(LDSW, rd, rs1, imm); }
    static int lduh(int rd, int rs1, int imm) { return memi(LDUH, rd, rs1, imm); }
    static int ldsh(int rd, int rs1, int imm) { return memi(LDSH, rd, rs1, imm); }
    static int ldub(int rd, int rs1, int imm) { return memi(LDUB, rd, rs1, imm); }
    static int ldsb(int rd, int rs1, int imm) { return memi(LDSB, rd, rs1, imm); }
    static int stx(int rd, int rs1, int imm) { return memi(STX, rd, rs1, imm); }
    static int stw(int rd, int rs1, int imm) { return memi(STW, rd, rs1, imm); }
    static int sth(int rd, int rs1, int imm) { return memi(STH, rd, rs1, imm); }
    static int stb(int rd, int rs1, int imm) { return memi(STB, rd, rs1, imm); }
    static int ldd(int rd, int rs1, int imm) { return memi(LDD, rd, rs1, imm); }
    static int std(int rd, int rs1, int imm) { return memi(STD, rd, rs1, imm); }
    static int ldstub(int rd, int rs1, int imm) { return memi(LDSTUB, rd, rs1, imm); }
    static int swap(int rd, int rs1, int imm) { return memi(SWAP, rd, rs1, imm); }
    static int prefetch(int rs1, int imm, int fcn) { return memi(0x2d, fcn, rs1, imm); }

    static int casa(int rs1, int asi, int rs2, int rd) { return mem(CASA, rd, rs1, rs2) | ((asi & 0xff) << 5); }
    static int casxa(int rs1, int asi, int rs2, int rd) { return mem(CASXA, rd, rs1, rs2) | ((asi & 0xff) << 5); }
    /** casxa [rs1] %asi, rs2, rd. */
    static int casxaAsiReg(int rs1, int rs2, int rd) { return mem(CASXA, rd, rs1, rs2) | 0x2000; }

    // ---- sequences -----------------------------------------------------------------------

    /** sethi %hi(v), rd; or rd, %lo(v), rd: any 32-bit value, zero-extended. */
    static int[] set32(int rd, long v) {
        return new int[] {sethi(rd, (int) (v >>> 10) & 0x3f_ffff), ori(rd, rd, (int) (v & 0x3ff))};
    }

    /** A 64-bit constant into rd using tmp. */
    static int[] setx(int rd, int tmp, long v) {
        int[] hi = set32(tmp, v >>> 32);
        int[] lo = set32(rd, v & 0xffff_ffffL);
        return new int[] {hi[0], hi[1], sllxi(tmp, tmp, 32), lo[0], lo[1], or(rd, rd, tmp)};
    }
}
