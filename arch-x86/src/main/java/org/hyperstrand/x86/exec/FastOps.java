package org.hyperstrand.x86.exec;

import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;

/**
 * The specialized forms of decode.Specializer: 32- and 64-bit register ALU operations, moves,
 * loads and stores with no switch on size, kind or operand form. Each does exactly what its
 * generic op does (same result, same lazy flags).
 */
public final class FastOps {

    private FastOps() {
    }

    static final long M32 = 0xffff_ffffL;

    // ---- ALU: E = E op src; the register form's E is rm ------------------------------------------

    static void add64(X86State s, long a, long src) {
        int rm = Insn.rm(a);
        long d = s.r[rm];
        long res = d + src;
        s.r[rm] = res;
        Flags.set(s, Flags.ADD, 3, d, src, res);
        s.rip += Insn.len(a);
    }

    static void add32(X86State s, long a, long src) {
        int rm = Insn.rm(a);
        long d = s.r[rm] & M32;
        long res = (d + src) & M32;
        s.r[rm] = res;
        Flags.set(s, Flags.ADD, 2, d, src, res);
        s.rip += Insn.len(a);
    }

    static void sub64(X86State s, long a, long src, boolean write) {
        int rm = Insn.rm(a);
        long d = s.r[rm];
        long res = d - src;
        if (write) {
            s.r[rm] = res;
        }
        Flags.set(s, Flags.SUB, 3, d, src, res);
        s.rip += Insn.len(a);
    }

    static void sub32(X86State s, long a, long src, boolean write) {
        int rm = Insn.rm(a);
        long d = s.r[rm] & M32;
        long res = (d - src) & M32;
        if (write) {
            s.r[rm] = res;
        }
        Flags.set(s, Flags.SUB, 2, d, src, res);
        s.rip += Insn.len(a);
    }

    /** OR, AND, XOR (the result is computed by the caller) and TEST (write false). */
    static void logic(X86State s, long a, int size, long res, boolean write) {
        if (write) {
            s.r[Insn.rm(a)] = res;
        }
        Flags.logic(s, size, res);
        s.rip += Insn.len(a);
    }

    /** INC / DEC of a register: CF is kept. */
    static void incDec(X86State s, long a, int size, long delta) {
        int rm = Insn.rm(a);
        long mask = size == 3 ? -1L : M32;
        long d = s.r[rm] & mask;
        long res = (d + delta) & mask;
        s.ccC = Flags.cf(s) ? 1 : 0;
        s.r[rm] = res;
        Flags.set(s, delta > 0 ? Flags.INC : Flags.DEC, size, d, 1, res);
        s.rip += Insn.len(a);
    }

    /** IMUL r64, src: G = G * src, CF = OF = the product does not fit in 64 bits. */
    static void imul64(X86State s, long a, long src) {
        int reg = Insn.reg(a);
        long y = s.r[reg];
        long low = src * y;
        s.r[reg] = low;
        s.ccC = Math.multiplyHigh(src, y) != (low >> 63) ? 1 : 0;
        s.ccOp = (Flags.MUL << 2) | 3;
        s.ccRes = low;
        s.rip += Insn.len(a);
    }

    // ---- shifts ----------------------------------------------------------------------------------

    static void shr64(X86State s, long a, long b) {
        int count = Insn.imm(b) & 63;
        if (count != 0) {
            int rm = Insn.rm(a);
            long d = s.r[rm];
            long res = d >>> count;
            s.r[rm] = res;
            s.ccC = (d >>> (count - 1)) & 1;
            Flags.set(s, Flags.SHR, 3, d, count, res);
        }
        s.rip += Insn.len(a);
    }

    static void shr32(X86State s, long a, long b) {
        int count = Insn.imm(b) & 31;
        int rm = Insn.rm(a);
        long d = s.r[rm] & M32;
        if (count == 0) {
            s.r[rm] = d;                                        // no flags, but still zero-extended
        } else {
            long res = d >>> count;
            s.r[rm] = res;
            s.ccC = (d >>> (count - 1)) & 1;
            Flags.set(s, Flags.SHR, 2, d, count, res);
        }
        s.rip += Insn.len(a);
    }
}
