package org.hyperstrand.core.machine;

import java.util.BitSet;

/** The machine's physical strands; a domain's virtual CPUs are strands taken from here. */
public final class StrandPool {

    private final int size;
    private final BitSet used = new BitSet();

    public StrandPool(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a machine needs at least one strand");
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    public synchronized int free() {
        return size - used.cardinality();
    }

    /** Takes {@code n} free strands, lowest numbers first; all or nothing. */
    public synchronized int[] take(int n) {
        if (n <= 0 || n > free()) {
            throw new IllegalArgumentException("asked for " + n + " strands, " + free() + " of " + size + " are free");
        }
        int[] got = new int[n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            at = used.nextClearBit(at);
            used.set(at);
            got[i] = at;
        }
        return got;
    }

    /** True if {@code strand} is bound to a domain. */
    public synchronized boolean taken(int strand) {
        return used.get(strand);
    }

    public synchronized void give(int strand) {
        used.clear(strand);
    }
}
