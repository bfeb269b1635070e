package org.hyperstrand.sparc.exec;

import static org.hyperstrand.sparc.mem.SparcMemory.BE32;
import static org.hyperstrand.sparc.mem.SparcMemory.BE64;
import static org.hyperstrand.sparc.mem.SparcMemory.LE32;
import static org.hyperstrand.sparc.mem.SparcMemory.LE64;

import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.mem.Asi;
import org.hyperstrand.sparc.mem.SparcMemory;
import org.hyperstrand.sparc.trap.TrapType;

/**
 * Alternate-space loads, stores and atomics (LDxA, STxA, LDDA, STDA, LDSTUBA, SWAPA, CASA,
 * CASXA). The ASI is the instruction's imm_asi when i = 0, else the %asi register. See
 * {@link Asi} for what each ASI reaches; the checks run in architectural priority order:
 * alignment, then privileged_action for a restricted ASI in user mode, then
 * data_access_exception for an ASI or address the access cannot use.
 */
public final class AltSpaceOps {

    private AltSpaceOps() {
    }

    private static int asiOf(SparcState s, int insn) {
        return (insn & 0x2000) != 0 ? s.asi : Insn.immAsi(insn);
    }

    /** The ASI's info word, or -1 after raising the alignment or privilege trap. */
    private static int check(SparcState s, int asi, long a, int align) {
        if ((a & (align - 1)) != 0) {
            s.mmu.dataFault(TrapType.MEM_ADDRESS_NOT_ALIGNED, a, s.mem.asiCtx(Asi.info(asi)));
            return -1;
        }
        if (!s.priv && Asi.restricted(asi)) {
            s.mmu.dataFault(TrapType.PRIVILEGED_ACTION, a, s.mem.asiCtx(Asi.info(asi)));
            return -1;
        }
        return Asi.info(asi);
    }

    private static void dae(SparcState s) {
        s.traps.raise(TrapType.DATA_ACCESS_EXCEPTION);
    }

    private static boolean little(int info) {
        return (info & Asi.LITTLE) != 0;
    }

    static void load(SparcState s, int insn, int rd, int size, boolean signed) {
        long a = LoadStoreOps.address(s, insn);
        int info = check(s, asiOf(s, insn), a, size);
        if (info < 0) {
            return;
        }
        long v;
        switch (info & Asi.KIND_MASK) {
            case Asi.KIND_MEMORY: {
                SparcMemory m = s.mem;
                int off = m.readOffsetAsi(info, a, size);
                if (off >= 0) {
                    v = LoadStoreOps.read(m.chunk, off, size, little(info), signed);
                } else if (off == SparcMemory.NOT_MEMORY && (info & Asi.NOFAULT) != 0) {
                    v = 0;
                } else {
                    LoadStoreOps.accessFailed(s, a, off);
                    return;
                }
                break;
            }
            case Asi.KIND_SCRATCHPAD:
                if (size != 8 || Long.compareUnsigned(a, 0x38) > 0) {
                    dae(s);
                    return;
                }
                v = s.scratchpad[(int) (a >>> 3)];
                break;
            case Asi.KIND_QUEUE:
                if (size != 8 || a < 0x3c0 || a > 0x3f8) {
                    dae(s);
                    return;
                }
                v = s.queue[(int) ((a - 0x3c0) >>> 3)];
                break;
            case Asi.KIND_MMU:
                if (size != 8 || (a != 0x8 && a != 0x10)) {
                    dae(s);
                    return;
                }
                v = a == 0x8 ? s.primaryContext : s.secondaryContext;
                break;
            default:
                dae(s);
                return;
        }
        s.r[rd] = v;
        s.advance();
    }

    static void store(SparcState s, int insn, int size) {
        long a = LoadStoreOps.address(s, insn);
        int info = check(s, asiOf(s, insn), a, size);
        if (info < 0) {
            return;
        }
        long value = s.r[Insn.rd(insn)];
        switch (info & Asi.KIND_MASK) {
            case Asi.KIND_MEMORY:
            case Asi.KIND_TWIN: { // twin ASIs store as ordinary (block-initializing) stores
                if ((info & Asi.NOFAULT) != 0) {
                    dae(s);
                    return;
                }
                SparcMemory m = s.mem;
                int off = m.writeOffsetAsi(info, a, size);
                if (off < 0) {
                    LoadStoreOps.accessFailed(s, a, off);
                    return;
                }
                LoadStoreOps.write(m.chunk, off, size, little(info), value);
                break;
            }
            case Asi.KIND_SCRATCHPAD:
                if (size != 8 || Long.compareUnsigned(a, 0x38) > 0) {
                    dae(s);
                    return;
                }
                s.scratchpad[(int) (a >>> 3)] = value;
                break;
            case Asi.KIND_QUEUE: {
                if (size != 8 || a < 0x3c0 || a > 0x3f8) {
                    dae(s);
                    return;
                }
                int index = (int) ((a - 0x3c0) >>> 3);
                if ((index & 1) != 0) {
                    dae(s);  // tails belong to the hypervisor
                    return;
                }
                s.queue[index] = value;
                s.interruptCheck = true;
                break;
            }
            case Asi.KIND_MMU:
                if (size != 8 || (a != 0x8 && a != 0x10)) {
                    dae(s);
                    return;
                }
                if (a == 0x8) {
                    s.primaryContext = value & 0x1fff;
                } else {
                    s.secondaryContext = value & 0x1fff;
                }
                s.mem.updateRegime();  // the primary context is the one implicit accesses use at TL 0
                break;
            default:
                dae(s);
                return;
        }
        s.advance();
    }

