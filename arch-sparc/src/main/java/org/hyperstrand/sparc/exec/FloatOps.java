package org.hyperstrand.sparc.exec;

import static org.hyperstrand.sparc.cpu.FpuState.CEXC_MASK;
import static org.hyperstrand.sparc.cpu.FpuState.DZ;
import static org.hyperstrand.sparc.cpu.FpuState.FTT_IEEE_754_EXCEPTION;
import static org.hyperstrand.sparc.cpu.FpuState.FTT_MASK;
import static org.hyperstrand.sparc.cpu.FpuState.FTT_SHIFT;
import static org.hyperstrand.sparc.cpu.FpuState.FTT_UNIMPLEMENTED_FPOP;
import static org.hyperstrand.sparc.cpu.FpuState.NV;
import static org.hyperstrand.sparc.cpu.FpuState.NX;
import static org.hyperstrand.sparc.cpu.FpuState.OF;
import static org.hyperstrand.sparc.cpu.FpuState.TEM_SHIFT;
import static org.hyperstrand.sparc.cpu.FpuState.UF;
import static org.hyperstrand.sparc.cpu.SparcArch.FPRS_DL;
import static org.hyperstrand.sparc.cpu.SparcArch.FPRS_DU;
import static org.hyperstrand.sparc.cpu.SparcArch.FPRS_FEF;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_PEF;

import org.hyperstrand.sparc.cpu.FpuState;
import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.decode.Op;
import org.hyperstrand.sparc.trap.TrapType;

/**
 * Floating-point operate instructions of FPop1 (op3 0x34): moves, arithmetic, square root and
 * conversions in single and double precision, plus what every FP instruction shares: the
 * fp_disabled check, FSR bookkeeping and the FPRS dirty bits.
 *
 * <p>Every FP instruction first needs PSTATE.PEF and FPRS.FEF, else fp_disabled. An FPop that
 * completes sets FSR.cexc to the IEEE exceptions it raised (0 for the moves), ORs them into
 * FSR.aexc and clears FSR.ftt. If one of them is enabled in FSR.tem it instead raises
 * fp_exception_ieee_754 with ftt = IEEE_754_exception and cexc naming the trapping exception
 * (overflow or underflow rather than the inexact that comes with it), leaving the destination,
 * aexc and the condition codes unchanged. Writing a register sets FPRS.DL (%f0-%f31) or FPRS.DU
 * (%f32-%f63).
 *
 * <p>Quad precision is not implemented in hardware, as on UltraSPARC: quad FPops and reserved
 * opf values raise fp_exception_other with ftt = unimplemented_FPop (LDQF and STQF are
 * illegal_instruction, see {@link FloatMemoryOps}). All four FSR.rd rounding directions are
 * implemented; see {@link FloatArith} for the arithmetic itself.
 */
public final class FloatOps {

    // operations of the shared entry points
    static final int MOV = 0;
    static final int NEG = 1;
    static final int ABS = 2;
    static final int ADD = 0;
    static final int SUB = 1;
    static final int MUL = 2;
    static final int DIV = 3;

    private FloatOps() {
    }

    // ---- shared -------------------------------------------------------------------------------

    /** True, after raising fp_disabled, unless PSTATE.PEF and FPRS.FEF are both set. */
    static boolean disabled(SparcState s) {
        if ((s.fprs & FPRS_FEF) != 0 && (s.pstate() & PSTATE_PEF) != 0) {
            return false;
        }
        s.traps.raise(TrapType.FP_DISABLED);
        return true;
    }

    static int rd(int insn) {
        return Insn.rd(insn);
    }

    static int rs1(int insn) {
        return Insn.rs1(insn);
    }

    static int rs2(int insn) {
        return insn & 31;
    }

    static int rdD(int insn) {
        return FpuState.doubleRegister(Insn.rd(insn));
    }

    static int rs1D(int insn) {
        return FpuState.doubleRegister(Insn.rs1(insn));
    }

