package org.hyperstrand.sparc.decode;

/**
 * Dense operation numbers of decoded instructions. The executor switches on them, so they are
 * small consecutive ints. 0 is reserved for "not decoded yet".
 */
public final class Op {

    public static final int UNDECODED = 0;
    /** Reserved or invalid encodings: illegal_instruction. */
    public static final int ILLEGAL = 1;
    /** VIS (IMPDEP1/2), %gsr and %fq: fp_disabled, or illegal_instruction when the FPU is enabled. */
    public static final int FPOP = 2;

    // ---- format 2 (op = 0): branches and SETHI -------------------------------------------
    public static final int NOP = 3;
    public static final int SETHI = 4;
    public static final int BICC = 5;
    public static final int BPICC = 6;
    public static final int BPXCC = 7;
    public static final int BA22 = 8;
    public static final int BA19 = 9;
    public static final int BN = 10;
    public static final int BPR = 11;

    // ---- format 1 ------------------------------------------------------------------------
    public static final int CALL = 12;

    // ---- arithmetic and logic ------------------------------------------------------------
    public static final int ADD = 13;
    public static final int ADDCC = 14;
    public static final int ADDC = 15;
    public static final int ADDCCC = 16;
    public static final int SUB = 17;
    public static final int SUBCC = 18;
    public static final int SUBC = 19;
    public static final int SUBCCC = 20;
    public static final int AND = 21;
    public static final int ANDCC = 22;
    public static final int ANDN = 23;
    public static final int ANDNCC = 24;
    public static final int OR = 25;
    public static final int ORCC = 26;
    public static final int ORN = 27;
    public static final int ORNCC = 28;
    public static final int XOR = 29;
    public static final int XORCC = 30;
    public static final int XNOR = 31;
    public static final int XNORCC = 32;
    public static final int MULX = 33;
    public static final int UMUL = 34;
    public static final int SMUL = 35;
    public static final int UMULCC = 36;
    public static final int SMULCC = 37;
    public static final int UDIVX = 38;
    public static final int SDIVX = 39;
    public static final int UDIV = 40;
    public static final int SDIV = 41;
    public static final int UDIVCC = 42;
    public static final int SDIVCC = 43;
    public static final int TADDCC = 44;
    public static final int TSUBCC = 45;
    public static final int TADDCCTV = 46;
    public static final int TSUBCCTV = 47;
    public static final int MULSCC = 48;
    public static final int SLL = 49;
    public static final int SRL = 50;
    public static final int SRA = 51;
    public static final int SLLX = 52;
    public static final int SRLX = 53;
    public static final int SRAX = 54;
    public static final int POPC = 55;
    public static final int MOVCC = 56;
    public static final int MOVR = 57;

    // ---- state registers -----------------------------------------------------------------
    public static final int RDASR = 58;
    public static final int WRASR = 59;
    public static final int MEMBAR = 60;
    public static final int RDPR = 61;
    public static final int WRPR = 62;
    public static final int RDHPR = 63;
    public static final int WRHPR = 64;
    public static final int SIR = 65;

    // ---- windows -------------------------------------------------------------------------
    public static final int SAVE = 66;
    public static final int RESTORE = 67;
    public static final int FLUSHW = 68;
    /** SAVED, RESTORED, ALLCLEAN, OTHERW, NORMALW, INVALW (fcn in rd). */
    public static final int WINCTL = 69;

    // ---- control transfer ----------------------------------------------------------------
    public static final int JMPL = 70;
    public static final int RETURN = 71;
    public static final int TCC = 72;
    public static final int DONE = 73;
    public static final int RETRY = 74;
    public static final int FLUSH = 75;

    // ---- loads and stores, implicit ASI --------------------------------------------------
    public static final int LDUB = 76;
    public static final int LDSB = 77;
    public static final int LDUH = 78;
    public static final int LDSH = 79;
    public static final int LDUW = 80;
    public static final int LDSW = 81;
    public static final int LDX = 82;
    public static final int LDD = 83;
    public static final int STB = 84;
    public static final int STH = 85;
    public static final int STW = 86;
    public static final int STX = 87;
    public static final int STD = 88;
    public static final int LDSTUB = 89;
    public static final int SWAP = 90;
    public static final int PREFETCH = 91;

