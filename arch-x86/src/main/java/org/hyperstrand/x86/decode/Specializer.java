package org.hyperstrand.x86.decode;

/**
 * Rewrites decoded instructions into the specialized forms of {@link Op} (ALU_RR64 and after)
 * where one applies, once, when an instruction enters the decoded-code cache: the hottest
 * register and memory forms of gcc's integer code then execute without switching on operand
 * size, ALU kind or operand form. A specialized register-register op keeps its destination in
 * the rm field and its source in the reg field, whatever the encoding's direction.
 *
 * <p>{@link #fusable} says which flag-setting ops may take the Jcc right after them with them
 * (CMP, TEST, SUB, DEC... then a conditional branch: a fifth of what gcc's loops execute): the
 * pair then costs one fetch and one dispatch, though both still retire as two instructions.
 */
public final class Specializer {

    private Specializer() {
    }

    private static final long OP_MASK = 0x3ff;
    private static final long REG_FIELD = 31L << Insn.REG_SHIFT;
    private static final long RM_FIELD = 31L << Insn.RM_SHIFT;
    /** Prefix bits that keep an instruction on its generic path. */
    private static final long PREFIXES = Insn.LOCK | (3L << Insn.REP_SHIFT);

    /** The specialized form of decoded word {@code a}, or {@code a} itself. */
    public static long specialize(long a) {
        if ((a & PREFIXES) != 0) {
            return a;
        }
        int op = Insn.op(a);
        int size = Insn.size(a);
        boolean mem = Insn.mem(a);
        boolean wide = size == 3;
        if (size < 2) {
            if (op == Op.MOV_EI && mem && size == 0) {
                return with(a, Op.STORE8_IMM);
            }
            return a;
        }
        switch (op) {
            case Op.ALU_EG:
            case Op.ALU_GE:
            case Op.ALU_EI: {
                int k = kindIndex(Insn.ext(a));
                if (k < 0 || mem && op != Op.ALU_GE) {
                    return a;
                }
                if (mem) {
                    return copyRegToRm(with(a, (wide ? Op.ALU_RM64 : Op.ALU_RM32) + k));
                }
                int base = op == Op.ALU_EI ? (wide ? Op.ALU_RI64 : Op.ALU_RI32) : (wide ? Op.ALU_RR64 : Op.ALU_RR32);
                long s = with(a, base + k);
                return op == Op.ALU_GE ? swap(s) : s;
            }
            case Op.IMUL_GE:
                if (!wide) {
                    return a;
                }
                return mem ? with(a, Op.IMUL_RM64) : with(a, Op.IMUL_RR64);
            case Op.TEST_EG:
                return mem ? a : with(a, wide ? Op.TEST_RR64 : Op.TEST_RR32);
            case Op.INC:
                return mem ? a : with(a, wide ? Op.INC_R64 : Op.INC_R32);
            case Op.DEC:
                return mem ? a : with(a, wide ? Op.DEC_R64 : Op.DEC_R32);
            case Op.MOV_EG:
                return mem ? with(a, wide ? Op.STORE64 : Op.STORE32) : with(a, wide ? Op.MOV_RR64 : Op.MOV_RR32);
            case Op.MOV_GE:
                return mem ? with(a, wide ? Op.LOAD64 : Op.LOAD32) : swap(with(a, wide ? Op.MOV_RR64 : Op.MOV_RR32));
            case Op.MOV_EI:
                return mem ? a : with(a, wide ? Op.MOV_RI64S : Op.MOV_RI32);
            case Op.MOVZX:
                if (Insn.ext(a) != 0 || wide) {
                    return a;
                }
                return with(a, mem ? Op.MOVZX_RM8 : Op.MOVZX_RR8);
            case Op.MOVSX:
                return !mem && wide && Insn.ext(a) == 2 ? with(a, Op.MOVSXD_RR) : a;
            case Op.LEA:
                return wide && !Insn.addr32(a) ? with(a, Op.LEA64) : a;
            case Op.SHIFT:
                return !mem && Insn.ext(a) == 5 ? with(a, wide ? Op.SHR_RI64 : Op.SHR_RI32) : a;
            default:
                return a;
        }
    }

    /**
     * True if a Jcc right after {@code a} may run together with it (Insn.FUSED): {@code a} sets
     * the flags, writes no memory (so it cannot change the code) and cannot branch or fault
     * after its own work is done.
     */
    public static boolean fusable(long a) {
        int op = Insn.op(a);
        if (op >= Op.ALU_RR64 && op <= Op.DEC_R32 || op >= Op.ALU_RM64 && op <= Op.IMUL_RM64) {
            return true;
        }
        if ((a & Insn.LOCK) != 0) {
            return false;
        }
        switch (op) {
            case Op.ALU_GE:
            case Op.TEST_EG:
            case Op.TEST_EI:
                return true;
            case Op.ALU_EG:
            case Op.ALU_EI:
                return !Insn.mem(a) || Insn.ext(a) == 7;       // a register destination, or CMP
            default:
                return false;
        }
    }

    private static int kindIndex(int kind) {
        for (int i = 0; i < Op.SPECIAL_KINDS.length; i++) {
            if (Op.SPECIAL_KINDS[i] == kind) {
                return i;
            }
        }
        return -1;
    }

    private static long with(long a, int op) {
        return (a & ~OP_MASK) | op;
    }

    /** Copies the reg field into the (unused) rm field of a memory form. */
    private static long copyRegToRm(long a) {
        return (a & ~RM_FIELD) | (((a & REG_FIELD) >>> Insn.REG_SHIFT) << Insn.RM_SHIFT);
    }

    /** Exchanges the reg and rm fields. */
    private static long swap(long a) {
        long reg = (a & REG_FIELD) >>> Insn.REG_SHIFT;
        long rm = (a & RM_FIELD) >>> Insn.RM_SHIFT;
        return (a & ~(REG_FIELD | RM_FIELD)) | (rm << Insn.REG_SHIFT) | (reg << Insn.RM_SHIFT);
    }
}
