package org.hyperstrand.x86.exec;

import static org.hyperstrand.x86.mmu.X86Memory.LE32;
import static org.hyperstrand.x86.mmu.X86Memory.LE64;

import org.hyperstrand.x86.cpu.X86State;

/**
 * Locked read-modify-write of a memory operand: LOCK-prefixed arithmetic, XCHG with memory,
 * XADD, CMPXCHG, the locked bit-test instructions. The update is a compare-and-set loop on the
 * host memory, so it is atomic against every other CPU's accesses, locked or not; 8- and 16-bit
 * operands update the aligned 32-bit word that holds them. An operand that is misaligned or
 * crosses a page (a "split lock") falls back to one global lock, which is atomic only against
 * other split locks; real x86 software does not rely on more.
 */
public final class Atomics {

    private Atomics() {
    }

    // kinds 0..6 are the ALU kinds (ADD OR ADC SBB AND SUB XOR)
    public static final int XCHG = 8;
    public static final int NOT = 9;
    public static final int NEG = 10;
    public static final int INC = 11;
    public static final int DEC = 12;
    public static final int BTS = 13;
    public static final int BTR = 14;
    public static final int BTC = 15;
    private static final int CMPXCHG = 16;

    private static final Object SPLIT_LOCK = new Object();

    private static long apply(int kind, long old, long src, long cin) {
        switch (kind) {
            case 0: return old + src;
            case 1: return old | src;
            case 2: return old + src + cin;
            case 3: return old - src - cin;
            case 4: return old & src;
            case 5: return old - src;
            case 6: return old ^ src;
            case XCHG: return src;
            case NOT: return ~old;
            case NEG: return -old;
            case INC: return old + 1;
            case DEC: return old - 1;
            case BTS: return old | src;
            case BTR: return old & ~src;
            default: return old ^ src;                          // BTC
        }
    }

    /**
     * Atomically replaces the {@code 1 << size}-byte operand at {@code la} with
     * {@code kind(old, src, cin)}; returns the old value, zero-extended.
     */
    public static long rmw(X86State s, long la, int size, int kind, long src, long cin) {
        return update(s, la, size, kind, src, cin, 0, 0);
    }

    /**
     * Atomic CMPXCHG: if the operand equals {@code expected} it becomes {@code replacement};
     * returns the old value. The operand is checked for writing either way.
     */
    public static long cmpxchg(X86State s, long la, int size, long expected, long replacement) {
        return update(s, la, size, CMPXCHG, 0, 0, expected, replacement);
    }

    private static long update(X86State s, long la, int size, int kind, long src, long cin, long expected,
            long replacement) {
        int off = s.mem.rmwOffset(la, size);
        if (off < 0 || (off & ((1 << size) - 1)) != 0) {
            synchronized (SPLIT_LOCK) {
                long old = s.mem.read(la, size);
                if (kind == CMPXCHG) {
                    if (old == expected) {
                        s.mem.write(la, size, replacement);
                    }
                } else {
                    s.mem.write(la, size, apply(kind, old, src, cin));
                }
                return old;
            }
        }
        byte[] c = s.mem.chunk;
        long old = casLoop(c, off, size, kind, src, cin, expected, replacement);
        s.mem.rmwDone(size);
        return old;
    }

    private static long casLoop(byte[] c, int off, int size, int kind, long src, long cin, long expected,
            long replacement) {
        long mask = X86State.MASK[size];
        if (size == 3) {
            for (;;) {
                long old = (long) LE64.getVolatile(c, off);
                long nv;
                if (kind == CMPXCHG) {
                    if (old != expected) {
                        return old;
                    }
                    nv = replacement;
                } else {
                    nv = apply(kind, old, src, cin);
                }
                if (LE64.compareAndSet(c, off, old, nv)) {
                    return old;
                }
            }
        }
        int wordOff = off & ~3;
        int shift = (off & 3) * 8;
        for (;;) {
            int word = (int) LE32.getVolatile(c, wordOff);
            long old = ((word & 0xffff_ffffL) >>> shift) & mask;
            long nv;
            if (kind == CMPXCHG) {
                if (old != expected) {
                    return old;
                }
                nv = replacement;
            } else {
                nv = apply(kind, old, src, cin);
            }
            int updated = (int) ((word & ~(mask << shift)) | ((nv & mask) << shift));
            if (LE32.compareAndSet(c, wordOff, word, updated)) {
                return old;
            }
        }
    }

    /** CMPXCHG16B: 16 aligned bytes, under the global lock (the host has no 128-bit CAS). */
    public static boolean cmpxchg16(X86State s, long la, long expectLo, long expectHi, long newLo, long newHi,
            long[] old) {
        synchronized (SPLIT_LOCK) {
            s.mem.probeWrite(la, 3);
            s.mem.probeWrite(la + 8, 3);
            old[0] = s.mem.read(la, 3);
            old[1] = s.mem.read(la + 8, 3);
            if (old[0] == expectLo && old[1] == expectHi) {
                s.mem.write(la, 3, newLo);
                s.mem.write(la + 8, 3, newHi);
                return true;
            }
            return false;
        }
    }
}
