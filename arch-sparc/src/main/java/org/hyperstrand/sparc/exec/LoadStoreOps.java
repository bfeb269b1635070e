package org.hyperstrand.sparc.exec;

import static org.hyperstrand.sparc.mem.SparcMemory.BE16;
import static org.hyperstrand.sparc.mem.SparcMemory.BE32;
import static org.hyperstrand.sparc.mem.SparcMemory.BE64;
import static org.hyperstrand.sparc.mem.SparcMemory.LE16;
import static org.hyperstrand.sparc.mem.SparcMemory.LE32;
import static org.hyperstrand.sparc.mem.SparcMemory.LE64;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.mem.SparcMemory;
import org.hyperstrand.sparc.trap.TrapType;

/**
 * Loads, stores and atomics with the implicit ASI (primary, or nucleus at TL > 0; with the MMU
 * off both address real memory), byte order from PSTATE.CLE. Alternate-space forms are in
 * {@link AltSpaceOps}. A misaligned address raises mem_address_not_aligned; an address outside
 * the domain's memory raises data_access_exception; with the MMU on, the MMU raises its own
 * traps ({@link #accessFailed}).
 */
public final class LoadStoreOps {

    static final VarHandle BYTES = MethodHandles.arrayElementVarHandle(byte[].class);

    private LoadStoreOps() {
    }

    /**
     * Finishes an access that {@link SparcMemory} refused with a negative offset: for
     * {@link SparcMemory#NOT_MEMORY} raises data_access_exception (reported in the fault area
     * if there is one); for {@link SparcMemory#TRAPPED} the MMU has already delivered its trap.
     */
    static void accessFailed(SparcState s, long a, int off) {
        if (off == SparcMemory.NOT_MEMORY) {
            s.mmu.noMemory(a);
        }
    }

    static long address(SparcState s, int insn) {
        long[] r = s.r;
        return (IntegerOps.src1(r, insn) + IntegerOps.src2(r, insn)) & s.amMask;
    }

    /** Reads {@code size} (1, 2, 4, 8) bytes at {@code off}, zero- or sign-extended. */
    static long read(byte[] c, int off, int size, boolean little, boolean signed) {
        switch (size) {
            case 1:
                return signed ? c[off] : c[off] & 0xff;
            case 2: {
                short v = little ? (short) LE16.get(c, off) : (short) BE16.get(c, off);
                return signed ? v : v & 0xffff;
            }
            case 4: {
                int v = little ? (int) LE32.get(c, off) : (int) BE32.get(c, off);
                return signed ? v : v & 0xffff_ffffL;
            }
            default:
                return little ? (long) LE64.get(c, off) : (long) BE64.get(c, off);
        }
    }

    /** Writes the low {@code size} bytes of {@code v} at {@code off}. */
    static void write(byte[] c, int off, int size, boolean little, long v) {
        switch (size) {
            case 1:
                c[off] = (byte) v;
                break;
            case 2:
                if (little) {
                    LE16.set(c, off, (short) v);
                } else {
                    BE16.set(c, off, (short) v);
                }
                break;
            case 4:
                if (little) {
                    LE32.set(c, off, (int) v);
                } else {
                    BE32.set(c, off, (int) v);
                }
                break;
            default:
                if (little) {
                    LE64.set(c, off, v);
                } else {
                    BE64.set(c, off, v);
                }
                break;
        }
    }

    /**
     * Alignment trap {@code tt} for an access at {@code a} in the implicit data context, reported
     * in the fault area first.
     */
    static void misaligned(SparcState s, int tt, long a) {
        s.mmu.dataFault(tt, a, s.mmu.implicitContext());
    }

    static void load(SparcState s, int insn, int rd, int size, boolean signed) {
        long a = address(s, insn);
        if ((a & (size - 1)) != 0) {
            misaligned(s, TrapType.MEM_ADDRESS_NOT_ALIGNED, a);
            return;
        }
        SparcMemory m = s.mem;
        int off = m.readOffset(a, size);
        if (off < 0) {
            accessFailed(s, a, off);
            return;
        }
        s.r[rd] = read(m.chunk, off, size, s.cle, signed);
        s.advance();
    }

