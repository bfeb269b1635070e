package org.hyperstrand.x86.exec;

import static org.hyperstrand.x86.cpu.X86State.MASK;
import static org.hyperstrand.x86.cpu.X86State.RAX;
import static org.hyperstrand.x86.cpu.X86State.RDX;

import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;

/**
 * Integer arithmetic: the eight ALU operations in their three forms, TEST, INC, DEC, NOT, NEG,
 * the multiplies and divides (with #DE for a zero divisor and a quotient that does not fit),
 * and the sign extensions CBW/CWDE/CDQE and CWD/CDQ/CQO.
 *
 * <p>ALU kinds follow the opcode order: 0 ADD, 1 OR, 2 ADC, 3 SBB, 4 AND, 5 SUB, 6 XOR, 7 CMP.
 */
public final class AluOps {

    private AluOps() {
    }

    static final int CMP = 7;

    private static long compute(int kind, long d, long src, long cin) {
        switch (kind) {
            case 0: return d + src;
            case 1: return d | src;
            case 2: return d + src + cin;
            case 3: return d - src - cin;
            case 4: return d & src;
            case 6: return d ^ src;
            default: return d - src;                            // SUB, CMP
        }
    }

    private static void setFlags(X86State s, int kind, int size, long d, long src, long cin, long res) {
        switch (kind) {
            case 0:
                Flags.set(s, Flags.ADD, size, d, src, res);
                break;
            case 2:
                s.ccC = cin;
                Flags.set(s, Flags.ADC, size, d, src, res);
                break;
            case 3:
                s.ccC = cin;
                Flags.set(s, Flags.SBB, size, d, src, res);
                break;
            case 1:
            case 4:
            case 6:
                Flags.logic(s, size, res);
                break;
            default:
                Flags.set(s, Flags.SUB, size, d, src, res);
                break;
        }
    }

    private static long carryIn(X86State s, int kind) {
        return (kind == 2 || kind == 3) && Flags.cf(s) ? 1 : 0;
    }

    /** E = E op src (ALU_EG with src = G, ALU_EI with src = the immediate). */
    private static void toE(X86State s, long a, long b, long src) {
        int kind = Insn.ext(a);
        int size = Insn.size(a);
        long mask = MASK[size];
        long cin = carryIn(s, kind);
        long d;
        long res;
        if ((a & Insn.MEM) == 0) {
            int rm = Insn.rm(a);
            d = s.reg(rm, size);
            res = compute(kind, d, src, cin) & mask;
            if (kind != CMP) {
                s.setReg(rm, size, res);
            }
        } else {
            long la = Operands.ea(s, a, b);
            if ((a & Insn.LOCK) != 0) {
                d = Atomics.rmw(s, la, size, kind, src, cin);
                res = compute(kind, d, src, cin) & mask;
            } else {
                d = s.mem.read(la, size);
                res = compute(kind, d, src, cin) & mask;
                if (kind != CMP) {
                    s.mem.write(la, size, res);
                }
            }
        }
        setFlags(s, kind, size, d, src, cin, res);
        s.rip += Insn.len(a);
    }

    public static void aluEG(X86State s, long a, long b) {
        toE(s, a, b, s.reg(Insn.reg(a), Insn.size(a)));
    }

    public static void aluEI(X86State s, long a, long b) {
        toE(s, a, b, Operands.imm(b, Insn.size(a)));
    }

    /** G = G op E. */
    public static void aluGE(X86State s, long a, long b) {
        int kind = Insn.ext(a);
        int size = Insn.size(a);
        long src = Operands.readE(s, a, b, size);
        long cin = carryIn(s, kind);
        int reg = Insn.reg(a);
        long d = s.reg(reg, size);
        long res = compute(kind, d, src, cin) & MASK[size];
        if (kind != CMP) {
            s.setReg(reg, size, res);
        }
        setFlags(s, kind, size, d, src, cin, res);
        s.rip += Insn.len(a);
    }

    public static void testEG(X86State s, long a, long b) {
        int size = Insn.size(a);
        Flags.logic(s, size, Operands.readE(s, a, b, size) & s.reg(Insn.reg(a), size));
        s.rip += Insn.len(a);
    }

    public static void testEI(X86State s, long a, long b) {
        int size = Insn.size(a);
        Flags.logic(s, size, Operands.readE(s, a, b, size) & Operands.imm(b, size));
        s.rip += Insn.len(a);
    }