    /** LDDA: a twin-extended ASI loads two doublewords (16-byte aligned), others two words. */
    static void ldda(SparcState s, int insn, int rd) {
        int pair = Insn.rd(insn);
        if ((pair & 1) != 0) {
            s.traps.illegal();
            return;
        }
        long a = LoadStoreOps.address(s, insn);
        int asi = asiOf(s, insn);
        boolean twin = (Asi.info(asi) & Asi.KIND_MASK) == Asi.KIND_TWIN;
        int info = check(s, asi, a, twin ? 16 : 8);
        if (info < 0) {
            return;
        }
        int kind = info & Asi.KIND_MASK;
        if (kind != Asi.KIND_MEMORY && kind != Asi.KIND_TWIN) {
            dae(s);
            return;
        }
        SparcMemory m = s.mem;
        int off = m.readOffsetAsi(info, a, twin ? 16 : 8);
        if (off < 0) {
            if (off == SparcMemory.TRAPPED || (info & Asi.NOFAULT) == 0) {
                LoadStoreOps.accessFailed(s, a, off);
                return;
            }
            s.r[rd] = 0;
            s.r[pair + 1] = 0;
        } else if (twin) {
            long first = LoadStoreOps.read(m.chunk, off, 8, little(info), false);
            long second = LoadStoreOps.read(m.chunk, off + 8, 8, little(info), false);
            s.r[rd] = first;
            s.r[pair + 1] = second;
        } else {
            LoadStoreOps.loadPair(s, m.chunk, off, rd, pair, little(info));
        }
        s.advance();
    }

    static void stda(SparcState s, int insn) {
        int pair = Insn.rd(insn);
        if ((pair & 1) != 0) {
            s.traps.illegal();
            return;
        }
        long a = LoadStoreOps.address(s, insn);
        int info = check(s, asiOf(s, insn), a, 8);
        if (info < 0) {
            return;
        }
        int kind = info & Asi.KIND_MASK;
        if ((kind != Asi.KIND_MEMORY && kind != Asi.KIND_TWIN) || (info & Asi.NOFAULT) != 0) {
            dae(s);
            return;
        }
        SparcMemory m = s.mem;
        int off = m.writeOffsetAsi(info, a, 8);
        if (off < 0) {
            LoadStoreOps.accessFailed(s, a, off);
            return;
        }
        LoadStoreOps.write(m.chunk, off, 4, little(info), s.r[pair]);
        LoadStoreOps.write(m.chunk, off + 4, 4, little(info), s.r[pair + 1]);
        s.advance();
    }

    /** The info word of an ASI usable for an atomic (writable memory), or -1 after a trap. */
    private static int atomicInfo(SparcState s, int asi, long a, int size) {
        int info = check(s, asi, a, size);
        if (info < 0) {
            return -1;
        }
        if ((info & Asi.KIND_MASK) != Asi.KIND_MEMORY || (info & Asi.NOFAULT) != 0) {
            dae(s);
            return -1;
        }
        return info;
    }

    static void ldstuba(SparcState s, int insn, int rd) {
        long a = LoadStoreOps.address(s, insn);
        int info = atomicInfo(s, asiOf(s, insn), a, 1);
        if (info < 0) {
            return;
        }
        SparcMemory m = s.mem;
        int off = m.writeOffsetAsi(info, a, 1);
        if (off < 0) {
            LoadStoreOps.accessFailed(s, a, off);
            return;
        }
        s.r[rd] = (byte) LoadStoreOps.BYTES.getAndSet(m.chunk, off, (byte) -1) & 0xff;
        s.advance();
    }

    static void swapa(SparcState s, int insn, int rd) {
        long a = LoadStoreOps.address(s, insn);
        int info = atomicInfo(s, asiOf(s, insn), a, 4);
        if (info < 0) {
            return;
        }
        SparcMemory m = s.mem;
        int off = m.writeOffsetAsi(info, a, 4);
        if (off < 0) {
            LoadStoreOps.accessFailed(s, a, off);
            return;
        }
        s.r[rd] = LoadStoreOps.swapWord(m.chunk, off, little(info), (int) s.r[Insn.rd(insn)]);
        s.advance();
    }

    /**
     * CASA/CASXA: compare the word (doubleword) at r[rs1] with r[rs2]; if equal store r[rd];
     * rd receives the old memory value either way. The address has no offset.
     */
    static void cas(SparcState s, int insn, int rd, boolean extended) {
        long[] r = s.r;
        long a = IntegerOps.src1(r, insn) & s.amMask;
        int size = extended ? 8 : 4;
        int info = atomicInfo(s, asiOf(s, insn), a, size);
        if (info < 0) {
            return;
        }
        SparcMemory m = s.mem;
        int off = m.writeOffsetAsi(info, a, size);
        if (off < 0) {
            LoadStoreOps.accessFailed(s, a, off);
            return;
        }
        long compare = r[insn & 31];
        long swap = r[Insn.rd(insn)];
        boolean le = little(info);
        long old;
        if (extended) {
            old = le ? (long) LE64.compareAndExchange(m.chunk, off, compare, swap)
                    : (long) BE64.compareAndExchange(m.chunk, off, compare, swap);
        } else {
            int o = le ? (int) LE32.compareAndExchange(m.chunk, off, (int) compare, (int) swap)
                    : (int) BE32.compareAndExchange(m.chunk, off, (int) compare, (int) swap);
            old = o & 0xffff_ffffL;
        }
        r[rd] = old;
        s.advance();
    }

    /** PREFETCHA: a hint, so a no-op. */
    static void prefetcha(SparcState s, int insn) {
        LoadStoreOps.prefetch(s, insn);
    }
}
