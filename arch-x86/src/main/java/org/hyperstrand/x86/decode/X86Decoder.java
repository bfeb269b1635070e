package org.hyperstrand.x86.decode;

import java.util.Arrays;

/**
 * Decodes one x86-64 instruction (64-bit mode) into the packed {@link Insn} form.
 *
 * <p>The opcode maps are declared once, in {@link #ONE_BYTE}, {@link #TWO_BYTE} and the ModRM.reg
 * groups, as an operation number plus operand-form flags (Intel's notation in the comments:
 * E = ModRM operand, G = ModRM.reg register, I = immediate, b/v/z = byte / operand-sized /
 * 16-or-32-bit). Whatever the maps do not name decodes to {@link Op#UD}, so the single place
 * that raises #UD for unknown encodings is the execution of that op. x87, MMX, SSE, AVX (VEX and
 * EVEX) and the three-byte maps are not implemented and decode to {@link Op#UD}.
 *
 * <p>Prefixes: REX (W R X B; ignored unless it is the last prefix, as the architecture says),
 * 0x66 operand size, 0x67 address size, segment overrides (only FS and GS have an effect in
 * 64-bit mode), LOCK (accepted only on the read-modify-write memory forms that allow it, else
 * #UD), F2/F3 (repeat; F3 also selects PAUSE, POPCNT and LZCNT). An instruction longer than 15
 * bytes is {@link #TOO_LONG} (#GP).
 *
 * <p>One decoder per CPU; {@link #decode} leaves its result in {@link #a} and {@link #b} and
 * allocates nothing.
 */
public final class X86Decoder {

    /** The instruction continues beyond the bytes available: fetch more and decode again. */
    public static final int NEED_MORE = -1;
    /** The instruction is longer than 15 bytes. */
    public static final int TOO_LONG = -2;

    public static final int MAX_LENGTH = 15;

    // ---- operand-form flags of a map entry (bits 0..9 op, 10..15 ext) ----------------------
    private static final long BYTE = 1L << 16;        // 8-bit operand size
    private static final long MODRM = 1L << 17;       // has a ModRM byte
    private static final long MEM_ONLY = 1L << 18;    // register form is #UD
    private static final long D64 = 1L << 19;         // operand size defaults to 64 (66 gives 16)
    private static final long F64 = 1L << 20;         // operand size is always 64
    private static final long IMM8 = 1L << 21;        // imm8, sign-extended
    private static final long IMM8U = 1L << 22;       // imm8, zero-extended
    private static final long IMM16 = 1L << 23;       // imm16, zero-extended
    private static final long IMMZ = 1L << 24;        // imm16 with 16-bit operands, else imm32 sign-extended
    private static final long IMMV = 1L << 25;        // imm of the operand size, up to 64 bits
    private static final long ENTER = 1L << 26;       // imm16 then imm8
    private static final long MOFFS = 1L << 27;       // 64-bit address (32 with 0x67)
    private static final long ACC = 1L << 28;         // the E operand is AL / rAX
    private static final long OPREG = 1L << 29;       // the E operand is the register in opcode bits 2..0
    private static final long LOCKABLE = 1L << 30;    // LOCK allowed with a memory E operand
    private static final long GROUP = 1L << 31;       // op field is a group number: look up ModRM.reg
    private static final long REG_EXT = 1L << 32;     // ext = ModRM.reg
    private static final long RM_BYTE = 1L << 33;     // the E operand is a byte (MOVZX/MOVSX Gv, Eb)
    private static final long SIZE16 = 1L << 34;      // operand size is always 16
    private static final long CR = 1L << 35;          // MOV CR/DR: the E operand is a register whatever mod says
    private static final long SHIFT1 = 1L << 36;      // shift count 1
    private static final long IMMS = 1L << 37;        // imm8 with byte operands, else as IMMZ

    private static final long UD_ENTRY = Op.UD;

