package org.hyperstrand.sparc.exec;

import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.trap.TrapType;

/** Integer arithmetic, logic, shifts, multiply/divide, conditional moves and SETHI. */
public final class IntegerOps {

    private IntegerOps() {
    }

    /** The second operand: sign-extended simm13 when i = 1, else r[rs2]. */
    static long src2(long[] r, int insn) {
        return (insn & 0x2000) != 0 ? (long) ((insn << 19) >> 19) : r[insn & 31];
    }

    static long src1(long[] r, int insn) {
        return r[(insn >>> 14) & 31];
    }

    static void sethi(SparcState s, int insn, int rd) {
        s.r[rd] = (long) (insn & 0x3f_ffff) << 10;
        s.advance();
    }

    // ---- add / subtract ------------------------------------------------------------------

    static void add(SparcState s, int insn, int rd, boolean carryIn, boolean cc) {
        long[] r = s.r;
        long a = src1(r, insn);
        long b = src2(r, insn);
        long res = a + b + (carryIn ? s.ccr & 1 : 0);
        if (cc) {
            s.ccr = ConditionCodes.add(a, b, res);
        }
        r[rd] = res;
        s.advance();
    }

    static void sub(SparcState s, int insn, int rd, boolean borrowIn, boolean cc) {
        long[] r = s.r;
        long a = src1(r, insn);
        long b = src2(r, insn);
        long res = a - b - (borrowIn ? s.ccr & 1 : 0);
        if (cc) {
            s.ccr = ConditionCodes.sub(a, b, res);
        }
        r[rd] = res;
        s.advance();
    }

    /** TADDcc, TSUBcc and their trapping forms: icc.V also reports a non-zero tag. */
    static void tagged(SparcState s, int insn, int rd, boolean subtract, boolean trapOnOverflow) {
        long[] r = s.r;
        long a = src1(r, insn);
        long b = src2(r, insn);
        long res = subtract ? a - b : a + b;
        int ccr = subtract ? ConditionCodes.sub(a, b, res) : ConditionCodes.add(a, b, res);
        if (((a | b) & 3) != 0) {
            ccr |= ConditionCodes.V;
        }
        if (trapOnOverflow && (ccr & ConditionCodes.V) != 0) {
            s.traps.raise(TrapType.TAG_OVERFLOW);
            return;
        }
        s.ccr = ccr;
        r[rd] = res;
        s.advance();
    }

    // ---- logic ---------------------------------------------------------------------------

    /** AND, ANDN, OR, ORN, XOR, XNOR selected by the low three bits of op3 (1,5,2,6,3,7). */
    static void logic(SparcState s, int insn, int rd, boolean cc) {
        long[] r = s.r;
        long a = src1(r, insn);
        long b = src2(r, insn);
        long res;
        switch ((insn >>> 19) & 7) {
            case 1: res = a & b; break;
            case 5: res = a & ~b; break;
            case 2: res = a | b; break;
            case 6: res = a | ~b; break;
            case 3: res = a ^ b; break;
            default: res = a ^ ~b; break;
        }
        if (cc) {
            s.ccr = ConditionCodes.logic(res);
        }
        r[rd] = res;
        s.advance();
    }

    static void or(SparcState s, int insn, int rd) {
        long[] r = s.r;
        r[rd] = src1(r, insn) | src2(r, insn);
        s.advance();
    }

    // ---- shifts --------------------------------------------------------------------------

    static void sll(SparcState s, int insn, int rd) {
        long[] r = s.r;
        r[rd] = src1(r, insn) << (src2(r, insn) & 31);
        s.advance();
    }

    static void srl(SparcState s, int insn, int rd) {
        long[] r = s.r;
        r[rd] = (src1(r, insn) & 0xffff_ffffL) >>> (src2(r, insn) & 31);
        s.advance();
    }

    static void sra(SparcState s, int insn, int rd) {
        long[] r = s.r;
        r[rd] = (long) ((int) src1(r, insn) >> (src2(r, insn) & 31));
        s.advance();
    }

    static void sllx(SparcState s, int insn, int rd) {
        long[] r = s.r;
        r[rd] = src1(r, insn) << (src2(r, insn) & 63);
        s.advance();
    }

    static void srlx(SparcState s, int insn, int rd) {
        long[] r = s.r;
        r[rd] = src1(r, insn) >>> (src2(r, insn) & 63);
        s.advance();
    }

    static void srax(SparcState s, int insn, int rd) {
        long[] r = s.r;
        r[rd] = src1(r, insn) >> (src2(r, insn) & 63);
        s.advance();
    }

    // ---- multiply ------------------------------------------------------------------------

    static void mulx(SparcState s, int insn, int rd) {
        long[] r = s.r;
        r[rd] = src1(r, insn) * src2(r, insn);
        s.advance();
    }