    static void store(SparcState s, int insn, int size) {
        long a = address(s, insn);
        if ((a & (size - 1)) != 0) {
            misaligned(s, TrapType.MEM_ADDRESS_NOT_ALIGNED, a);
            return;
        }
        SparcMemory m = s.mem;
        int off = m.writeOffset(a, size);
        if (off < 0) {
            accessFailed(s, a, off);
            return;
        }
        write(m.chunk, off, size, s.cle, s.r[Insn.rd(insn)]);
        s.advance();
    }

    /** LDD: two big-endian words into an even/odd register pair; rd must be even. */
    static void ldd(SparcState s, int insn, int rd) {
        int off = pairOffset(s, insn, false);
        if (off >= 0) {
            loadPair(s, s.mem.chunk, off, rd, Insn.rd(insn), s.cle);
            s.advance();
        }
    }

    /**
     * The host offset of an LDD/STD doubleword, or -1 after raising the trap that stops it: an
     * odd register pair, a misaligned or an untranslatable address.
     */
    private static int pairOffset(SparcState s, int insn, boolean write) {
        if ((Insn.rd(insn) & 1) != 0) {
            s.traps.illegal();
            return -1;
        }
        long a = address(s, insn);
        if ((a & 7) != 0) {
            misaligned(s, TrapType.MEM_ADDRESS_NOT_ALIGNED, a);
            return -1;
        }
        int off = write ? s.mem.writeOffset(a, 8) : s.mem.readOffset(a, 8);
        if (off < 0) {
            accessFailed(s, a, off);
        }
        return off;
    }

    static void loadPair(SparcState s, byte[] c, int off, int rd, int pair, boolean little) {
        long first = read(c, off, 4, little, false);
        long second = read(c, off + 4, 4, little, false);
        s.r[rd] = first;
        s.r[pair + 1] = second;
    }

    static void std(SparcState s, int insn) {
        int off = pairOffset(s, insn, true);
        if (off >= 0) {
            int pair = Insn.rd(insn);
            write(s.mem.chunk, off, 4, s.cle, s.r[pair]);
            write(s.mem.chunk, off + 4, 4, s.cle, s.r[pair + 1]);
            s.advance();
        }
    }

    static void ldstub(SparcState s, int insn, int rd) {
        long a = address(s, insn);
        SparcMemory m = s.mem;
        int off = m.writeOffset(a, 1);
        if (off < 0) {
            accessFailed(s, a, off);
            return;
        }
        s.r[rd] = (byte) BYTES.getAndSet(m.chunk, off, (byte) -1) & 0xff;
        s.advance();
    }

    static void swap(SparcState s, int insn, int rd) {
        long a = address(s, insn);
        if ((a & 3) != 0) {
            misaligned(s, TrapType.MEM_ADDRESS_NOT_ALIGNED, a);
            return;
        }
        SparcMemory m = s.mem;
        int off = m.writeOffset(a, 4);
        if (off < 0) {
            accessFailed(s, a, off);
            return;
        }
        s.r[rd] = swapWord(m.chunk, off, s.cle, (int) s.r[Insn.rd(insn)]);
        s.advance();
    }

    static long swapWord(byte[] c, int off, boolean little, int value) {
        int old = little ? (int) LE32.getAndSet(c, off, value) : (int) BE32.getAndSet(c, off, value);
        return old & 0xffff_ffffL;
    }

    /** PREFETCH: a hint, so a no-op; function codes 5..15 are reserved. */
    static void prefetch(SparcState s, int insn) {
        int fcn = Insn.rd(insn);
        if (fcn >= 5 && fcn <= 15) {
            s.traps.illegal();
            return;
        }
        s.advance();
    }

    /** FLUSH: forget decoded instructions of the addressed page so modified code is seen. */
    static void flush(SparcState s, int insn) {
        s.mem.flushCode(address(s, insn));
        VarHandle.fullFence();
        s.advance();
    }
}