    private static final long[] ONE_BYTE = new long[256];
    private static final long[] TWO_BYTE = new long[256];

    // ModRM.reg groups: 16 entries each, [0..7] memory forms and [8..15] register forms
    private static final int G1A = 0;
    private static final int G3 = 1;
    private static final int G4 = 2;
    private static final int G5 = 3;
    private static final int G6 = 4;
    private static final int G7 = 5;
    private static final int G8 = 6;
    private static final int G9 = 7;
    private static final int G11 = 8;
    private static final int G15 = 9;
    private static final long[][] GROUPS = new long[10][16];
    /** 0F 01 with mod = 3, by reg * 8 + rm. */
    private static final long[] G7_REGISTER = new long[64];

    static {
        Arrays.fill(ONE_BYTE, UD_ENTRY);
        Arrays.fill(TWO_BYTE, UD_ENTRY);
        for (long[] g : GROUPS) {
            Arrays.fill(g, UD_ENTRY);
        }
        Arrays.fill(G7_REGISTER, UD_ENTRY);
        oneByteMap();
        twoByteMap();
    }

    private static long e(int op, int ext, long flags) {
        return op | ((long) ext << 10) | flags;
    }

    private static long e(int op, long flags) {
        return e(op, 0, flags);
    }

    private static void one(int opcode, int op, int ext, long flags) {
        ONE_BYTE[opcode] = e(op, ext, flags);
    }

    private static void one(int opcode, int op, long flags) {
        ONE_BYTE[opcode] = e(op, 0, flags);
    }

    private static void two(int opcode, int op, int ext, long flags) {
        TWO_BYTE[opcode] = e(op, ext, flags);
    }

    private static void two(int opcode, int op, long flags) {
        TWO_BYTE[opcode] = e(op, 0, flags);
    }

    /** Group member /reg for both memory and register forms. */
    private static void member(int group, int reg, long entry) {
        GROUPS[group][reg] = entry;
        GROUPS[group][reg + 8] = entry;
    }

