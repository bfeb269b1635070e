package org.hyperstrand.x86.exec;

import static org.hyperstrand.x86.cpu.X86Arch.ZF;
import static org.hyperstrand.x86.cpu.X86State.MASK;
import static org.hyperstrand.x86.cpu.X86State.RAX;
import static org.hyperstrand.x86.cpu.X86State.RBX;
import static org.hyperstrand.x86.cpu.X86State.RCX;
import static org.hyperstrand.x86.cpu.X86State.RDX;

import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;

/**
 * Data movement: MOV in all its forms, MOVZX/MOVSX/MOVSXD, LEA, XCHG, CMPXCHG, CMPXCHG8B/16B,
 * XADD, SETcc, CMOVcc and XLAT. 32-bit destinations are zero-extended to 64 bits, including a
 * CMOVcc whose condition is false; a CMPXCHG that fails leaves its register destination as it
 * was (as AMD processors do).
 */
public final class MoveOps {

    private MoveOps() {
    }

    public static void movEG(X86State s, long a, long b) {
        int size = Insn.size(a);
        Operands.writeE(s, a, b, size, s.reg(Insn.reg(a), size));
        s.rip += Insn.len(a);
    }

    public static void movGE(X86State s, long a, long b) {
        int size = Insn.size(a);
        s.setReg(Insn.reg(a), size, Operands.readE(s, a, b, size));
        s.rip += Insn.len(a);
    }

    public static void movEI(X86State s, long a, long b) {
        int size = Insn.size(a);
        Operands.writeE(s, a, b, size, Operands.imm(b, size));
        s.rip += Insn.len(a);
    }

    public static void movRI64(X86State s, long a, long b) {
        s.r[Insn.rm(a)] = b;
        s.rip += Insn.len(a);
    }

    private static long moffs(X86State s, long a, long b) {
        int seg = Insn.seg(a);
        return seg != 0 ? b + s.segBase[3 + seg] : b;
    }

    /** MOV AL/rAX, moffs (load) or MOV moffs, AL/rAX. */
    public static void movMoffs(X86State s, long a, long b, boolean load) {
        int size = Insn.size(a);
        if (load) {
            s.setReg(RAX, size, s.mem.read(moffs(s, a, b), size));
        } else {
            s.mem.write(moffs(s, a, b), size, s.reg(RAX, size));
        }
        s.rip += Insn.len(a);
    }

    /** MOVZX (signed false) / MOVSX / MOVSXD: G = E of size ext, extended to the operand size. */
    public static void movx(X86State s, long a, long b, boolean signed) {
        int from = Insn.ext(a);
        long v = Operands.readE(s, a, b, from);
        s.setReg(Insn.reg(a), Insn.size(a), signed ? Operands.signExtend(v, from) : v);
        s.rip += Insn.len(a);
    }

    public static void lea(X86State s, long a, long b) {
        s.setReg(Insn.reg(a), Insn.size(a), Operands.offset(s, a, b));
        s.rip += Insn.len(a);
    }

    /** XCHG G, E (atomic with a memory operand, LOCK prefix or not). */
    public static void xchg(X86State s, long a, long b) {
        int size = Insn.size(a);
        int reg = Insn.reg(a);
        long g = s.reg(reg, size);
        long old;
        if ((a & Insn.MEM) == 0) {
            int rm = Insn.rm(a);
            old = s.reg(rm, size);
            s.setReg(rm, size, g);
        } else {
            old = Atomics.rmw(s, Operands.ea(s, a, b), size, Atomics.XCHG, g, 0);
        }
        s.setReg(reg, size, old);
        s.rip += Insn.len(a);
    }

