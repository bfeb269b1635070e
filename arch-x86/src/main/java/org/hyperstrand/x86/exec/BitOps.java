package org.hyperstrand.x86.exec;

import static org.hyperstrand.x86.cpu.X86Arch.CF;
import static org.hyperstrand.x86.cpu.X86Arch.ZF;
import static org.hyperstrand.x86.cpu.X86State.MASK;

import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;

/**
 * Bit instructions: BT/BTS/BTR/BTC (register and immediate bit offsets; a register offset on a
 * memory operand reaches beyond it, signed), BSF/BSR (the destination is left unchanged for a
 * zero source), LZCNT, POPCNT and BSWAP.
 *
 * <p>The TZCNT encoding (F3 0F BC) executes as BSF: this CPU does not report BMI1, and on such
 * CPUs the F3 prefix is ignored. The two agree on every non-zero source, which is what
 * compilers rely on when they emit {@code rep bsf}.
 */
public final class BitOps {

    private BitOps() {
    }

    /** BTx with the bit offset in G (register form) or the immediate (ext selects BT BTS BTR BTC). */
    public static void bt(X86State s, long a, long b, boolean immediate) {
        int size = Insn.size(a);
        int bits = 8 << size;
        int kind = Insn.ext(a);
        long offset = immediate ? Insn.imm(b) & 0xff : s.reg(Insn.reg(a), size);
        long bit = offset & (bits - 1);
        long maskBit = 1L << bit;
        boolean set;
        if ((a & Insn.MEM) == 0) {
            int rm = Insn.rm(a);
            long v = s.reg(rm, size);
            set = (v & maskBit) != 0;
            if (kind != 0) {
                s.setReg(rm, size, apply(kind, v, maskBit));
            }
        } else {
            long la = Operands.ea(s, a, b);
            if (!immediate) {
                // the signed offset selects an operand-sized unit relative to the address
                long unit = Operands.signExtend(offset, size) >> (3 + size);
                la += unit << size;
            }
            long v;
            if (kind != 0 && (a & Insn.LOCK) != 0) {
                v = Atomics.rmw(s, la, size, Atomics.BTS + kind - 1, maskBit, 0);
            } else {
                v = s.mem.read(la, size);
                if (kind != 0) {
                    s.mem.write(la, size, apply(kind, v, maskBit));
                }
            }
            set = (v & maskBit) != 0;
        }
        long f = Flags.compute(s) & ~CF;
        Flags.setEager(s, f | (set ? CF : 0));
        s.rip += Insn.len(a);
    }

    private static long apply(int kind, long v, long maskBit) {
        switch (kind) {
            case 1: return v | maskBit;
            case 2: return v & ~maskBit;
            default: return v ^ maskBit;
        }
    }

    /** BSF (forward) / BSR: index of the lowest / highest set bit; ZF = source is zero. */
    public static void bitScan(X86State s, long a, long b, boolean forward) {
        int size = Insn.size(a);
        long src = Operands.readE(s, a, b, size);
        long f = Flags.compute(s) & ~ZF;
        if (src == 0) {
            f |= ZF;
        } else {
            s.setReg(Insn.reg(a), size, forward ? Long.numberOfTrailingZeros(src) : 63 - Long.numberOfLeadingZeros(src));
        }
        Flags.setEager(s, f);
        s.rip += Insn.len(a);
    }

    /** LZCNT: leading zeros in the operand size; CF = source is zero, ZF = result is zero. */
    public static void lzcnt(X86State s, long a, long b) {
        int size = Insn.size(a);
        long src = Operands.readE(s, a, b, size);
        int n = Long.numberOfLeadingZeros(src) - (64 - (8 << size));
        s.setReg(Insn.reg(a), size, n);
        long f = Flags.compute(s) & ~(ZF | CF);
        Flags.setEager(s, f | (src == 0 ? CF : 0) | (n == 0 ? ZF : 0));
        s.rip += Insn.len(a);
    }

    /** POPCNT: set bits; ZF = source is zero, the other arithmetic flags cleared. */
    public static void popcnt(X86State s, long a, long b) {
        int size = Insn.size(a);
        long src = Operands.readE(s, a, b, size);
        s.setReg(Insn.reg(a), size, Long.bitCount(src));
        Flags.setEager(s, src == 0 ? ZF : 0);
        s.rip += Insn.len(a);
    }

    /** BSWAP; with a 16-bit operand (undefined) the low 16 bits become 0, as on hardware. */
    public static void bswap(X86State s, long a) {
        int size = Insn.size(a);
        int rm = Insn.rm(a);
        long v = s.reg(rm, size);
        switch (size) {
            case 3: s.r[rm] = Long.reverseBytes(v); break;
            case 2: s.setReg(rm, 2, Integer.reverseBytes((int) v) & MASK[2]); break;
            default: s.setReg(rm, 1, 0); break;
        }
        s.rip += Insn.len(a);
    }
}