    private static void oneByteMap() {
        // 00..3F: ADD OR ADC SBB AND SUB XOR CMP as Eb,Gb  Ev,Gv  Gb,Eb  Gv,Ev  AL,Ib  rAX,Iz
        for (int kind = 0; kind < 8; kind++) {
            int base = kind << 3;
            one(base, Op.ALU_EG, kind, BYTE | MODRM | LOCKABLE);
            one(base + 1, Op.ALU_EG, kind, MODRM | LOCKABLE);
            one(base + 2, Op.ALU_GE, kind, BYTE | MODRM);
            one(base + 3, Op.ALU_GE, kind, MODRM);
            one(base + 4, Op.ALU_EI, kind, BYTE | ACC | IMMS);
            one(base + 5, Op.ALU_EI, kind, ACC | IMMS);
        }
        for (int r = 0; r < 8; r++) {
            one(0x50 + r, Op.PUSH, D64 | OPREG);
            one(0x58 + r, Op.POP, D64 | OPREG);
            if (r != 0) {
                one(0x90 + r, Op.XCHG, OPREG);                 // XCHG rAX, r; 90 is special
            }
            one(0xb0 + r, Op.MOV_EI, BYTE | OPREG | IMM8U);
            one(0xb8 + r, Op.MOV_EI, OPREG | IMMV);
        }
        one(0x63, Op.MOVSX, 2, MODRM);                         // MOVSXD Gv, Ed
        one(0x68, Op.PUSH_I, D64 | IMMZ);
        one(0x69, Op.IMUL_GEI, MODRM | IMMZ);
        one(0x6a, Op.PUSH_I, D64 | IMM8);
        one(0x6b, Op.IMUL_GEI, MODRM | IMM8);
        one(0x6c, Op.INS, BYTE);
        one(0x6d, Op.INS, 0);
        one(0x6e, Op.OUTS, BYTE);
        one(0x6f, Op.OUTS, 0);
        for (int cc = 0; cc < 16; cc++) {
            one(0x70 + cc, Op.JCC, cc, F64 | IMM8);
        }
        one(0x80, Op.ALU_EI, BYTE | MODRM | IMMS | REG_EXT | LOCKABLE);
        one(0x81, Op.ALU_EI, MODRM | IMMS | REG_EXT | LOCKABLE);
        one(0x83, Op.ALU_EI, MODRM | IMM8 | REG_EXT | LOCKABLE);
        one(0x84, Op.TEST_EG, BYTE | MODRM);
        one(0x85, Op.TEST_EG, MODRM);
        one(0x86, Op.XCHG, BYTE | MODRM | LOCKABLE);
        one(0x87, Op.XCHG, MODRM | LOCKABLE);
        one(0x88, Op.MOV_EG, BYTE | MODRM);
        one(0x89, Op.MOV_EG, MODRM);
        one(0x8a, Op.MOV_GE, BYTE | MODRM);
        one(0x8b, Op.MOV_GE, MODRM);
        one(0x8c, Op.MOV_FROM_SEG, MODRM | REG_EXT);
        one(0x8d, Op.LEA, MODRM | MEM_ONLY);
        one(0x8e, Op.MOV_TO_SEG, MODRM | REG_EXT | SIZE16);
        one(0x8f, G1A, MODRM | GROUP);
        one(0x90, Op.NOP, 0);                                  // XCHG r8,rAX with REX.B; PAUSE with F3
        one(0x98, Op.CBW, 0);
        one(0x99, Op.CWD, 0);
        one(0x9b, Op.NOP, 0);                                  // WAIT: no x87 exceptions to wait for
        one(0x9c, Op.PUSHF, D64);
        one(0x9d, Op.POPF, D64);
        one(0x9e, Op.FLAGOP, 5, 0);                            // SAHF
        one(0x9f, Op.FLAGOP, 6, 0);                            // LAHF
        one(0xa0, Op.MOV_LOAD_MOFFS, BYTE | MOFFS);
        one(0xa1, Op.MOV_LOAD_MOFFS, MOFFS);
        one(0xa2, Op.MOV_STORE_MOFFS, BYTE | MOFFS);
        one(0xa3, Op.MOV_STORE_MOFFS, MOFFS);
        one(0xa4, Op.MOVS, BYTE);
        one(0xa5, Op.MOVS, 0);
        one(0xa6, Op.CMPS, BYTE);
        one(0xa7, Op.CMPS, 0);
        one(0xa8, Op.TEST_EI, BYTE | ACC | IMMS);
        one(0xa9, Op.TEST_EI, ACC | IMMS);
        one(0xaa, Op.STOS, BYTE);
        one(0xab, Op.STOS, 0);
        one(0xac, Op.LODS, BYTE);
        one(0xad, Op.LODS, 0);
        one(0xae, Op.SCAS, BYTE);
        one(0xaf, Op.SCAS, 0);
        one(0xc0, Op.SHIFT, BYTE | MODRM | IMM8U | REG_EXT);
        one(0xc1, Op.SHIFT, MODRM | IMM8U | REG_EXT);
        one(0xc2, Op.RET, F64 | IMM16);
        one(0xc3, Op.RET, F64);
        one(0xc6, G11, BYTE | MODRM | GROUP);
        one(0xc7, G11, MODRM | GROUP);
        one(0xc8, Op.ENTER, D64 | ENTER);
        one(0xc9, Op.LEAVE, D64);
        one(0xca, Op.RETF, IMM16);
        one(0xcb, Op.RETF, 0);
        one(0xcc, Op.INT3, 0);
        one(0xcd, Op.INTN, IMM8U);
        one(0xcf, Op.IRET, 0);
        one(0xd0, Op.SHIFT, BYTE | MODRM | REG_EXT | SHIFT1);
        one(0xd1, Op.SHIFT, MODRM | REG_EXT | SHIFT1);
        one(0xd2, Op.SHIFT_CL, BYTE | MODRM | REG_EXT);
        one(0xd3, Op.SHIFT_CL, MODRM | REG_EXT);
        one(0xd7, Op.XLAT, BYTE);
        for (int x87 = 0xd8; x87 <= 0xdf; x87++) {
            one(x87, Op.UD, MODRM);                            // x87: not implemented
        }
        one(0xe0, Op.LOOP, 2, F64 | IMM8);                     // LOOPNE
        one(0xe1, Op.LOOP, 1, F64 | IMM8);                     // LOOPE
        one(0xe2, Op.LOOP, 0, F64 | IMM8);                     // LOOP
        one(0xe3, Op.LOOP, 3, F64 | IMM8);                     // JRCXZ
        one(0xe4, Op.IN, 0, BYTE | IMM8U);
        one(0xe5, Op.IN, 0, IMM8U);
        one(0xe6, Op.OUT, 0, BYTE | IMM8U);
        one(0xe7, Op.OUT, 0, IMM8U);
        one(0xe8, Op.CALL_REL, F64 | IMMZ);
        one(0xe9, Op.JMP_REL, F64 | IMMZ);
        one(0xeb, Op.JMP_REL, F64 | IMM8);
        one(0xec, Op.IN, 1, BYTE);
        one(0xed, Op.IN, 1, 0);
        one(0xee, Op.OUT, 1, BYTE);
        one(0xef, Op.OUT, 1, 0);
        one(0xf1, Op.INT1, 0);
        one(0xf4, Op.HLT, 0);
        one(0xf5, Op.FLAGOP, 2, 0);                            // CMC
        one(0xf6, G3, BYTE | MODRM | GROUP);
        one(0xf7, G3, MODRM | GROUP);
        one(0xf8, Op.FLAGOP, 0, 0);                            // CLC
        one(0xf9, Op.FLAGOP, 1, 0);                            // STC
        one(0xfa, Op.CLI, 0);
        one(0xfb, Op.STI, 0);
        one(0xfc, Op.FLAGOP, 3, 0);                            // CLD
        one(0xfd, Op.FLAGOP, 4, 0);                            // STD
        one(0xfe, G4, BYTE | MODRM | GROUP);
        one(0xff, G5, MODRM | GROUP);

        member(G1A, 0, e(Op.POP, D64));
        member(G11, 0, e(Op.MOV_EI, IMMS));
        member(G3, 0, e(Op.TEST_EI, IMMS));
        member(G3, 1, e(Op.TEST_EI, IMMS));
        member(G3, 2, e(Op.NOT, LOCKABLE));
        member(G3, 3, e(Op.NEG, LOCKABLE));
        member(G3, 4, e(Op.MUL, 0));
        member(G3, 5, e(Op.IMUL1, 0));
        member(G3, 6, e(Op.DIV, 0));
        member(G3, 7, e(Op.IDIV, 0));
        member(G4, 0, e(Op.INC, LOCKABLE));
        member(G4, 1, e(Op.DEC, LOCKABLE));
        member(G5, 0, e(Op.INC, LOCKABLE));
        member(G5, 1, e(Op.DEC, LOCKABLE));
        member(G5, 2, e(Op.CALL_E, F64));
        member(G5, 4, e(Op.JMP_E, F64));
        member(G5, 6, e(Op.PUSH, D64));
    }

