package org.hyperstrand.sparc.decode;

/**
 * Decoding of the floating-point encodings: FPop1 and FPop2 by their 9-bit opf field (bits
 * 13..5), and the FP loads and stores by op3. Quad-precision FPops and reserved opf values decode
 * to {@link Op#FPUNIMP}; LDQF/STQF (and their ASI forms) to {@link Op#ILLEGAL}.
 */
final class FloatDecoder {

    private static final int[] FPOP1 = new int[512];

    static {
        java.util.Arrays.fill(FPOP1, Op.FPUNIMP);
        FPOP1[0x001] = Op.FMOVS;
        FPOP1[0x002] = Op.FMOVD;
        FPOP1[0x005] = Op.FNEGS;
        FPOP1[0x006] = Op.FNEGD;
        FPOP1[0x009] = Op.FABSS;
        FPOP1[0x00a] = Op.FABSD;
        FPOP1[0x029] = Op.FSQRTS;
        FPOP1[0x02a] = Op.FSQRTD;
        FPOP1[0x041] = Op.FADDS;
        FPOP1[0x042] = Op.FADDD;
        FPOP1[0x045] = Op.FSUBS;
        FPOP1[0x046] = Op.FSUBD;
        FPOP1[0x049] = Op.FMULS;
        FPOP1[0x04a] = Op.FMULD;
        FPOP1[0x04d] = Op.FDIVS;
        FPOP1[0x04e] = Op.FDIVD;
        FPOP1[0x069] = Op.FSMULD;
        FPOP1[0x081] = Op.FSTOX;
        FPOP1[0x082] = Op.FDTOX;
        FPOP1[0x084] = Op.FXTOS;
        FPOP1[0x088] = Op.FXTOD;
        FPOP1[0x0c4] = Op.FITOS;
        FPOP1[0x0c6] = Op.FDTOS;
        FPOP1[0x0c8] = Op.FITOD;
        FPOP1[0x0c9] = Op.FSTOD;
        FPOP1[0x0d1] = Op.FSTOI;
        FPOP1[0x0d2] = Op.FDTOI;
    }

    private FloatDecoder() {
    }

    private static int opf(int insn) {
        return (insn >>> 5) & 0x1ff;
    }

    /** op = 2, op3 = 0x34. */
    static int fpop1(int insn) {
        return FPOP1[opf(insn)];
    }

    /** op = 2, op3 = 0x35: compares, FMOVcc and FMOVr. */
    static int fpop2(int insn) {
        int opf = opf(insn);
        switch (opf) {
            case 0x051: return Op.FCMPS;
            case 0x052: return Op.FCMPD;
            case 0x055: return Op.FCMPES;
            case 0x056: return Op.FCMPED;
            default: break;
        }
        int low5 = opf & 0x1f;
        if ((opf & 0x100) == 0 && low5 >= 5 && low5 <= 7) {  // FMOVr: 0 rcond opf_low
            int rcond = (opf >>> 5) & 7;
            if ((rcond & 3) == 0) {
                return Op.ILLEGAL;
            }
            return low5 == 5 ? Op.FMOVRS : low5 == 6 ? Op.FMOVRD : Op.FPUNIMP;
        }
        int low6 = opf & 0x3f;
        if (low6 >= 1 && low6 <= 3) {  // FMOVcc: opf_cc opf_low
            int cc = opf >>> 6;
            if (cc == 5 || cc == 7) {
                return Op.ILLEGAL;
            }
            return low6 == 1 ? Op.FMOVSCC : low6 == 2 ? Op.FMOVDCC : Op.FPUNIMP;
        }
        return Op.FPUNIMP;
    }

    /** op = 3, op3 in 0x20..0x27 and 0x30..0x37. */
    static int memory(int insn) {
        int rd = Insn.rd(insn);
        switch (Insn.op3(insn)) {
            case 0x20: return Op.LDF;
            case 0x21: return rd == 0 ? Op.LDFSR : rd == 1 ? Op.LDXFSR : Op.ILLEGAL;
            case 0x23: return Op.LDDF;
            case 0x24: return Op.STF;
            case 0x25: return rd == 0 ? Op.STFSR : rd == 1 ? Op.STXFSR : Op.ILLEGAL;
            case 0x27: return Op.STDF;
            case 0x30: return Op.LDFA;
            case 0x33: return Op.LDDFA;
            case 0x34: return Op.STFA;
            case 0x37: return Op.STDFA;
            default: return Op.ILLEGAL;  // LDQF, STQF, LDQFA, STQFA
        }
    }
}