    static int rs2D(int insn) {
        return FpuState.doubleRegister(insn & 31);
    }

    /** Sets FPRS.DL or DU for a write of register %f{@code n} (n = 0..63). */
    static void dirty(SparcState s, int n) {
        s.fprs |= n < 32 ? FPRS_DL : FPRS_DU;
    }

    static void writeSingle(SparcState s, int n, int value) {
        s.fpu.setSingle(n, value);
        s.fprs |= FPRS_DL;
    }

    static void writeDouble(SparcState s, int n, long value) {
        s.fpu.setDouble(n, value);
        dirty(s, n);
    }

    /**
     * Ends an FPop that raised the IEEE exceptions {@code exc} (in the cexc layout): true if it
     * may write its result, false after raising fp_exception_ieee_754 for an enabled one.
     */
    static boolean complete(SparcState s, int exc) {
        FpuState f = s.fpu;
        long fsr = f.fsr & ~(FTT_MASK | CEXC_MASK);
        if (exc != 0) {
            int trapped = exc & (int) (fsr >>> TEM_SHIFT) & 0x1f;
            if (trapped != 0) {
                int cause;
                if ((trapped & (NV | DZ)) != 0) {
                    cause = trapped & (NV | DZ);
                } else if ((trapped & OF) != 0) {
                    cause = OF;
                } else if ((trapped & UF) != 0) {
                    cause = UF;
                } else {
                    cause = NX;
                }
                f.fsr = fsr | ((long) FTT_IEEE_754_EXCEPTION << FTT_SHIFT) | cause;
                s.traps.raise(TrapType.FP_EXCEPTION_IEEE_754);
                return false;
            }
            fsr |= exc | ((long) exc << 5);
        }
        f.fsr = fsr;
        return true;
    }

    /** Quad-precision and reserved FPops: fp_exception_other with ftt = unimplemented_FPop. */
    static void unimplemented(SparcState s) {
        if (disabled(s)) {
            return;
        }
        FpuState f = s.fpu;
        f.fsr = (f.fsr & ~FTT_MASK) | ((long) FTT_UNIMPLEMENTED_FPOP << FTT_SHIFT);
        s.traps.raise(TrapType.FP_EXCEPTION_OTHER);
    }

    // ---- moves ------------------------------------------------------------------------------

    /** FMOVs, FNEGs, FABSs: bit operations that never raise an exception (cexc cleared). */
    static void unaryS(SparcState s, int insn, int op) {
        if (disabled(s)) {
            return;
        }
        int v = s.fpu.single(rs2(insn));
        if (op == NEG) {
            v ^= 0x8000_0000;
        } else if (op == ABS) {
            v &= 0x7fff_ffff;
        }
        complete(s, 0);
        writeSingle(s, rd(insn), v);
        s.advance();
    }

    static void unaryD(SparcState s, int insn, int op) {
        if (disabled(s)) {
            return;
        }
        long v = s.fpu.dbl(rs2D(insn));
        if (op == NEG) {
            v ^= 0x8000_0000_0000_0000L;
        } else if (op == ABS) {
            v &= 0x7fff_ffff_ffff_ffffL;
        }
        complete(s, 0);
        writeDouble(s, rdD(insn), v);
        s.advance();
    }

    // ---- arithmetic -------------------------------------------------------------------------

    static void binaryS(SparcState s, int insn, int op) {
        if (disabled(s)) {
            return;
        }
        FpuState f = s.fpu;
        int a = f.single(rs1(insn));
        int b = f.single(rs2(insn));
        f.exc = 0;
        int r;
        switch (op) {
            case ADD: r = FloatArith.addS(f, a, b); break;
            case SUB: r = FloatArith.subS(f, a, b); break;
            case MUL: r = FloatArith.mulS(f, a, b); break;
            default: r = FloatArith.divS(f, a, b); break;
        }
        if (complete(s, f.exc)) {
            writeSingle(s, rd(insn), r);
            s.advance();
        }
    }

