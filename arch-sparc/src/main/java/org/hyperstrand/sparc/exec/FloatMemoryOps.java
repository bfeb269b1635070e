package org.hyperstrand.sparc.exec;

import org.hyperstrand.sparc.cpu.FpuState;
import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.mem.Asi;
import org.hyperstrand.sparc.mem.SparcMemory;
import org.hyperstrand.sparc.trap.TrapType;

/**
 * FP loads and stores: LDF, LDDF, STF, STDF, LDFSR, LDXFSR, STFSR, STXFSR with the implicit ASI
 * (byte order from PSTATE.CLE), and LDFA, LDDFA, STFA, STDFA with the memory ASIs the integer
 * side supports (see {@link Asi}; a no-fault ASI reads 0 where there is no memory, and a
 * little-endian ASI swaps the whole word or doubleword). Block, partial-store and short-FP ASIs
 * are not modelled: data_access_exception. Translation and its traps are the memory system's,
 * exactly as for the integer loads and stores ({@link LoadStoreOps#accessFailed}).
 *
 * <p>Checks in priority order: fp_disabled, then alignment (a doubleword access that is only
 * word aligned raises LDDF/STDF_mem_address_not_aligned, anything else mem_address_not_aligned),
 * then privileged_action for a restricted ASI in user mode, then data_access_exception.
 * LDQF, STQF, LDQFA and STQFA decode as illegal_instruction (quad loads and stores are left to
 * software, as on UltraSPARC).
 *
 * <p>LDFSR writes rd, tem, fcc0, aexc and cexc; LDXFSR also fcc1-fcc3 (ver, ftt and qne are
 * read-only). STFSR stores the low word, STXFSR all of FSR; both then clear FSR.ftt.
 */
public final class FloatMemoryOps {

    private FloatMemoryOps() {
    }

    /**
     * The address of an FP access of {@code size} bytes, or -1 after raising fp_disabled or the
     * alignment trap.
     */
    private static long address(SparcState s, int insn, int size, boolean store) {
        if (FloatOps.disabled(s)) {
            return -1;
        }
        long a = LoadStoreOps.address(s, insn);
        if ((a & (size - 1)) != 0) {
            if (size == 8 && (a & 3) == 0) {
                LoadStoreOps.misaligned(s, store ? TrapType.STDF_MEM_ADDRESS_NOT_ALIGNED
                        : TrapType.LDDF_MEM_ADDRESS_NOT_ALIGNED, a);
            } else {
                LoadStoreOps.misaligned(s, TrapType.MEM_ADDRESS_NOT_ALIGNED, a);
            }
            return -1;
        }
        return a;
    }

    /** The chunk offset for reading {@code size} bytes at {@code a}, or negative after the access trapped. */
    private static int readOffset(SparcState s, long a, int size) {
        int off = s.mem.readOffset(a, size);
        if (off < 0) {
            LoadStoreOps.accessFailed(s, a, off);
        }
        return off;
    }

    /** Writes with the implicit ASI ({@code info} = -1) or a memory ASI; false after the access trapped. */
    private static boolean write(SparcState s, int info, long a, int size, boolean little, long value) {
        SparcMemory m = s.mem;
        int off = info < 0 ? m.writeOffset(a, size) : m.writeOffsetAsi(info, a, size);
        if (off < 0) {
            LoadStoreOps.accessFailed(s, a, off);
            return false;
        }
        LoadStoreOps.write(m.chunk, off, size, little, value);
        return true;
    }

    // ---- implicit ASI -------------------------------------------------------------------------

    static void ldf(SparcState s, int insn) {
        long a = address(s, insn, 4, false);
        int off = a < 0 ? -1 : readOffset(s, a, 4);
        if (off >= 0) {
            FloatOps.writeSingle(s, Insn.rd(insn), (int) LoadStoreOps.read(s.mem.chunk, off, 4, s.cle, false));
            s.advance();
        }
    }

    static void lddf(SparcState s, int insn) {
        long a = address(s, insn, 8, false);
        int off = a < 0 ? -1 : readOffset(s, a, 8);
        if (off >= 0) {
            FloatOps.writeDouble(s, FloatOps.rdD(insn), LoadStoreOps.read(s.mem.chunk, off, 8, s.cle, false));
            s.advance();
        }
    }