    private static void twoByteMap() {
        two(0x00, G6, MODRM | GROUP);
        two(0x01, G7, MODRM | GROUP);
        two(0x05, Op.SYSCALL, 0);
        two(0x06, Op.CLTS, 0);
        two(0x07, Op.SYSRET, 0);
        two(0x08, Op.PRIV_NOP, 0, 0);                          // INVD
        two(0x09, Op.PRIV_NOP, 1, 0);                          // WBINVD
        two(0x0d, Op.NOP, MODRM);                              // PREFETCH/PREFETCHW
        for (int hint = 0x18; hint <= 0x1f; hint++) {
            two(hint, Op.NOP, MODRM);                          // hint NOPs, NOPL, ENDBR64
        }
        two(0x20, Op.MOV_FROM_CR, MODRM | CR | F64);
        two(0x21, Op.MOV_FROM_DR, MODRM | CR | F64);
        two(0x22, Op.MOV_TO_CR, MODRM | CR | F64);
        two(0x23, Op.MOV_TO_DR, MODRM | CR | F64);
        two(0x30, Op.WRMSR, 0);
        two(0x31, Op.RDTSC, 0);
        two(0x32, Op.RDMSR, 0);
        for (int cc = 0; cc < 16; cc++) {
            two(0x40 + cc, Op.CMOVCC, cc, MODRM);
            two(0x80 + cc, Op.JCC, cc, F64 | IMMZ);
            two(0x90 + cc, Op.SETCC, cc, BYTE | MODRM);
        }
        two(0xa0, Op.PUSH_SEG, 4, D64);
        two(0xa1, Op.POP_SEG, 4, D64);
        two(0xa2, Op.CPUID, 0);
        two(0xa3, Op.BT_EG, 0, MODRM);
        two(0xa4, Op.SHLD, MODRM | IMM8U);
        two(0xa5, Op.SHLD_CL, MODRM);
        two(0xa8, Op.PUSH_SEG, 5, D64);
        two(0xa9, Op.POP_SEG, 5, D64);
        two(0xab, Op.BT_EG, 1, MODRM | LOCKABLE);
        two(0xac, Op.SHRD, MODRM | IMM8U);
        two(0xad, Op.SHRD_CL, MODRM);
        two(0xae, G15, MODRM | GROUP);
        two(0xaf, Op.IMUL_GE, MODRM);
        two(0xb0, Op.CMPXCHG, BYTE | MODRM | LOCKABLE);
        two(0xb1, Op.CMPXCHG, MODRM | LOCKABLE);
        two(0xb3, Op.BT_EG, 2, MODRM | LOCKABLE);
        two(0xb6, Op.MOVZX, 0, MODRM | RM_BYTE);
        two(0xb7, Op.MOVZX, 1, MODRM);
        two(0xb8, Op.POPCNT, MODRM);                           // only with F3; see decode()
        two(0xba, G8, MODRM | GROUP | IMM8U);
        two(0xbb, Op.BT_EG, 3, MODRM | LOCKABLE);
        two(0xbc, Op.BSF, MODRM);                              // F3 (TZCNT) also runs as BSF
        two(0xbd, Op.BSR, MODRM);                              // F3: LZCNT
        two(0xbe, Op.MOVSX, 0, MODRM | RM_BYTE);
        two(0xbf, Op.MOVSX, 1, MODRM);
        two(0xc0, Op.XADD, BYTE | MODRM | LOCKABLE);
        two(0xc1, Op.XADD, MODRM | LOCKABLE);
        two(0xc7, G9, MODRM | GROUP);
        for (int r = 0; r < 8; r++) {
            two(0xc8 + r, Op.BSWAP, OPREG);
        }

        member(G6, 0, e(Op.SLDT, 0));
        member(G6, 1, e(Op.STR, 0));
        member(G6, 2, e(Op.LLDT, SIZE16));
        member(G6, 3, e(Op.LTR, SIZE16));
        GROUPS[G7][0] = e(Op.DESC_TABLE, 0, 0);                // SGDT
        GROUPS[G7][1] = e(Op.DESC_TABLE, 1, 0);                // SIDT
        GROUPS[G7][2] = e(Op.DESC_TABLE, 2, 0);                // LGDT
        GROUPS[G7][3] = e(Op.DESC_TABLE, 3, 0);                // LIDT
        GROUPS[G7][4] = e(Op.SMSW, 0);
        GROUPS[G7][6] = e(Op.LMSW, SIZE16);
        GROUPS[G7][7] = e(Op.INVLPG, 0);
        G7_REGISTER[3 * 8 + 1] = e(Op.VMMCALL, 0);             // 0F 01 D9
        for (int rm : new int[] {0, 2, 3, 4, 5, 6, 7}) {
            G7_REGISTER[3 * 8 + rm] = e(Op.SVM, rm, 0);        // 0F 01 D8, DA..DF
        }
        for (int rm = 0; rm < 8; rm++) {
            G7_REGISTER[4 * 8 + rm] = e(Op.SMSW, MODRM);
            G7_REGISTER[6 * 8 + rm] = e(Op.LMSW, MODRM | SIZE16);
        }
        G7_REGISTER[7 * 8] = e(Op.SWAPGS, 0);                  // 0F 01 F8
        G7_REGISTER[7 * 8 + 1] = e(Op.RDTSCP, 0);              // 0F 01 F9
        for (int reg = 4; reg < 8; reg++) {
            member(G8, reg, e(Op.BT_EI, reg - 4, reg == 4 ? 0 : LOCKABLE));
        }
        GROUPS[G9][1] = e(Op.CMPXCHG8B, LOCKABLE);             // memory form only
        GROUPS[G15][7] = e(Op.NOP, 0);                         // CLFLUSH: no caches to flush
        GROUPS[G15][8 + 5] = e(Op.NOP, 0);                     // LFENCE
        GROUPS[G15][8 + 6] = e(Op.NOP, 0);                     // MFENCE
        GROUPS[G15][8 + 7] = e(Op.NOP, 0);                     // SFENCE
    }

