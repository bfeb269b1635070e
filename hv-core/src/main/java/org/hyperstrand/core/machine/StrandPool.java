package org.hyperstrand.core.machine;

import java.util.BitSet;
import java.util.List;

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

    /** Takes exactly {@code wanted}, each of them free and of this pool; all or nothing. */
    public synchronized void takeExactly(List<Integer> wanted) {
        BitSet asked = new BitSet();
        for (int s : wanted) {
            if (s < 0 || s >= size) {
                throw new IllegalArgumentException("strand " + s + " is not one of the machine's " + size);
            }
            if (used.get(s) || asked.get(s)) {
                throw new IllegalArgumentException("strand " + s + " is " + (asked.get(s) ? "named twice" : "taken"));
            }
            asked.set(s);
        }
        used.or(asked);
    }

    /** True if {@code strand} is bound to a domain. */
    public synchronized boolean taken(int strand) {
        return used.get(strand);
    }

    public synchronized void give(int strand) {
        used.clear(strand);
    }
}
