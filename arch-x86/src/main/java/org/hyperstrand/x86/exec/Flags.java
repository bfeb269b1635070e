package org.hyperstrand.x86.exec;

import static org.hyperstrand.x86.cpu.X86Arch.AF;
import static org.hyperstrand.x86.cpu.X86Arch.ARITH_FLAGS;
import static org.hyperstrand.x86.cpu.X86Arch.CF;
import static org.hyperstrand.x86.cpu.X86Arch.OF;
import static org.hyperstrand.x86.cpu.X86Arch.PF;
import static org.hyperstrand.x86.cpu.X86Arch.RESERVED_1;
import static org.hyperstrand.x86.cpu.X86Arch.SF;
import static org.hyperstrand.x86.cpu.X86Arch.ZF;

import org.hyperstrand.x86.cpu.X86State;

/**
 * Lazy condition codes. A flag-setting instruction stores what it did, not the flags: the kind
 * of operation and operand size ({@link X86State#ccOp} = kind &lt;&lt; 2 | size), its operands
 * ({@code ccA}, {@code ccB}), its result ({@code ccRes}, masked to the size) and one extra bit
 * ({@code ccC}: the carry-in of ADC/SBB, the last bit shifted out, the CF that INC/DEC keep, or
 * the overflow of a multiply). The six arithmetic flags are computed only when something reads
 * them: a conditional instruction ({@link #cond}, with direct paths for the common CMP/SUB and
 * logic cases), ADC/SBB ({@link #cf}), PUSHF, an interrupt. An operation that sets only some
 * flags (rotates, BT, BSF, CLC...) computes the current flags first and stores them as
 * {@link #EAGER}.
 *
 * <p>Flags the manuals leave undefined get these values: AF = 0 after logic operations, shifts
 * and multiplies; SF, ZF and PF after MUL/IMUL follow the low half of the result; OF after a
 * shift by more than one follows the one-bit rule.
 */
public final class Flags {

    private Flags() {
    }

    /** a + b. */
    public static final int ADD = 0;
    /** a + b + ccC. */
    public static final int ADC = 1;
    /** a - b (CMP, NEG as 0 - b). */
    public static final int SUB = 2;
    /** a - b - ccC. */
    public static final int SBB = 3;
    /** AND, OR, XOR, TEST: CF = OF = 0. */
    public static final int LOGIC = 4;
    /** a + 1 with CF = ccC. */
    public static final int INC = 5;
    /** a - 1 with CF = ccC. */
    public static final int DEC = 6;
    /** Left shift: CF = ccC, OF = MSB(result) ^ CF. */
    public static final int SHL = 7;
    /** Logical right shift of a: CF = ccC, OF = MSB(a). */
    public static final int SHR = 8;
    /** Arithmetic right shift: CF = ccC, OF = 0. */
    public static final int SAR = 9;
    /** Multiply: CF = OF = ccC. */
    public static final int MUL = 10;
    /** The flags themselves are in ccRes. */
    public static final int EAGER = 11;

    private static final int[] MSB = {7, 15, 31, 63};

    /** Records a flag-setting operation. */
    public static void set(X86State s, int kind, int size, long a, long b, long res) {
        s.ccOp = (kind << 2) | size;
        s.ccA = a;
        s.ccB = b;
        s.ccRes = res;
    }

    /** Records a LOGIC result. */
    public static void logic(X86State s, int size, long res) {
        s.ccOp = (LOGIC << 2) | size;
        s.ccRes = res;
    }

    /** Replaces the arithmetic flags with {@code f} (bits CF PF AF ZF SF OF). */
    public static void setEager(X86State s, long f) {
        s.ccOp = EAGER << 2;
        s.ccRes = f & ARITH_FLAGS;
    }

    /** ZF, SF and PF of a result of {@code size}. */
    public static long szp(long res, int size) {
        long f = ((res >>> MSB[size]) & 1) << 7;
        if (res == 0) {
            f |= ZF;
        }
        if ((Integer.bitCount((int) res & 0xff) & 1) == 0) {
            f |= PF;
        }
        return f;
    }

    /** Replaces CF and OF, keeping the other arithmetic flags (rotates). */
    public static void setCarryOverflow(X86State s, boolean cf, boolean of) {
        long f = compute(s) & ~(CF | OF);
        setEager(s, f | (cf ? CF : 0) | (of ? OF : 0));
    }

    private static long signOf(long v, int size) {
        return (v >>> MSB[size]) & 1;
    }

    private static long signExtend(long v, int size) {
        int sh = 63 - MSB[size];
        return (v << sh) >> sh;
    }

