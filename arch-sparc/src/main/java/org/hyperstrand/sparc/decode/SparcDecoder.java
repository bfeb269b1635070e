package org.hyperstrand.sparc.decode;

/**
 * Turns an instruction word into a decoded instruction ({@link Insn#pack}): the dense
 * {@link Op} number plus the raw word. Decoding resolves the encoding only; whether the
 * instruction may run (privilege, trap level, FP enable) is checked when it executes.
 *
 * <p>Encodings follow SPARC V9 with the UltraSPARC Architecture 2005 additions (RDHPR, WRHPR,
 * the window-control functions of op3 0x31, GL). Reserved encodings decode to {@link Op#ILLEGAL}.
 */
public final class SparcDecoder {

    private static final int[] ARITH = new int[64];
    private static final int[] MEMORY = new int[64];

    static {
        java.util.Arrays.fill(ARITH, Op.ILLEGAL);
        int[] a = {
            Op.ADD, Op.AND, Op.OR, Op.XOR, Op.SUB, Op.ANDN, Op.ORN, Op.XNOR,
            Op.ADDC, Op.MULX, Op.UMUL, Op.SMUL, Op.SUBC, Op.UDIVX, Op.UDIV, Op.SDIV,
            Op.ADDCC, Op.ANDCC, Op.ORCC, Op.XORCC, Op.SUBCC, Op.ANDNCC, Op.ORNCC, Op.XNORCC,
            Op.ADDCCC, Op.ILLEGAL, Op.UMULCC, Op.SMULCC, Op.SUBCCC, Op.ILLEGAL, Op.UDIVCC, Op.SDIVCC,
            Op.TADDCC, Op.TSUBCC, Op.TADDCCTV, Op.TSUBCCTV, Op.MULSCC,
        };
        System.arraycopy(a, 0, ARITH, 0, a.length);
        ARITH[0x29] = Op.RDHPR;
        ARITH[0x2b] = Op.FLUSHW;
        ARITH[0x2d] = Op.SDIVX;
        ARITH[0x32] = Op.WRPR;
        ARITH[0x33] = Op.WRHPR;
        ARITH[0x34] = Op.FPOP;
        ARITH[0x35] = Op.FPOP;
        ARITH[0x36] = Op.FPOP;
        ARITH[0x37] = Op.FPOP;
        ARITH[0x38] = Op.JMPL;
        ARITH[0x39] = Op.RETURN;
        ARITH[0x3b] = Op.FLUSH;
        ARITH[0x3c] = Op.SAVE;
        ARITH[0x3d] = Op.RESTORE;

        java.util.Arrays.fill(MEMORY, Op.ILLEGAL);
        int[] m = {
            Op.LDUW, Op.LDUB, Op.LDUH, Op.LDD, Op.STW, Op.STB, Op.STH, Op.STD,
            Op.LDSW, Op.LDSB, Op.LDSH, Op.LDX, Op.ILLEGAL, Op.LDSTUB, Op.STX, Op.SWAP,
            Op.LDUWA, Op.LDUBA, Op.LDUHA, Op.LDDA, Op.STWA, Op.STBA, Op.STHA, Op.STDA,
            Op.LDSWA, Op.LDSBA, Op.LDSHA, Op.LDXA, Op.ILLEGAL, Op.LDSTUBA, Op.STXA, Op.SWAPA,
        };
        System.arraycopy(m, 0, MEMORY, 0, m.length);
        for (int op3 = 0x20; op3 <= 0x27; op3++) {
            MEMORY[op3] = Op.FPOP;  // LDF LDFSR LDQF LDDF STF STFSR STQF STDF
        }
        MEMORY[0x2d] = Op.PREFETCH;
        MEMORY[0x30] = Op.FPOP;  // LDFA
        MEMORY[0x32] = Op.FPOP;  // LDQFA
        MEMORY[0x33] = Op.FPOP;  // LDDFA
        MEMORY[0x34] = Op.FPOP;  // STFA
        MEMORY[0x36] = Op.FPOP;  // STQFA
        MEMORY[0x37] = Op.FPOP;  // STDFA
        MEMORY[0x3c] = Op.CASA;
        MEMORY[0x3d] = Op.PREFETCHA;
        MEMORY[0x3e] = Op.CASXA;
    }

