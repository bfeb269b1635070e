package org.hyperstrand.x86.decode;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Dense operation numbers of decoded instructions. One number per operation and operand form;
 * the remaining variation (ALU kind, condition, shift kind, source size) is in
 * {@link Insn#ext}. In the comments E is the ModRM operand (register or memory), G the ModRM
 * reg register and I an immediate.
 */
public final class Op {

    private Op() {
    }

    /** Never produced by the decoder: an all-zero slot means "not decoded yet". */
    public static final int NOT_DECODED = 0;
    /** Raises #UD (an invalid or unimplemented encoding). */
    public static final int UD = 1;
    public static final int NOP = 2;
    public static final int PAUSE = 3;

    // ---- integer arithmetic; ext = ALU kind (0 ADD, 1 OR, 2 ADC, 3 SBB, 4 AND, 5 SUB, 6 XOR, 7 CMP)
    public static final int ALU_EG = 10;
    public static final int ALU_GE = 11;
    public static final int ALU_EI = 12;
    public static final int TEST_EG = 13;
    public static final int TEST_EI = 14;
    public static final int INC = 15;
    public static final int DEC = 16;
    public static final int NOT = 17;
    public static final int NEG = 18;
    /** rDX:rAX = rAX * E, unsigned / signed; DIV and IDIV divide rDX:rAX by E. */
    public static final int MUL = 19;
    public static final int IMUL1 = 20;
    public static final int DIV = 21;
    public static final int IDIV = 22;
    /** G = G * E. */
    public static final int IMUL_GE = 23;
    /** G = E * I. */
    public static final int IMUL_GEI = 24;
    /** CBW / CWDE / CDQE by operand size. */
    public static final int CBW = 25;
    /** CWD / CDQ / CQO by operand size. */
    public static final int CWD = 26;

    // ---- shifts; ext = kind (0 ROL, 1 ROR, 2 RCL, 3 RCR, 4 SHL, 5 SHR, 6 SAL, 7 SAR) -----
    /** Count in the immediate (1 for the D0/D1 forms). */
    public static final int SHIFT = 30;
    public static final int SHIFT_CL = 31;
    public static final int SHLD = 32;
    public static final int SHLD_CL = 33;
    public static final int SHRD = 34;
    public static final int SHRD_CL = 35;

    // ---- data movement ------------------------------------------------------------------------
    public static final int MOV_EG = 40;
    public static final int MOV_GE = 41;
    public static final int MOV_EI = 42;
    /** MOV r64, imm64: rm = register, b = the immediate. */
    public static final int MOV_RI64 = 43;
    /** MOV AL/rAX, moffs: b = the address. */
    public static final int MOV_LOAD_MOFFS = 44;
    /** MOV moffs, AL/rAX. */
    public static final int MOV_STORE_MOFFS = 45;
    /** G = zero-extended E; ext = size of E. */
    public static final int MOVZX = 46;
    /** G = sign-extended E; ext = size of E (MOVSXD too). */
    public static final int MOVSX = 47;
    public static final int LEA = 48;
    public static final int XCHG = 49;
    public static final int CMPXCHG = 50;
    public static final int XADD = 51;
    /** CMPXCHG8B, or CMPXCHG16B with operand size 64. */
    public static final int CMPXCHG8B = 52;
    /** ext = condition code. */
    public static final int SETCC = 53;
    public static final int CMOVCC = 54;
    public static final int BSWAP = 55;
    public static final int XLAT = 56;
    public static final int MOV_TO_SEG = 57;
    public static final int MOV_FROM_SEG = 58;

    // ---- bits; ext = 0 BT, 1 BTS, 2 BTR, 3 BTC --------------------------------------------
    public static final int BT_EG = 60;
    public static final int BT_EI = 61;
    public static final int BSF = 62;
    public static final int BSR = 63;
    public static final int LZCNT = 64;
    public static final int POPCNT = 65;

    // ---- stack and control transfer -------------------------------------------------------
    public static final int PUSH = 70;
    public static final int POP = 71;
    public static final int PUSH_I = 72;
    public static final int PUSHF = 73;
    public static final int POPF = 74;
    /** ext = segment register number (FS, GS). */
    public static final int PUSH_SEG = 75;
    public static final int POP_SEG = 76;
    public static final int CALL_REL = 77;
    public static final int CALL_E = 78;
    public static final int JMP_REL = 79;
    public static final int JMP_E = 80;
    /** ext = condition code, imm = displacement. */
    public static final int JCC = 81;
    /** imm = bytes released after the return address. */
    public static final int RET = 82;
    public static final int RETF = 83;
    public static final int IRET = 84;
    public static final int LEAVE = 85;
    /** imm = frame size | nesting level << 16. */
    public static final int ENTER = 86;
    /** ext = 0 LOOP, 1 LOOPE, 2 LOOPNE, 3 JRCXZ. */
    public static final int LOOP = 87;

    // ---- strings --------------------------------------------------------------------------
    public static final int MOVS = 90;
    public static final int STOS = 91;
    public static final int LODS = 92;
    public static final int CMPS = 93;
    public static final int SCAS = 94;
    public static final int INS = 95;
    public static final int OUTS = 96;

    // ---- flags ----------------------------------------------------------------------------
    /** ext = 0 CLC, 1 STC, 2 CMC, 3 CLD, 4 STD, 5 SAHF, 6 LAHF. */
    public static final int FLAGOP = 100;
    public static final int CLI = 101;
    public static final int STI = 102;

    // ---- system ---------------------------------------------------------------------------
    public static final int HLT = 110;
    public static final int INT3 = 111;
    /** imm = vector. */
    public static final int INTN = 112;
    public static final int INT1 = 113;
    public static final int CPUID = 114;
    public static final int RDTSC = 115;
    public static final int RDTSCP = 116;
    public static final int RDMSR = 117;
    public static final int WRMSR = 118;
    /** reg = control register number, rm = general register. */
    public static final int MOV_FROM_CR = 119;
    public static final int MOV_TO_CR = 120;
    public static final int MOV_FROM_DR = 121;
    public static final int MOV_TO_DR = 122;
    public static final int CLTS = 123;
    /** ext = 0 SGDT, 1 SIDT, 2 LGDT, 3 LIDT. */
    public static final int DESC_TABLE = 124;
    public static final int LTR = 125;
    public static final int STR = 126;
    public static final int LLDT = 127;
    public static final int SLDT = 128;
    public static final int LMSW = 129;
    public static final int SMSW = 130;
    public static final int INVLPG = 131;
    /** INVD, WBINVD: privileged, nothing to do without caches. */
    public static final int PRIV_NOP = 132;
    public static final int SWAPGS = 133;
    public static final int SYSCALL = 134;
    public static final int SYSRET = 135;
    public static final int VMMCALL = 136;
    /** ext = 0: port in imm, 1: port in DX. */
    public static final int IN = 137;
    public static final int OUT = 138;
    /** 0F 01 D8..DF except D9: VMRUN, -, VMLOAD, VMSAVE, STGI, CLGI, SKINIT, INVLPGA by ext = rm. */
    public static final int SVM = 139;

    // ---- specialized forms (decode.Specializer): register operands of size 32 or 64 only, the
    // ModRM operand's register in rm (the destination) and the other in reg (the source), so
    // execution needs no size, kind or form switch. An ALU op's number is its family's base plus
    // the index of its kind in SPECIAL_KINDS (ADD OR AND SUB XOR CMP).
    public static final int ALU_RR64 = 150;
    public static final int ALU_RR32 = 156;
    public static final int ALU_RI64 = 162;
    public static final int ALU_RI32 = 168;
    /** The ALU kinds (Insn.ext of ALU_EG/GE/EI) that have specialized forms, in op order. */
    public static final int[] SPECIAL_KINDS = {0, 1, 4, 5, 6, 7};
    public static final int TEST_RR64 = 174;
    public static final int TEST_RR32 = 175;
    public static final int INC_R64 = 176;
    public static final int INC_R32 = 177;
    public static final int DEC_R64 = 178;
    public static final int DEC_R32 = 179;
    public static final int MOV_RR64 = 180;
    public static final int MOV_RR32 = 181;
    /** MOV r, imm32: zero-extended (32) or sign-extended (64). */
    public static final int MOV_RI32 = 182;
    public static final int MOV_RI64S = 183;
    /** MOV G, E and MOV E, G with a memory E operand. */
    public static final int LOAD64 = 184;
    public static final int LOAD32 = 185;
    public static final int STORE64 = 186;
    public static final int STORE32 = 187;
    /** MOV m8, imm8. */
    public static final int STORE8_IMM = 188;
    /** MOVZX r32, m8 and MOVZX r32, r8. */
    public static final int MOVZX_RM8 = 189;
    public static final int MOVZX_RR8 = 190;
    /** MOVSXD r64, r32. */
    public static final int MOVSXD_RR = 191;
    /** LEA r64, m. */
    public static final int LEA64 = 192;
    /** SHR r, imm. */
    public static final int SHR_RI64 = 193;
    public static final int SHR_RI32 = 194;

    /** G = G op m (ALU_GE with a memory operand); G is in the rm field too. */
    public static final int ALU_RM64 = 195;
    public static final int ALU_RM32 = 201;
    /** IMUL r64, r/m64. */
    public static final int IMUL_RR64 = 207;
    public static final int IMUL_RM64 = 208;

    /** One past the highest number. */
    public static final int COUNT = 209;

    private static final String[] NAMES = new String[COUNT];

    static {
        for (Field f : Op.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers()) && !f.getName().equals("COUNT")) {
                try {
                    NAMES[f.getInt(null)] = f.getName().toLowerCase(java.util.Locale.ROOT);
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
    }

    /** "alu_eg" for {@link #ALU_EG}, for reports. */
    public static String name(int op) {
        String n = op >= 0 && op < COUNT ? NAMES[op] : null;
        return n != null ? n : "op" + op;
    }
}