    /** INC (delta 1) or DEC (delta -1): CF is kept. */
    public static void incDec(X86State s, long a, long b, boolean inc) {
        int size = Insn.size(a);
        long mask = MASK[size];
        long cf = Flags.cf(s) ? 1 : 0;
        long d;
        if ((a & Insn.MEM) == 0) {
            d = s.reg(Insn.rm(a), size);
            s.setReg(Insn.rm(a), size, inc ? d + 1 : d - 1);
        } else {
            long la = Operands.ea(s, a, b);
            if ((a & Insn.LOCK) != 0) {
                d = Atomics.rmw(s, la, size, inc ? Atomics.INC : Atomics.DEC, 0, 0);
            } else {
                d = s.mem.read(la, size);
                s.mem.write(la, size, inc ? d + 1 : d - 1);
            }
        }
        s.ccC = cf;
        Flags.set(s, inc ? Flags.INC : Flags.DEC, size, d, 1, (inc ? d + 1 : d - 1) & mask);
        s.rip += Insn.len(a);
    }

    /** NOT (no flags) or NEG (flags of 0 - E). */
    public static void notNeg(X86State s, long a, long b, boolean neg) {
        int size = Insn.size(a);
        long mask = MASK[size];
        long d;
        if ((a & Insn.MEM) == 0) {
            d = s.reg(Insn.rm(a), size);
            s.setReg(Insn.rm(a), size, neg ? -d : ~d);
        } else {
            long la = Operands.ea(s, a, b);
            if ((a & Insn.LOCK) != 0) {
                d = Atomics.rmw(s, la, size, neg ? Atomics.NEG : Atomics.NOT, 0, 0);
            } else {
                d = s.mem.read(la, size);
                s.mem.write(la, size, neg ? -d : ~d);
            }
        }
        if (neg) {
            Flags.set(s, Flags.SUB, size, 0, d, -d & mask);
        }
        s.rip += Insn.len(a);
    }

    // ---- multiply --------------------------------------------------------------------------

    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    private static void mulFlags(X86State s, int size, long low, boolean overflow) {
        s.ccC = overflow ? 1 : 0;
        s.ccOp = (Flags.MUL << 2) | size;
        s.ccRes = low & MASK[size];
    }

    /** MUL / IMUL with one operand: rDX:rAX (AX for bytes) = rAX * E. */
    public static void mulWide(X86State s, long a, long b, boolean signed) {
        int size = Insn.size(a);
        long src = Operands.readE(s, a, b, size);
        long acc = s.reg(RAX, size);
        long low;
        long high;
        boolean overflow;
        if (size == 3) {
            low = acc * src;
            high = signed ? Math.multiplyHigh(acc, src) : unsignedMultiplyHigh(acc, src);
            overflow = signed ? high != (low >> 63) : high != 0;
        } else {
            int bits = 8 << size;
            long product = signed ? Operands.signExtend(acc, size) * Operands.signExtend(src, size) : acc * src;
            low = product & MASK[size];
            high = (product >> bits) & MASK[size];
            overflow = signed ? product != Operands.signExtend(low, size) : high != 0;
        }
        if (size == 0) {
            s.setReg(RAX, 1, (high << 8) | low);
        } else {
            s.setReg(RAX, size, low);
            s.setReg(RDX, size, high);
        }
        mulFlags(s, size, low, overflow);
        s.rip += Insn.len(a);
    }

    /** IMUL G, E (two operands) or IMUL G, E, imm (three). */
    public static void imul(X86State s, long a, long b, boolean immediate) {
        int size = Insn.size(a);
        long x = Operands.signExtend(Operands.readE(s, a, b, size), size);
        long y = immediate ? Insn.imm(b) : Operands.signExtend(s.reg(Insn.reg(a), size), size);
        long low = x * y;
        boolean overflow;
        if (size == 3) {
            overflow = Math.multiplyHigh(x, y) != (low >> 63);
        } else {
            overflow = low != Operands.signExtend(low & MASK[size], size);
        }
        s.setReg(Insn.reg(a), size, low);
        mulFlags(s, size, low, overflow);
        s.rip += Insn.len(a);
    }

    // ---- divide ----------------------------------------------------------------------------

    /**
     * Unsigned 128-by-64 division of hi:lo by d, for hi &lt; d (so the quotient fits); the
     * remainder goes to {@link X86State#divRemainder}.
     */
    static long divide128(X86State s, long hi, long lo, long d) {
        long q = 0;
        long r = hi;
        for (int i = 63; i >= 0; i--) {
            boolean carry = r < 0;
            r = (r << 1) | ((lo >>> i) & 1);
            q <<= 1;
            if (carry || Long.compareUnsigned(r, d) >= 0) {
                r -= d;
                q |= 1;
            }
        }
        s.divRemainder = r;
        return q;
    }

