package org.hyperstrand.sparc.jit;

import org.hyperstrand.sparc.cpu.SparcState;

/**
 * Brings the CPU's ring of recent fetch PCs up to date when a block exits, as if the interpreter
 * had fetched each instruction the block retired. Paths are strings of instruction offsets from
 * the block start (one char per instruction, offset / 4), so they are constants of the block.
 */
public final class PcTrail {

    private PcTrail() {
    }

    /**
     * Records {@code loops} passes over {@code loopPath} and then {@code path}, all relative to
     * {@code base}; only the last 16 can still be in the ring.
     */
    public static void record(SparcState s, long base, String loopPath, int loops, String path) {
        int n = path.length();
        long loopLen = loopPath == null ? 0 : (long) loops * loopPath.length();
        long total = loopLen + n;
        int keep = (int) Math.min(total, s.pcRing.length);
        long[] ring = s.pcRing;
        int pos = s.ringPos;
        for (long j = total - keep; j < total; j++) {
            int off = j >= loopLen ? path.charAt((int) (j - loopLen)) : loopPath.charAt((int) (j % loopPath.length()));
            pos = (pos + 1) & (ring.length - 1);
            ring[pos] = base + 4L * off;
        }
        s.ringPos = pos;
    }
}