    // ---- result -------------------------------------------------------------------------------

    /** Word a of the last decoded instruction (see {@link Insn}). */
    public long a;
    /** Word b of the last decoded instruction. */
    public long b;

    /** The bytes being decoded, zero-padded so the decoder never checks bounds. */
    private final byte[] buf = new byte[40];

    /**
     * Decodes the instruction at {@code code[off]}, of which {@code avail} bytes may be read.
     *
     * @return its length with {@link #a}/{@link #b} set, or {@link #NEED_MORE}, or {@link #TOO_LONG}
     */
    public int decode(byte[] code, int off, int avail) {
        int n = Math.min(avail, MAX_LENGTH);
        System.arraycopy(code, off, buf, 0, n);
        Arrays.fill(buf, n, buf.length, (byte) 0);
        int len = decodeBuffer();
        if (len > MAX_LENGTH) {
            return TOO_LONG;
        }
        if (len > n) {
            return avail >= MAX_LENGTH ? TOO_LONG : NEED_MORE;
        }
        return len;
    }

    /** True if {@code code[off..off+length)} still holds the bytes the last decode read. */
    public boolean sameBytes(byte[] code, int off, int length) {
        for (int i = 0; i < length; i++) {
            if (code[off + i] != buf[i]) {
                return false;
            }
        }
        return true;
    }