    private SparcDecoder() {
    }

    /** The decoded form of {@code insn}; never 0. */
    public static long decode(int insn) {
        return Insn.pack(operation(insn), insn);
    }

    /** The dense operation number of {@code insn}. */
    public static int operation(int insn) {
        switch (insn >>> 30) {
            case 0:
                return format2(insn);
            case 1:
                return Op.CALL;
            case 2:
                return arithmetic(insn);
            default: {
                int op3 = Insn.op3(insn);
                return (op3 & 0x28) == 0x20 ? FloatDecoder.memory(insn) : MEMORY[op3];  // 0x20-0x27, 0x30-0x37
            }
        }
    }

    private static int format2(int insn) {
        int cond = Insn.cond(insn);
        switch ((insn >>> 22) & 7) {
            case 1: // BPcc
                if ((insn & (1 << 20)) != 0) {
                    return Op.ILLEGAL;  // cc0 = 1: %fcc-style selector, reserved for BPcc
                }
                if (cond == 8) {
                    return Op.BA19;
                }
                if (cond == 0) {
                    return Op.BN;
                }
                return (insn & (1 << 21)) != 0 ? Op.BPXCC : Op.BPICC;
            case 2: // Bicc
                if (cond == 8) {
                    return Op.BA22;
                }
                return cond == 0 ? Op.BN : Op.BICC;
            case 3: { // BPr
                int rcond = Insn.rcondBranch(insn);
                if ((insn & (1 << 28)) != 0 || (rcond & 3) == 0) {
                    return Op.ILLEGAL;
                }
                return Op.BPR;
            }
            case 4:
                return Insn.rd(insn) == 0 ? Op.NOP : Op.SETHI;
            case 5:
                return Op.FBPFCC;
            case 6:
                return Op.FBFCC;
            default: // ILLTRAP and reserved
                return Op.ILLEGAL;
        }
    }

    private static int arithmetic(int insn) {
        int op3 = Insn.op3(insn);
        int rd = Insn.rd(insn);
        int rs1 = Insn.rs1(insn);
        boolean x = (insn & 0x1000) != 0;
        switch (op3) {
            case 0x25:
                return x ? Op.SLLX : Op.SLL;
            case 0x26:
                return x ? Op.SRLX : Op.SRL;
            case 0x27:
                return x ? Op.SRAX : Op.SRA;
            case 0x28:
                if (rs1 == 15) {
                    return rd == 0 ? Op.MEMBAR : Op.ILLEGAL;  // MEMBAR (i=1) and STBAR (i=0)
                }
                return rs1 == 19 ? Op.FPOP : Op.RDASR;       // %gsr belongs to the FPU
            case 0x2a:
                return rs1 == 15 ? Op.FPOP : Op.RDPR;        // %fq belongs to the FPU
            case 0x2c:
                if ((insn & (1 << 18)) == 0) {
                    return Op.MOVFCC;                        // MOVcc on %fccN
                }
                return (insn & (1 << 11)) != 0 ? Op.ILLEGAL : Op.MOVCC;
            case 0x2e:
                return rs1 == 0 ? Op.POPC : Op.ILLEGAL;
            case 0x2f:
                return (Insn.rcondMove(insn) & 3) == 0 ? Op.ILLEGAL : Op.MOVR;
            case 0x30:
                if (rd == 15) {
                    return rs1 == 0 && Insn.immediate(insn) ? Op.SIR : Op.ILLEGAL;
                }
                return rd == 19 ? Op.FPOP : Op.WRASR;
            case 0x31:
                return rd <= 5 ? Op.WINCTL : Op.ILLEGAL;
            case 0x34:
                return FloatDecoder.fpop1(insn);
            case 0x35:
                return FloatDecoder.fpop2(insn);
            case 0x3a:
                return (insn & (1 << 11)) != 0 ? Op.ILLEGAL : Op.TCC;
            case 0x3e:
                if (rd == 0) {
                    return Op.DONE;
                }
                return rd == 1 ? Op.RETRY : Op.ILLEGAL;
            default:
                return ARITH[op3];
        }
    }
}