    static void binaryD(SparcState s, int insn, int op) {
        if (disabled(s)) {
            return;
        }
        FpuState f = s.fpu;
        long a = f.dbl(rs1D(insn));
        long b = f.dbl(rs2D(insn));
        f.exc = 0;
        long r;
        switch (op) {
            case ADD: r = FloatArith.addD(f, a, b); break;
            case SUB: r = FloatArith.subD(f, a, b); break;
            case MUL: r = FloatArith.mulD(f, a, b); break;
            default: r = FloatArith.divD(f, a, b); break;
        }
        if (complete(s, f.exc)) {
            writeDouble(s, rdD(insn), r);
            s.advance();
        }
    }

    /** FsMULd: single operands, exact double product. */
    static void fsmuld(SparcState s, int insn) {
        if (disabled(s)) {
            return;
        }
        FpuState f = s.fpu;
        f.exc = 0;
        long r = FloatArith.mulSD(f, f.single(rs1(insn)), f.single(rs2(insn)));
        if (complete(s, f.exc)) {
            writeDouble(s, rdD(insn), r);
            s.advance();
        }
    }

    static void sqrtS(SparcState s, int insn) {
        if (disabled(s)) {
            return;
        }
        FpuState f = s.fpu;
        f.exc = 0;
        int r = FloatArith.sqrtS(f, f.single(rs2(insn)));
        if (complete(s, f.exc)) {
            writeSingle(s, rd(insn), r);
            s.advance();
        }
    }

    static void sqrtD(SparcState s, int insn) {
        if (disabled(s)) {
            return;
        }
        FpuState f = s.fpu;
        f.exc = 0;
        long r = FloatArith.sqrtD(f, f.dbl(rs2D(insn)));
        if (complete(s, f.exc)) {
            writeDouble(s, rdD(insn), r);
            s.advance();
        }
    }

    // ---- conversions ------------------------------------------------------------------------

    /** A conversion whose result is a single register: FiTOs, FdTOs, FsTOi, FdTOi, FxTOs. */
    static void toSingle(SparcState s, int insn, int op) {
        if (disabled(s)) {
            return;
        }
        FpuState f = s.fpu;
        f.exc = 0;
        int r;
        switch (op) {
            case Op.FITOS: r = FloatArith.intToSingle(f, f.single(rs2(insn))); break;
            case Op.FDTOS: r = FloatArith.doubleToSingle(f, f.dbl(rs2D(insn))); break;
            case Op.FSTOI: r = FloatArith.singleToInt(f, f.single(rs2(insn))); break;
            case Op.FDTOI: r = FloatArith.doubleToInt(f, f.dbl(rs2D(insn))); break;
            default: r = FloatArith.longToSingle(f, f.dbl(rs2D(insn))); break;  // FxTOs
        }
        if (complete(s, f.exc)) {
            writeSingle(s, rd(insn), r);
            s.advance();
        }
    }

    /** A conversion whose result is a double register: FiTOd, FsTOd, FsTOx, FdTOx, FxTOd. */
    static void toDouble(SparcState s, int insn, int op) {
        if (disabled(s)) {
            return;
        }
        FpuState f = s.fpu;
        f.exc = 0;
        long r;
        switch (op) {
            case Op.FITOD: r = FloatArith.intToDouble(f.single(rs2(insn))); break;
            case Op.FSTOD: r = FloatArith.singleToDouble(f, f.single(rs2(insn))); break;
            case Op.FSTOX: r = FloatArith.singleToLong(f, f.single(rs2(insn))); break;
            case Op.FDTOX: r = FloatArith.doubleToLong(f, f.dbl(rs2D(insn))); break;
            default: r = FloatArith.longToDouble(f, f.dbl(rs2D(insn))); break;  // FxTOd
        }
        if (complete(s, f.exc)) {
            writeDouble(s, rdD(insn), r);
            s.advance();
        }
    }
}
