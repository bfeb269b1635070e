package org.hyperstrand.sparc.decode;

/**
 * Field extraction from an instruction word, and the packing of decoded instructions.
 *
 * <p>A decoded instruction is a {@code long}: bits 0..31 hold the raw instruction word, bits
 * 32..37 the destination register index (rd, or {@link org.hyperstrand.sparc.cpu.SparcState#SINK}
 * when rd is %g0) and bits 40..55 the dense {@link Op} number. A decoded value is never 0, so 0
 * marks a slot not decoded yet.
 */
public final class Insn {

    private Insn() {
    }

    public static long pack(int op, int insn) {
        int rd = rd(insn);
        return ((long) op << 40) | ((long) (rd == 0 ? 32 : rd) << 32) | (insn & 0xffff_ffffL);
    }

    public static int op(long decoded) {
        return (int) (decoded >>> 40);
    }

    public static int rdIndex(long decoded) {
        return (int) (decoded >>> 32) & 63;
    }

    public static int rd(int insn) {
        return (insn >>> 25) & 31;
    }

    public static int rs1(int insn) {
        return (insn >>> 14) & 31;
    }

    public static int rs2(int insn) {
        return insn & 31;
    }

    public static boolean immediate(int insn) {
        return (insn & 0x2000) != 0;
    }

    public static int simm13(int insn) {
        return (insn << 19) >> 19;
    }

    public static int simm11(int insn) {
        return (insn << 21) >> 21;
    }

    public static int simm10(int insn) {
        return (insn << 22) >> 22;
    }

    public static int op3(int insn) {
        return (insn >>> 19) & 63;
    }

    public static int cond(int insn) {
        return (insn >>> 25) & 15;
    }

    public static boolean annul(int insn) {
        return (insn & 0x2000_0000) != 0;
    }

    public static int disp22(int insn) {
        return (insn << 10) >> 10;
    }

    public static int disp19(int insn) {
        return (insn << 13) >> 13;
    }

    public static int disp30(int insn) {
        return (insn << 2) >> 2;
    }

    /** The 16-bit displacement of BPr, d16hi:d16lo, sign-extended. */
    public static int disp16(int insn) {
        int d = ((insn >>> 6) & 0xc000) | (insn & 0x3fff);
        return (d << 16) >> 16;
    }

    /** The register condition of BPr and MOVr (bits 27..25 and 12..10 respectively). */
    public static int rcondBranch(int insn) {
        return (insn >>> 25) & 7;
    }

    public static int rcondMove(int insn) {
        return (insn >>> 10) & 7;
    }

    /** The immediate ASI of an alternate-space instruction with i = 0. */
    public static int immAsi(int insn) {
        return (insn >>> 5) & 0xff;
    }
}
