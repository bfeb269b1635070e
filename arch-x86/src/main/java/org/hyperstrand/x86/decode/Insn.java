package org.hyperstrand.x86.decode;

/**
 * The packed form of one decoded instruction: two {@code long}s, {@code a} and {@code b}.
 *
 * <pre>
 * a: bits  0..9   dense {@link Op} number (0 = not decoded)
 *         10..13  length in bytes (1..15)
 *         14..15  operand size: 0 = 8, 1 = 16, 2 = 32, 3 = 64 bits
 *         16..20  reg: the ModRM.reg operand (GPR 0..15, or 16..19 for AH, CH, DH, BH)
 *         21..25  rm: the register operand of a register-form ModRM, same encoding
 *         26      MEM: the ModRM operand is memory (base/index/scale/segment and b's disp)
 *         27..31  base register (0..15), {@link #NONE} or {@link #RIP}
 *         32..36  index register (0..15) or {@link #NONE}
 *         37..38  scale (index shifted left by it)
 *         39..40  segment override that matters in 64-bit mode: 0 none, 1 FS, 2 GS
 *         41..42  repeat prefix: 0 none, {@link #REP_F3}, {@link #REP_F2}
 *         43      LOCK prefix
 *         44      32-bit addressing (0x67 prefix)
 *         45..50  ext: a per-op detail (ALU kind, condition code, shift kind, source size...)
 *         51      a REX prefix was present
 *         52      FUSED: a Jcc follows this flag-setting op on the same decoded page, in a
 *                 published slot, so the run loop executes it next without a fetch
 *                 ({@link Specializer#fusable})
 * b: bits  0..31  displacement (signed), bits 32..63 immediate (signed);
 *                 or the whole 64-bit immediate or address of MOV r64,imm64 and MOV moffs.
 * </pre>
 *
 * The register number 16..19 form is used only by byte operands without a REX prefix, so
 * execution never needs to know whether there was a REX prefix to find AH..BH.
 */
public final class Insn {

    private Insn() {
    }

    public static final int NONE = 16;
    public static final int RIP = 17;
    public static final int REP_F3 = 1;
    public static final int REP_F2 = 2;

    public static final long MEM = 1L << 26;
    public static final long LOCK = 1L << 43;
    public static final long ADDR32 = 1L << 44;
    public static final long REX = 1L << 51;
    public static final long FUSED = 1L << 52;

    public static final int SIZE_SHIFT = 14;
    public static final int REG_SHIFT = 16;
    public static final int RM_SHIFT = 21;
    public static final int BASE_SHIFT = 27;
    public static final int INDEX_SHIFT = 32;
    public static final int SCALE_SHIFT = 37;
    public static final int SEG_SHIFT = 39;
    public static final int REP_SHIFT = 41;
    public static final int EXT_SHIFT = 45;

    public static int op(long a) {
        return (int) a & 0x3ff;
    }

    public static int len(long a) {
        return (int) (a >>> 10) & 15;
    }

    public static int size(long a) {
        return (int) (a >>> SIZE_SHIFT) & 3;
    }

    public static int reg(long a) {
        return (int) (a >>> REG_SHIFT) & 31;
    }

    public static int rm(long a) {
        return (int) (a >>> RM_SHIFT) & 31;
    }

    public static boolean mem(long a) {
        return (a & MEM) != 0;
    }

    public static int base(long a) {
        return (int) (a >>> BASE_SHIFT) & 31;
    }

    public static int index(long a) {
        return (int) (a >>> INDEX_SHIFT) & 31;
    }

    public static int scale(long a) {
        return (int) (a >>> SCALE_SHIFT) & 3;
    }

    public static int seg(long a) {
        return (int) (a >>> SEG_SHIFT) & 3;
    }

    public static int rep(long a) {
        return (int) (a >>> REP_SHIFT) & 3;
    }

    public static boolean lock(long a) {
        return (a & LOCK) != 0;
    }

    public static boolean addr32(long a) {
        return (a & ADDR32) != 0;
    }

    public static int ext(long a) {
        return (int) (a >>> EXT_SHIFT) & 63;
    }

    public static int disp(long b) {
        return (int) b;
    }

    public static int imm(long b) {
        return (int) (b >>> 32);
    }
}