    // ---- loads and stores, alternate space -----------------------------------------------
    public static final int LDUBA = 92;
    public static final int LDSBA = 93;
    public static final int LDUHA = 94;
    public static final int LDSHA = 95;
    public static final int LDUWA = 96;
    public static final int LDSWA = 97;
    public static final int LDXA = 98;
    public static final int LDDA = 99;
    public static final int STBA = 100;
    public static final int STHA = 101;
    public static final int STWA = 102;
    public static final int STXA = 103;
    public static final int STDA = 104;
    public static final int LDSTUBA = 105;
    public static final int SWAPA = 106;
    public static final int CASA = 107;
    public static final int CASXA = 108;
    public static final int PREFETCHA = 109;

    // ---- floating point: FPop1 (op3 0x34) -------------------------------------------------
    public static final int FMOVS = 110;
    public static final int FMOVD = 111;
    public static final int FNEGS = 112;
    public static final int FNEGD = 113;
    public static final int FABSS = 114;
    public static final int FABSD = 115;
    public static final int FSQRTS = 116;
    public static final int FSQRTD = 117;
    public static final int FADDS = 118;
    public static final int FADDD = 119;
    public static final int FSUBS = 120;
    public static final int FSUBD = 121;
    public static final int FMULS = 122;
    public static final int FMULD = 123;
    public static final int FDIVS = 124;
    public static final int FDIVD = 125;
    public static final int FSMULD = 126;
    public static final int FSTOX = 127;
    public static final int FDTOX = 128;
    public static final int FXTOS = 129;
    public static final int FXTOD = 130;
    public static final int FITOS = 131;
    public static final int FDTOS = 132;
    public static final int FITOD = 133;
    public static final int FSTOD = 134;
    public static final int FSTOI = 135;
    public static final int FDTOI = 136;

    // ---- floating point: FPop2 (op3 0x35) -------------------------------------------------
    /** FMOVScc / FMOVDcc on fcc0-3, icc or xcc (opf_cc); FMOVRs / FMOVRd on an integer register. */
    public static final int FMOVSCC = 137;
    public static final int FMOVDCC = 138;
    public static final int FMOVRS = 139;
    public static final int FMOVRD = 140;
    public static final int FCMPS = 141;
    public static final int FCMPD = 142;
    public static final int FCMPES = 143;
    public static final int FCMPED = 144;
    /** Quad-precision and reserved FPops: fp_exception_other (unimplemented_FPop). */
    public static final int FPUNIMP = 145;

    // ---- floating point: branches, MOVcc on fcc, loads and stores -------------------------
    public static final int FBFCC = 146;
    public static final int FBPFCC = 147;
    public static final int MOVFCC = 148;
    public static final int LDF = 149;
    public static final int LDDF = 150;
    public static final int LDFSR = 151;
    public static final int LDXFSR = 152;
    public static final int STF = 153;
    public static final int STDF = 154;
    public static final int STFSR = 155;
    public static final int STXFSR = 156;
    public static final int LDFA = 157;
    public static final int LDDFA = 158;
    public static final int STFA = 159;
    public static final int STDFA = 160;

    /** One past the highest operation number. */
    public static final int COUNT = 161;

    private static final String[] NAMES = new String[COUNT];

    static {
        for (java.lang.reflect.Field f : Op.class.getFields()) {
            if (f.getType() == int.class && !f.getName().equals("COUNT")) {
                try {
                    NAMES[f.getInt(null)] = f.getName().toLowerCase(java.util.Locale.ROOT);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private Op() {
    }

    /** The mnemonic-like name of an operation, for reports. */
    public static String name(int op) {
        return op >= 0 && op < COUNT && NAMES[op] != null ? NAMES[op] : "op" + op;
    }
}