    /** CMPXCHG E, G: if rAX == E then E = G (ZF = 1) else rAX = E (ZF = 0); flags of CMP rAX, E. */
    public static void cmpxchg(X86State s, long a, long b) {
        int size = Insn.size(a);
        long acc = s.reg(RAX, size);
        long g = s.reg(Insn.reg(a), size);
        long old;
        if ((a & Insn.MEM) == 0) {
            int rm = Insn.rm(a);
            old = s.reg(rm, size);
            if (old == acc) {
                s.setReg(rm, size, g);                          // AMD leaves a 32-bit destination alone otherwise
            }
        } else {
            long la = Operands.ea(s, a, b);
            if ((a & Insn.LOCK) != 0) {
                old = Atomics.cmpxchg(s, la, size, acc, g);
            } else {
                old = s.mem.read(la, size);
                s.mem.write(la, size, old == acc ? g : old);
            }
        }
        if (old != acc) {
            s.setReg(RAX, size, old);
        }
        Flags.set(s, Flags.SUB, size, acc, old, (acc - old) & MASK[size]);
        s.rip += Insn.len(a);
    }

    /** CMPXCHG8B (EDX:EAX vs m64, ECX:EBX) or, with REX.W, CMPXCHG16B (16-byte aligned). */
    public static void cmpxchg8b(X86State s, long a, long b, long[] scratch) {
        long la = Operands.ea(s, a, b);
        boolean equal;
        if (Insn.size(a) == 3) {
            if ((la & 15) != 0) {
                throw s.gp0();
            }
            equal = Atomics.cmpxchg16(s, la, s.r[RAX], s.r[RDX], s.r[RBX], s.r[RCX], scratch);
            if (!equal) {
                s.r[RAX] = scratch[0];
                s.r[RDX] = scratch[1];
            }
        } else {
            long expected = (s.r[RDX] << 32) | (s.r[RAX] & MASK[2]);
            long replacement = (s.r[RCX] << 32) | (s.r[RBX] & MASK[2]);
            long old = Atomics.cmpxchg(s, la, 3, expected, replacement);
            equal = old == expected;
            if (!equal) {
                s.r[RAX] = old & MASK[2];
                s.r[RDX] = old >>> 32;
            }
        }
        long f = Flags.compute(s) & ~ZF;
        Flags.setEager(s, f | (equal ? ZF : 0));
        s.rip += Insn.len(a);
    }

    /** XADD E, G: G = E, E = E + G; flags of the addition. */
    public static void xadd(X86State s, long a, long b) {
        int size = Insn.size(a);
        int reg = Insn.reg(a);
        long g = s.reg(reg, size);
        long old;
        if ((a & Insn.MEM) == 0) {
            int rm = Insn.rm(a);
            old = s.reg(rm, size);
            s.setReg(reg, size, old);
            s.setReg(rm, size, old + g);
        } else {
            long la = Operands.ea(s, a, b);
            if ((a & Insn.LOCK) != 0) {
                old = Atomics.rmw(s, la, size, 0, g, 0);
            } else {
                old = s.mem.read(la, size);
                s.mem.write(la, size, old + g);
            }
            s.setReg(reg, size, old);
        }
        Flags.set(s, Flags.ADD, size, old, g, (old + g) & MASK[size]);
        s.rip += Insn.len(a);
    }

    public static void setcc(X86State s, long a, long b) {
        Operands.writeE(s, a, b, 0, Flags.cond(s, Insn.ext(a)) ? 1 : 0);
        s.rip += Insn.len(a);
    }

    public static void cmovcc(X86State s, long a, long b) {
        int size = Insn.size(a);
        long v = Operands.readE(s, a, b, size);
        int reg = Insn.reg(a);
        s.setReg(reg, size, Flags.cond(s, Insn.ext(a)) ? v : s.reg(reg, size));
        s.rip += Insn.len(a);
    }

    /** XLAT: AL = [rBX + AL]. */
    public static void xlat(X86State s, long a) {
        long la = s.r[RBX] + (s.r[RAX] & 0xff);
        if ((a & Insn.ADDR32) != 0) {
            la &= MASK[2];
        }
        int seg = Insn.seg(a);
        if (seg != 0) {
            la += s.segBase[3 + seg];
        }
        s.setReg(RAX, 0, s.mem.read(la, 0));
        s.rip += Insn.len(a);
    }
}