    /** UMUL/SMUL(cc): 32 x 32 -> 64 bits into rd, the upper 32 bits also into Y. */
    static void mul32(SparcState s, int insn, int rd, boolean signed, boolean cc) {
        long[] r = s.r;
        long a = src1(r, insn);
        long b = src2(r, insn);
        long p = signed ? (long) (int) a * (long) (int) b : (a & 0xffff_ffffL) * (b & 0xffff_ffffL);
        s.y = p >>> 32;
        if (cc) {
            s.ccr = ConditionCodes.logic(p);
        }
        r[rd] = p;
        s.advance();
    }

    /** MULScc: one step of a 32-bit shift-and-add multiply using Y and icc. */
    static void mulscc(SparcState s, int insn, int rd) {
        long[] r = s.r;
        long rs1 = src1(r, insn);
        int icc = s.icc();
        long nXorV = ((icc >>> 3) ^ (icc >>> 1)) & 1;
        long op1 = (nXorV << 31) | ((rs1 & 0xffff_ffffL) >>> 1);
        long op2 = (s.y & 1) != 0 ? src2(r, insn) & 0xffff_ffffL : 0;
        long res = op1 + op2;
        s.y = ((s.y & 0xffff_ffffL) >>> 1) | ((rs1 & 1) << 31);
        s.ccr = ConditionCodes.add(op1, op2, res);
        r[rd] = res & 0xffff_ffffL;
        s.advance();
    }

    // ---- divide --------------------------------------------------------------------------

    static void udivx(SparcState s, int insn, int rd) {
        long[] r = s.r;
        long b = src2(r, insn);
        if (b == 0) {
            s.traps.raise(TrapType.DIVISION_BY_ZERO);
            return;
        }
        r[rd] = Long.divideUnsigned(src1(r, insn), b);
        s.advance();
    }

    static void sdivx(SparcState s, int insn, int rd) {
        long[] r = s.r;
        long b = src2(r, insn);
        if (b == 0) {
            s.traps.raise(TrapType.DIVISION_BY_ZERO);
            return;
        }
        r[rd] = src1(r, insn) / b;  // Long.MIN_VALUE / -1 is Long.MIN_VALUE, as on SPARC
        s.advance();
    }

    /**
     * UDIV/SDIV(cc): the 64-bit dividend Y:r[rs1]<31:0> divided by the low 32 bits of the second
     * operand; a quotient that does not fit 32 bits saturates and sets icc.V.
     */
    static void div32(SparcState s, int insn, int rd, boolean signed, boolean cc) {
        long[] r = s.r;
        long dividend = (s.y << 32) | (src1(r, insn) & 0xffff_ffffL);
        long b = src2(r, insn);
        if ((int) b == 0) {
            s.traps.raise(TrapType.DIVISION_BY_ZERO);
            return;
        }
        long q;
        boolean overflow = false;
        if (signed) {
            int divisor = (int) b;
            if (dividend == Long.MIN_VALUE && divisor == -1) {
                q = Integer.MAX_VALUE;
                overflow = true;
            } else {
                q = dividend / divisor;
                if (q > Integer.MAX_VALUE) {
                    q = Integer.MAX_VALUE;
                    overflow = true;
                } else if (q < Integer.MIN_VALUE) {
                    q = Integer.MIN_VALUE;
                    overflow = true;
                }
            }
        } else {
            q = Long.divideUnsigned(dividend, b & 0xffff_ffffL);
            if (Long.compareUnsigned(q, 0xffff_ffffL) > 0) {
                q = 0xffff_ffffL;
                overflow = true;
            }
        }
        if (cc) {
            s.ccr = ConditionCodes.logic(q) | (overflow ? ConditionCodes.V : 0);
        }
        r[rd] = q;
        s.advance();
    }

    // ---- misc ----------------------------------------------------------------------------

    static void popc(SparcState s, int insn, int rd) {
        long[] r = s.r;
        r[rd] = Long.bitCount(src2(r, insn));
        s.advance();
    }

    /** MOVcc on icc or xcc (cc2 = 1); the %fcc forms decode as FP operations. */
    static void movcc(SparcState s, int insn, int rd) {
        int cc = (insn & 0x1000) != 0 ? s.xcc() : s.icc();
        if (ConditionCodes.test((insn >>> 14) & 15, cc)) {
            long[] r = s.r;
            r[rd] = (insn & 0x2000) != 0 ? (long) Insn.simm11(insn) : r[insn & 31];
        }
        s.advance();
    }

    static void movr(SparcState s, int insn, int rd) {
        long[] r = s.r;
        if (registerCondition(Insn.rcondMove(insn), src1(r, insn))) {
            r[rd] = (insn & 0x2000) != 0 ? (long) Insn.simm10(insn) : r[insn & 31];
        }
        s.advance();
    }

    /** The BPr/MOVr register conditions 1, 2, 3, 5, 6, 7 (0 and 4 are reserved). */
    static boolean registerCondition(int rcond, long v) {
        switch (rcond) {
            case 1: return v == 0;
            case 2: return v <= 0;
            case 3: return v < 0;
            case 5: return v != 0;
            case 6: return v > 0;
            default: return v >= 0;
        }
    }
}