    /** The six arithmetic flags as RFLAGS bits. */
    public static long compute(X86State s) {
        int op = s.ccOp;
        int kind = op >>> 2;
        long res = s.ccRes;
        if (kind == EAGER) {
            return res;
        }
        int size = op & 3;
        int msb = MSB[size];
        long a = s.ccA;
        long b = s.ccB;
        long f = 0;
        if (res == 0) {
            f |= ZF;
        }
        f |= ((res >>> msb) & 1) << 7;
        if ((Integer.bitCount((int) res & 0xff) & 1) == 0) {
            f |= PF;
        }
        switch (kind) {
            case ADD:
            case ADC:
            case INC: {
                boolean carry = kind == INC ? s.ccC != 0
                        : kind == ADC && s.ccC != 0 ? Long.compareUnsigned(res, a) <= 0
                        : Long.compareUnsigned(res, a) < 0;
                if (carry) {
                    f |= CF;
                }
                f |= (((a ^ res) & (b ^ res)) >>> msb & 1) << 11;
                f |= (a ^ b ^ res) & AF;
                break;
            }
            case SUB:
            case SBB:
            case DEC: {
                boolean borrow = kind == DEC ? s.ccC != 0
                        : kind == SBB && s.ccC != 0 ? Long.compareUnsigned(a, b) <= 0
                        : Long.compareUnsigned(a, b) < 0;
                if (borrow) {
                    f |= CF;
                }
                f |= (((a ^ b) & (a ^ res)) >>> msb & 1) << 11;
                f |= (a ^ b ^ res) & AF;
                break;
            }
            case SHL:
                f |= s.ccC;
                f |= (((res >>> msb) ^ s.ccC) & 1) << 11;
                break;
            case SHR:
                f |= s.ccC;
                f |= ((a >>> msb) & 1) << 11;
                break;
            case SAR:
                f |= s.ccC;
                break;
            case MUL:
                if (s.ccC != 0) {
                    f |= CF | OF;
                }
                break;
            default:                                            // LOGIC
                break;
        }
        return f;
    }

    /** The carry flag alone. */
    public static boolean cf(X86State s) {
        int op = s.ccOp;
        switch (op >>> 2) {
            case ADD: return Long.compareUnsigned(s.ccRes, s.ccA) < 0;
            case SUB: return Long.compareUnsigned(s.ccA, s.ccB) < 0;
            case LOGIC: return false;
            case EAGER: return (s.ccRes & CF) != 0;
            default: return (compute(s) & CF) != 0;
        }
    }

    /** Full RFLAGS. */
    public static long rflags(X86State s) {
        return (s.flags & ~ARITH_FLAGS) | compute(s) | RESERVED_1;
    }

    /** Loads RFLAGS from {@code v} (the caller has already masked what may change). */
    public static void setRflags(X86State s, long v) {
        s.flags = (v & ~ARITH_FLAGS) | RESERVED_1;
        setEager(s, v);
    }

    /**
     * Condition code {@code cc} (the low nibble of Jcc/SETcc/CMOVcc): 0 O, 1 NO, 2 B, 3 AE, 4 E,
     * 5 NE, 6 BE, 7 A, 8 S, 9 NS, 10 P, 11 NP, 12 L, 13 GE, 14 LE, 15 G.
     */
    public static boolean cond(X86State s, int cc) {
        int op = s.ccOp;
        int kind = op >>> 2;
        boolean r;
        if (kind == SUB) {
            long a = s.ccA;
            long b = s.ccB;
            int size = op & 3;
            switch (cc >>> 1) {
                case 1: r = Long.compareUnsigned(a, b) < 0; break;
                case 2: r = a == b; break;
                case 3: r = Long.compareUnsigned(a, b) <= 0; break;
                case 4: r = signOf(s.ccRes, size) != 0; break;
                case 6: r = signExtend(a, size) < signExtend(b, size); break;
                case 7: r = signExtend(a, size) <= signExtend(b, size); break;
                default: return fromFlags(compute(s), cc);
            }
        } else if (kind == LOGIC) {
            long res = s.ccRes;
            boolean neg = signOf(res, op & 3) != 0;
            switch (cc >>> 1) {
                case 0: r = false; break;
                case 1: r = false; break;
                case 2: r = res == 0; break;
                case 3: r = res == 0; break;
                case 4: r = neg; break;
                case 6: r = neg; break;
                case 7: r = neg || res == 0; break;
                default: return fromFlags(compute(s), cc);
            }
        } else {
            return fromFlags(compute(s), cc);
        }
        return r ^ ((cc & 1) != 0);
    }

    /**
     * {@link #cond}, small enough to inline at the branch sites: E/NE (ZF is "result is 0" for
     * every lazy kind) and, after CMP/SUB, B/AE are answered here; the rest ask {@link #cond}.
     */
    public static boolean branchCond(X86State s, int cc) {
        int kind = s.ccOp >>> 2;
        int test = cc >>> 1;
        if (test == 2 && kind != EAGER) {
            return (s.ccRes == 0) != ((cc & 1) != 0);
        }
        if (test == 1 && kind == SUB) {
            return Long.compareUnsigned(s.ccA, s.ccB) < 0 != ((cc & 1) != 0);
        }
        return cond(s, cc);
    }

    private static boolean fromFlags(long f, int cc) {
        boolean r;
        switch (cc >>> 1) {
            case 0: r = (f & OF) != 0; break;
            case 1: r = (f & CF) != 0; break;
            case 2: r = (f & ZF) != 0; break;
            case 3: r = (f & (CF | ZF)) != 0; break;
            case 4: r = (f & SF) != 0; break;
            case 5: r = (f & PF) != 0; break;
            case 6: r = ((f & SF) != 0) != ((f & OF) != 0); break;
            default: r = (f & ZF) != 0 || ((f & SF) != 0) != ((f & OF) != 0); break;
        }
        return r ^ ((cc & 1) != 0);
    }
}
