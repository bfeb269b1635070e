package org.hyperstrand.sparc.jit;

import static org.hyperstrand.sparc.mem.SparcMemory.BE16;
import static org.hyperstrand.sparc.mem.SparcMemory.BE32;
import static org.hyperstrand.sparc.mem.SparcMemory.BE64;

/**
 * Big-endian accesses to a host chunk at an offset the software TLB gave, called by translated
 * blocks (which run only with PSTATE.CLE clear) so the generated code needs no VarHandle calls.
 */
public final class BlockMemory {

    private BlockMemory() {
    }

    public static long ldub(byte[] c, int off) {
        return c[off] & 0xffL;
    }

    public static long ldsb(byte[] c, int off) {
        return c[off];
    }

    public static long lduh(byte[] c, int off) {
        return (short) BE16.get(c, off) & 0xffffL;
    }

    public static long ldsh(byte[] c, int off) {
        return (short) BE16.get(c, off);
    }

    public static long lduw(byte[] c, int off) {
        return (int) BE32.get(c, off) & 0xffff_ffffL;
    }

    public static long ldsw(byte[] c, int off) {
        return (int) BE32.get(c, off);
    }

    public static long ldx(byte[] c, int off) {
        return (long) BE64.get(c, off);
    }

    public static void stb(byte[] c, int off, long v) {
        c[off] = (byte) v;
    }

    public static void sth(byte[] c, int off, long v) {
        BE16.set(c, off, (short) v);
    }

    public static void stw(byte[] c, int off, long v) {
        BE32.set(c, off, (int) v);
    }

    public static void stx(byte[] c, int off, long v) {
        BE64.set(c, off, v);
    }
}
