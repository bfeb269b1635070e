package org.hyperstrand.x86.exec;

import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;

/** Effective addresses and the E/G operands of decoded instructions. */
public final class Operands {

    private Operands() {
    }

    /**
     * The linear address of the memory operand: base + index * scale + disp (RIP-relative from
     * the end of the instruction), truncated to 32 bits with 0x67, plus the FS or GS base.
     */
    public static long ea(X86State s, long a, long b) {
        long ea = offset(s, a, b);
        int seg = Insn.seg(a);
        if (seg != 0) {
            ea += s.segBase[3 + seg];
        }
        return ea;
    }

    /** The memory operand's offset without the segment base (LEA). */
    public static long offset(X86State s, long a, long b) {
        long ea = (int) b;
        int base = Insn.base(a);
        if (base < Insn.NONE) {
            ea += s.r[base];
        } else if (base == Insn.RIP) {
            ea += s.rip + Insn.len(a);
        }
        int index = Insn.index(a);
        if (index < Insn.NONE) {
            ea += s.r[index] << Insn.scale(a);
        }
        if ((a & Insn.ADDR32) != 0) {
            ea &= 0xffff_ffffL;
        }
        return ea;
    }

    /** The E operand of size {@code size}, zero-extended. */
    public static long readE(X86State s, long a, long b, int size) {
        if ((a & Insn.MEM) == 0) {
            return s.reg(Insn.rm(a), size);
        }
        return s.mem.read(ea(s, a, b), size);
    }

    /** Writes the E operand. */
    public static void writeE(X86State s, long a, long b, int size, long v) {
        if ((a & Insn.MEM) == 0) {
            s.setReg(Insn.rm(a), size, v);
        } else {
            s.mem.write(ea(s, a, b), size, v);
        }
    }

    /** The G operand. */
    public static long readG(X86State s, long a, int size) {
        return s.reg(Insn.reg(a), size);
    }

    /** The immediate, sign-extended and masked to {@code size}. */
    public static long imm(long b, int size) {
        return (long) Insn.imm(b) & X86State.MASK[size];
    }

    /** Sign-extends a value of {@code size} to 64 bits. */
    public static long signExtend(long v, int size) {
        switch (size) {
            case 0: return (byte) v;
            case 1: return (short) v;
            case 2: return (int) v;
            default: return v;
        }
    }

    /** Moves past the instruction. */
    public static void next(X86State s, long a) {
        s.rip += Insn.len(a);
    }
}
