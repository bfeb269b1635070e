package org.hyperstrand.x86.exec;

import static org.hyperstrand.x86.cpu.X86State.MASK;

import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;

/**
 * Shifts and rotates (ROL ROR RCL RCR SHL SHR SAL SAR, by 1, an immediate or CL) and the double
 * shifts SHLD/SHRD. The count is masked to 5 bits (6 with 64-bit operands); a masked count of 0
 * changes no flags and no value, though a 32-bit register operand is still zero-extended, as
 * on hardware. RCL/RCR rotate through CF over width + 1 bits.
 */
public final class ShiftOps {

    private ShiftOps() {
    }

    private static final int ROL = 0;
    private static final int ROR = 1;
    private static final int RCL = 2;
    private static final int RCR = 3;
    private static final int SHR = 5;
    private static final int SAR = 7;

    /** The group-2 shift of the E operand by {@code rawCount}. */
    public static void shift(X86State s, long a, long b, int rawCount) {
        int size = Insn.size(a);
        int count = rawCount & (size == 3 ? 63 : 31);
        int kind = Insn.ext(a);
        if (count == 0 || ((kind == RCL || kind == RCR) && count % ((8 << size) + 1) == 0)) {
            // nothing moves and no flag changes, but a 32-bit register is still written (zero-extended)
            if (size == 2 && (a & Insn.MEM) == 0) {
                s.setReg(Insn.rm(a), 2, s.reg(Insn.rm(a), 2));
            }
            s.rip += Insn.len(a);
            return;
        }
        long la = 0;
        long d;
        boolean memory = (a & Insn.MEM) != 0;
        if (memory) {
            la = Operands.ea(s, a, b);
            d = s.mem.read(la, size);
        } else {
            d = s.reg(Insn.rm(a), size);
        }
        long res = compute(s, kind, size, d, count);
        if (memory) {
            s.mem.write(la, size, res);
        } else {
            s.setReg(Insn.rm(a), size, res);
        }
        commit(s, kind, size, d, count, res);
        s.rip += Insn.len(a);
    }

    private static long compute(X86State s, int kind, int size, long d, int count) {
        int bits = 8 << size;
        long mask = MASK[size];
        switch (kind) {
            case ROL: {
                int c = count & (bits - 1);
                return c == 0 ? d : ((d << c) | (d >>> (bits - c))) & mask;
            }
            case ROR: {
                int c = count & (bits - 1);
                return c == 0 ? d : ((d >>> c) | (d << (bits - c))) & mask;
            }
            case RCL: {
                int c = count % (bits + 1);
                long cf = Flags.cf(s) ? 1 : 0;
                long res = (d << c) | (cf << (c - 1));
                if (bits + 1 - c < 64) {
                    res |= d >>> (bits + 1 - c);
                }
                return res & mask;
            }
            case RCR: {
                int c = count % (bits + 1);
                long cf = Flags.cf(s) ? 1 : 0;
                long res = (d >>> c) | (cf << (bits - c));
                if (bits + 1 - c < 64) {
                    res |= d << (bits + 1 - c);
                }
                return res & mask;
            }
            case SHR:
                return count >= 64 ? 0 : d >>> count;
            case SAR:
                return (Operands.signExtend(d, size) >> Math.min(count, 63)) & mask;
            default:                                            // SHL, SAL
                return count >= 64 ? 0 : (d << count) & mask;
        }
    }

    private static void commit(X86State s, int kind, int size, long d, int count, long res) {
        int bits = 8 << size;
        int msb = bits - 1;
        switch (kind) {
            case ROL: {
                boolean cf = (res & 1) != 0;
                Flags.setCarryOverflow(s, cf, (((res >>> msb) & 1) != 0) != cf);
                break;
            }
            case ROR: {
                boolean top = ((res >>> msb) & 1) != 0;
                Flags.setCarryOverflow(s, top, top != (((res >>> (msb - 1)) & 1) != 0));
                break;
            }
            case RCL: {
                int c = count % (bits + 1);
                boolean cf = ((d >>> (bits - c)) & 1) != 0;
                Flags.setCarryOverflow(s, cf, (((res >>> msb) & 1) != 0) != cf);
                break;
            }
            case RCR: {
                int c = count % (bits + 1);
                boolean cf = ((d >>> (c - 1)) & 1) != 0;
                boolean top = ((res >>> msb) & 1) != 0;
                Flags.setCarryOverflow(s, cf, top != (((res >>> (msb - 1)) & 1) != 0));
                break;
            }
            case SHR:
                s.ccC = (d >>> Math.min(count - 1, 63)) & 1;
                Flags.set(s, Flags.SHR, size, d, count, res);
                break;
            case SAR:
                s.ccC = (Operands.signExtend(d, size) >> Math.min(count - 1, 63)) & 1;
                Flags.set(s, Flags.SAR, size, d, count, res);
                break;
            default:
                s.ccC = count <= bits ? (d >>> (bits - count)) & 1 : 0;
                Flags.set(s, Flags.SHL, size, d, count, res);
                break;
        }
    }

    /** SHLD (left) / SHRD: shifts E by the count, filling from G. */
    public static void doubleShift(X86State s, long a, long b, int rawCount, boolean left) {
        int size = Insn.size(a);
        int count = rawCount & (size == 3 ? 63 : 31);
        if (count == 0) {
            if (size == 2 && (a & Insn.MEM) == 0) {
                s.setReg(Insn.rm(a), 2, s.reg(Insn.rm(a), 2));
            }
            s.rip += Insn.len(a);
            return;
        }
        long la = 0;
        long d;
        boolean memory = (a & Insn.MEM) != 0;
        if (memory) {
            la = Operands.ea(s, a, b);
            d = s.mem.read(la, size);
        } else {
            d = s.reg(Insn.rm(a), size);
        }
        long src = s.reg(Insn.reg(a), size);
        long mask = MASK[size];
        int bits = 8 << size;
        long res;
        boolean cf;
        if (size == 1) {
            // 16-bit counts may exceed 16: shift the 48-bit window d:src:d (s:d:src right)
            if (left) {
                long w = (d << 48) | (src << 32) | (d << 16);
                res = (w << count) >>> 48;
                cf = ((w >>> (64 - count)) & 1) != 0;
            } else {
                long w = d | (src << 16) | (d << 32);
                res = (w >>> count) & 0xffff;
                cf = ((w >>> (count - 1)) & 1) != 0;
            }
        } else if (left) {
            res = ((d << count) | (src >>> (bits - count))) & mask;
            cf = ((d >>> (bits - count)) & 1) != 0;
        } else {
            res = ((d >>> count) | (src << (bits - count))) & mask;
            cf = ((d >>> (count - 1)) & 1) != 0;
        }
        if (memory) {
            s.mem.write(la, size, res);
        } else {
            s.setReg(Insn.rm(a), size, res);
        }
        boolean of = (((res ^ d) >>> (bits - 1)) & 1) != 0;
        Flags.setEager(s, Flags.szp(res, size) | (cf ? X86Arch.CF : 0) | (of ? X86Arch.OF : 0));
        s.rip += Insn.len(a);
    }
}