    private int u8(int p) {
        return buf[p] & 0xff;
    }

    private int s16(int p) {
        return (short) ((buf[p] & 0xff) | (buf[p + 1] << 8));
    }

    private int s32(int p) {
        return (buf[p] & 0xff) | ((buf[p + 1] & 0xff) << 8) | ((buf[p + 2] & 0xff) << 16) | (buf[p + 3] << 24);
    }

    private long s64(int p) {
        return (s32(p) & 0xffff_ffffL) | ((long) s32(p + 4) << 32);
    }

    /** Decodes {@link #buf}; returns the length, more than 15 for an over-long instruction. */
    private int decodeBuffer() {
        int p = 0;
        int rex = 0;
        boolean o16 = false;
        boolean a32 = false;
        boolean lock = false;
        int seg = 0;
        int rep = 0;
        int opcode;
        prefixes:
        for (;;) {
            if (p >= MAX_LENGTH) {
                return MAX_LENGTH + 1;
            }
            int x = u8(p++);
            switch (x) {
                case 0x66: o16 = true; rex = 0; break;
                case 0x67: a32 = true; rex = 0; break;
                case 0x26: case 0x2e: case 0x36: case 0x3e: seg = 0; rex = 0; break;
                case 0x64: seg = 1; rex = 0; break;
                case 0x65: seg = 2; rex = 0; break;
                case 0xf0: lock = true; rex = 0; break;
                case 0xf2: rep = Insn.REP_F2; rex = 0; break;
                case 0xf3: rep = Insn.REP_F3; rex = 0; break;
                default:
                    if ((x & 0xf0) == 0x40) {
                        rex = x;
                        break;
                    }
                    opcode = x;
                    break prefixes;
            }
        }
        boolean rexW = (rex & 8) != 0;
        long entry;
        if (opcode == 0x0f) {
            opcode = u8(p++);
            entry = TWO_BYTE[opcode];
            if (opcode == 0xb8 && rep != Insn.REP_F3) {
                entry = UD_ENTRY;                               // JMPE / undefined without F3
            } else if (opcode == 0xbd && rep == Insn.REP_F3) {
                entry = e(Op.LZCNT, MODRM);
            }
            if (rep != 0 && opcode >= 0xb8 && opcode <= 0xbd) {
                rep = 0;                                        // a mandatory prefix, not a repeat
            }
        } else {
            entry = ONE_BYTE[opcode];
            if (opcode == 0x90) {
                entry = (rex & 1) != 0 ? e(Op.XCHG, OPREG) : rep == Insn.REP_F3 ? e(Op.PAUSE, 0) : entry;
            } else if (opcode == 0xc4 || opcode == 0xc5 || opcode == 0x62) {
                entry = UD_ENTRY;                               // VEX / EVEX: no AVX
            }
        }

        int modrm = -1;
        if ((entry & MODRM) != 0) {
            modrm = u8(p++);
            if ((entry & GROUP) != 0) {
                int group = (int) entry & 0x3ff;
                int regField = (modrm >>> 3) & 7;
                long member;
                if (group == G7 && modrm >= 0xc0) {
                    member = G7_REGISTER[regField * 8 + (modrm & 7)];
                } else {
                    member = GROUPS[group][regField + (modrm >= 0xc0 ? 8 : 0)];
                }
                entry = member | (entry & ~(GROUP | 0xffffL));
            }
        }
        int op = (int) entry & 0x3ff;
        int ext = (int) (entry >>> 10) & 63;

        int size;
        if ((entry & BYTE) != 0) {
            size = 0;
        } else if ((entry & SIZE16) != 0) {
            size = 1;
        } else if ((entry & F64) != 0 || rexW) {
            size = 3;
        } else if (o16) {
            size = 1;
        } else if ((entry & D64) != 0) {
            size = 3;
        } else {
            size = 2;
        }

        int reg = 0;
        int rm = 0;
        boolean memory = false;
        int base = Insn.NONE;
        int index = Insn.NONE;
        int scale = 0;
        int disp = 0;
        if (modrm >= 0) {
            int mod = modrm >>> 6;
            int regField = (modrm >>> 3) & 7;
            if ((entry & REG_EXT) != 0) {
                ext = regField;
            }
            reg = regField | ((rex & 4) << 1);
            if (size == 0 && rex == 0 && reg >= 4 && reg < 8) {
                reg += 12;                                      // AH, CH, DH, BH
            }
            if (mod == 3 || (entry & CR) != 0) {
                if ((entry & MEM_ONLY) != 0) {
                    op = Op.UD;
                }
                rm = (modrm & 7) | ((rex & 1) << 3);
                if ((size == 0 || (entry & RM_BYTE) != 0) && rex == 0 && rm >= 4 && rm < 8) {
                    rm += 12;
                }
            } else {
                memory = true;
                int rmField = modrm & 7;
                if (rmField == 4) {
                    int sib = u8(p++);
                    scale = sib >>> 6;
                    int idx = ((sib >>> 3) & 7) | ((rex & 2) << 2);
                    index = idx == 4 ? Insn.NONE : idx;
                    int baseField = sib & 7;
                    if (baseField == 5 && mod == 0) {
                        base = Insn.NONE;
                        disp = s32(p);
                        p += 4;
                    } else {
                        base = baseField | ((rex & 1) << 3);
                    }
                } else if (rmField == 5 && mod == 0) {
                    base = Insn.RIP;
                    disp = s32(p);
                    p += 4;
                } else {
                    base = rmField | ((rex & 1) << 3);
                }
                if (mod == 1) {
                    disp = buf[p++];
                } else if (mod == 2) {
                    disp = s32(p);
                    p += 4;
                }
            }
        } else if ((entry & OPREG) != 0) {
            rm = (opcode & 7) | ((rex & 1) << 3);
            if (size == 0 && rex == 0 && rm >= 4 && rm < 8) {
                rm += 12;
            }
        }

        long imm = 0;
        boolean wide = false;
        if ((entry & (IMM8 | IMM8U | IMM16 | IMMZ | IMMV | IMMS | ENTER | MOFFS | SHIFT1)) != 0) {
            if ((entry & IMM8) != 0) {
                imm = buf[p++];
            } else if ((entry & IMM8U) != 0) {
                imm = u8(p++);
            } else if ((entry & IMM16) != 0) {
                imm = s16(p) & 0xffff;
                p += 2;
            } else if ((entry & SHIFT1) != 0) {
                imm = 1;
            } else if ((entry & ENTER) != 0) {
                imm = (s16(p) & 0xffff) | (u8(p + 2) << 16);
                p += 3;
            } else if ((entry & MOFFS) != 0) {
                if (a32) {
                    imm = s32(p) & 0xffff_ffffL;
                    p += 4;
                } else {
                    imm = s64(p);
                    p += 8;
                }
                wide = true;
            } else if (size == 0) {                             // IMMS, IMMV with byte operands
                imm = buf[p++];
            } else if (size == 1) {
                imm = s16(p);
                p += 2;
            } else if (size == 3 && (entry & IMMV) != 0) {
                imm = s64(p);
                p += 8;
                wide = true;
                op = Op.MOV_RI64;
            } else {
                imm = s32(p);
                p += 4;
            }
        }

        if (op == Op.MOVSX && opcode == 0x63 && size < 3) {
            ext = size;                                         // MOVSXD without REX.W is a plain move
        }
        if (lock && (!memory || (entry & LOCKABLE) == 0 || ((op == Op.ALU_EG || op == Op.ALU_EI) && ext == 7))) {
            op = Op.UD;
        }

        a = op | ((long) p << 10) | ((long) size << Insn.SIZE_SHIFT) | ((long) reg << Insn.REG_SHIFT)
                | ((long) rm << Insn.RM_SHIFT) | (memory ? Insn.MEM : 0) | ((long) base << Insn.BASE_SHIFT)
                | ((long) index << Insn.INDEX_SHIFT) | ((long) scale << Insn.SCALE_SHIFT)
                | ((long) seg << Insn.SEG_SHIFT) | ((long) rep << Insn.REP_SHIFT) | (lock ? Insn.LOCK : 0)
                | (a32 ? Insn.ADDR32 : 0) | ((long) ext << Insn.EXT_SHIFT) | (rex != 0 ? Insn.REX : 0);
        b = wide ? imm : (imm << 32) | (disp & 0xffff_ffffL);
        return p;
    }
}
