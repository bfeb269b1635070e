package org.hyperstrand.sparc.jit;

import java.util.Arrays;

/** A block's identity for {@link BlockCache}: see {@link BlockPlan#key()}. */
final class BlockKey {

    private final int[] values;
    private final int hash;

    BlockKey(int[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockKey k && hash == k.hash && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
