package org.hyperstrand.sparc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.sparc.cpu.SparcCore;
import org.hyperstrand.sparc.cpu.SparcState;

/**
 * A CPU on a {@link TestGuest}, with helpers to place code and run it. Programs start at
 * {@link #CODE}; {@link #TBA_BASE} is a convenient 32 KiB-aligned trap table address and
 * {@link #DATA} a scratch data area. By convention a test ends its program with {@code ta 0xff}
 * ({@link #STOP}), which ends the run with a HYPERCALL exit at that instruction.
 */
final class SparcRig {

    static final long CODE = 0x1_0000;
    static final long TBA_BASE = 0x2_0000;
    static final long DATA = 0x4_0000;
    static final long STACK_TOP = 0xf_0000;
    static final int STOP = Asm.ta(0xff);
    /** The 64-bit SPARC ABI stack bias. */
    static final int BIAS = 2047;

    final TestGuest guest = new TestGuest();
    final SparcCore core = new SparcCore(guest, 0);
    final SparcState s = core.state();

    /** Writes instruction words at real address {@code ra}; returns the address after them. */
    long put(long ra, int... words) {
        for (int w : words) {
            guest.memory.write32BE(TestGuest.PA_BASE + ra, w);
            ra += 4;
        }
        return ra;
    }

    /** Concatenates instruction words and arrays of them. */
    static int[] code(Object... parts) {
        int n = 0;
        for (Object p : parts) {
            n += p instanceof int[] ? ((int[]) p).length : 1;
        }
        int[] out = new int[n];
        int i = 0;
        for (Object p : parts) {
            if (p instanceof int[]) {
                for (int w : (int[]) p) {
                    out[i++] = w;
                }
            } else {
                out[i++] = (Integer) p;
            }
        }
        return out;
    }

    /** Loads {@code words} at {@link #CODE} and starts the CPU there with argument 0. */
    SparcRig program(int... words) {
        put(CODE, words);
        core.start(CODE, 0);
        return this;
    }

    /** Places a trap handler for {@code tt} at TL=0 (or TL>0) of the table at {@link #TBA_BASE}. */
    long handler(int tt, boolean tlAboveZero, int... words) {
        long at = TBA_BASE + (tlAboveZero ? 0x4000 : 0) + ((long) tt << 5);
        put(at, words);
        return at;
    }

    int run(long budget) {
        return core.run(budget);
    }

    /** Runs until the program's {@code ta 0xff}; fails on any other exit. */
    SparcRig runToStop() {
        int exit = core.run(100_000);
        assertEquals(VcpuExit.HYPERCALL, exit, () -> "expected the stop hypercall, got exit " + exit + "\n" + core.report());
        assertEquals(VcpuExit.KIND_CORE, core.hypercallKind(), core::report);
        return this;
    }

    long reg(int r) {
        return s.r[r];
    }

    long read64(long ra) {
        return guest.memory.read64BE(TestGuest.PA_BASE + ra);
    }

    int read32(long ra) {
        return guest.memory.read32BE(TestGuest.PA_BASE + ra);
    }

    void write64(long ra, long v) {
        guest.memory.write64BE(TestGuest.PA_BASE + ra, v);
    }

    void write32(long ra, int v) {
        guest.memory.write32BE(TestGuest.PA_BASE + ra, v);
    }

    /**
     * A 64-bit ABI spill handler: stores the locals and ins at %sp + BIAS, counts spills in %g5
     * of the trap's global set, then SAVED and RETRY.
     */
    static int[] spillHandler() {
        int[] h = new int[19];
        for (int i = 0; i < 16; i++) {
            h[i] = Asm.stx(Asm.L0 + i, Asm.SP, BIAS + 8 * i);
        }
        h[16] = Asm.addi(Asm.G5, Asm.G5, 1);
        h[17] = Asm.saved();
        h[18] = Asm.retry();
        return h;
    }

    /** The matching fill handler, counting fills in %g6. */
    static int[] fillHandler() {
        int[] h = new int[19];
        for (int i = 0; i < 16; i++) {
            h[i] = Asm.ldx(Asm.L0 + i, Asm.SP, BIAS + 8 * i);
        }
        h[16] = Asm.addi(Asm.G6, Asm.G6, 1);
        h[17] = Asm.restored();
        h[18] = Asm.retry();
        return h;
    }

    /** Sets TBA directly (tests that are not about wrpr). */
    void tba(long tba) {
        s.tba = tba;
    }
}