    /** DIV: unsigned rDX:rAX / E; #DE on a zero divisor or a quotient wider than the operand. */
    public static void div(X86State s, long a, long b) {
        int size = Insn.size(a);
        long d = Operands.readE(s, a, b, size);
        if (d == 0) {
            throw s.fault(X86Arch.DE, 0);
        }
        long q;
        long r;
        if (size == 3) {
            long hi = s.r[RDX];
            long lo = s.r[RAX];
            if (hi == 0) {
                q = Long.divideUnsigned(lo, d);
                r = Long.remainderUnsigned(lo, d);
            } else {
                if (Long.compareUnsigned(hi, d) >= 0) {
                    throw s.fault(X86Arch.DE, 0);
                }
                q = divide128(s, hi, lo, d);
                r = s.divRemainder;
            }
        } else {
            int bits = 8 << size;
            long dividend = size == 0 ? s.reg(RAX, 1) : (s.reg(RDX, size) << bits) | s.reg(RAX, size);
            q = Long.divideUnsigned(dividend, d);
            r = Long.remainderUnsigned(dividend, d);
            if (Long.compareUnsigned(q, MASK[size]) > 0) {
                throw s.fault(X86Arch.DE, 0);
            }
        }
        storeQuotient(s, size, q, r);
        s.rip += Insn.len(a);
    }

    /** IDIV: signed rDX:rAX / E, quotient truncated toward zero; #DE as for DIV. */
    public static void idiv(X86State s, long a, long b) {
        int size = Insn.size(a);
        long d = Operands.signExtend(Operands.readE(s, a, b, size), size);
        if (d == 0) {
            throw s.fault(X86Arch.DE, 0);
        }
        long q;
        long r;
        if (size == 3) {
            long hi = s.r[RDX];
            long lo = s.r[RAX];
            if (hi == (lo >> 63)) {
                if (lo == Long.MIN_VALUE && d == -1) {
                    throw s.fault(X86Arch.DE, 0);
                }
                q = lo / d;
                r = lo % d;
            } else {
                boolean negative = hi < 0;
                long ahi = hi;
                long alo = lo;
                if (negative) {                                 // |dividend|, 128-bit negate
                    alo = -lo;
                    ahi = ~hi + (lo == 0 ? 1 : 0);
                }
                long ad = d < 0 ? -d : d;
                if (Long.compareUnsigned(ahi, ad) >= 0) {
                    throw s.fault(X86Arch.DE, 0);
                }
                long uq = divide128(s, ahi, alo, ad);
                long ur = s.divRemainder;
                boolean negQ = negative != (d < 0);
                if (negQ ? Long.compareUnsigned(uq, 1L << 63) > 0 : uq < 0) {
                    throw s.fault(X86Arch.DE, 0);
                }
                q = negQ ? -uq : uq;
                r = negative ? -ur : ur;
            }
        } else {
            int bits = 8 << size;
            long dividend = size == 0 ? (short) s.reg(RAX, 1)
                    : (Operands.signExtend(s.reg(RDX, size), size) << bits) | s.reg(RAX, size);
            q = dividend / d;
            r = dividend % d;
            if (q != Operands.signExtend(q & MASK[size], size) || (dividend == Long.MIN_VALUE && d == -1)) {
                throw s.fault(X86Arch.DE, 0);
            }
        }
        storeQuotient(s, size, q, r);
        s.rip += Insn.len(a);
    }

    private static void storeQuotient(X86State s, int size, long q, long r) {
        if (size == 0) {
            s.setReg(RAX, 1, ((r & 0xff) << 8) | (q & 0xff));
        } else {
            s.setReg(RAX, size, q);
            s.setReg(RDX, size, r);
        }
    }

    /** CBW / CWDE / CDQE: rAX = sign-extended lower half of rAX. */
    public static void cbw(X86State s, long a) {
        int size = Insn.size(a);
        s.setReg(RAX, size, Operands.signExtend(s.reg(RAX, size - 1), size - 1));
        s.rip += Insn.len(a);
    }

    /** CWD / CDQ / CQO: rDX = the sign of rAX, repeated. */
    public static void cwd(X86State s, long a) {
        int size = Insn.size(a);
        s.setReg(RDX, size, Operands.signExtend(s.reg(RAX, size), size) >> 63);
        s.rip += Insn.len(a);
    }
}