    static void stf(SparcState s, int insn) {
        long a = address(s, insn, 4, true);
        if (a >= 0 && write(s, -1, a, 4, s.cle, s.fpu.single(Insn.rd(insn)))) {
            s.advance();
        }
    }

    static void stdf(SparcState s, int insn) {
        long a = address(s, insn, 8, true);
        if (a >= 0 && write(s, -1, a, 8, s.cle, s.fpu.dbl(FloatOps.rdD(insn)))) {
            s.advance();
        }
    }

    /** LDFSR (extended = false) and LDXFSR. */
    static void ldfsr(SparcState s, int insn, boolean extended) {
        int size = extended ? 8 : 4;
        long a = address(s, insn, size, false);
        int off = a < 0 ? -1 : readOffset(s, a, size);
        if (off >= 0) {
            long v = LoadStoreOps.read(s.mem.chunk, off, size, s.cle, false);
            long mask = extended ? FpuState.LDXFSR_MASK : FpuState.LDFSR_MASK;
            FpuState f = s.fpu;
            f.fsr = (f.fsr & ~mask) | (v & mask);
            s.advance();
        }
    }

    /** STFSR (extended = false) and STXFSR. */
    static void stfsr(SparcState s, int insn, boolean extended) {
        int size = extended ? 8 : 4;
        long a = address(s, insn, size, true);
        FpuState f = s.fpu;
        if (a >= 0 && write(s, -1, a, size, s.cle, f.fsr)) {
            f.fsr &= ~FpuState.FTT_MASK;
            s.advance();
        }
    }

    // ---- alternate space ----------------------------------------------------------------------

    /** The ASI info word of a memory ASI, or -1 after raising privileged_action or data_access_exception. */
    private static int memoryAsi(SparcState s, int insn, boolean store, long a) {
        int asi = (insn & 0x2000) != 0 ? s.asi : Insn.immAsi(insn);
        if (!s.priv && Asi.restricted(asi)) {
            s.mmu.dataFault(TrapType.PRIVILEGED_ACTION, a, s.mem.asiCtx(Asi.info(asi)));
            return -1;
        }
        int info = Asi.info(asi);
        if ((info & Asi.KIND_MASK) != Asi.KIND_MEMORY || (store && (info & Asi.NOFAULT) != 0)) {
            s.traps.raise(TrapType.DATA_ACCESS_EXCEPTION);
            return -1;
        }
        return info;
    }

    /** LDFA (dbl = false) and LDDFA. */
    static void ldfa(SparcState s, int insn, boolean dbl) {
        int size = dbl ? 8 : 4;
        long a = address(s, insn, size, false);
        int info = a < 0 ? -1 : memoryAsi(s, insn, false, a);
        if (info < 0) {
            return;
        }
        SparcMemory m = s.mem;
        int off = m.readOffsetAsi(info, a, size);
        long v;
        if (off >= 0) {
            v = LoadStoreOps.read(m.chunk, off, size, (info & Asi.LITTLE) != 0, false);
        } else if (off == SparcMemory.NOT_MEMORY && (info & Asi.NOFAULT) != 0) {
            v = 0;
        } else {
            LoadStoreOps.accessFailed(s, a, off);
            return;
        }
        if (dbl) {
            FloatOps.writeDouble(s, FloatOps.rdD(insn), v);
        } else {
            FloatOps.writeSingle(s, Insn.rd(insn), (int) v);
        }
        s.advance();
    }

    /** STFA (dbl = false) and STDFA. */
    static void stfa(SparcState s, int insn, boolean dbl) {
        int size = dbl ? 8 : 4;
        long a = address(s, insn, size, true);
        int info = a < 0 ? -1 : memoryAsi(s, insn, true, a);
        if (info < 0) {
            return;
        }
        long value = dbl ? s.fpu.dbl(FloatOps.rdD(insn)) : s.fpu.single(Insn.rd(insn));
        if (write(s, info, a, size, (info & Asi.LITTLE) != 0, value)) {
            s.advance();
        }
    }
}
