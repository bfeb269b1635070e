package org.hyperstrand.core.mem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A domain's real address space: the mblocks it was given, translating real addresses (what
 * the guest calls physical) to host physical addresses. Every address a guest hands to the
 * hypervisor goes through {@link #toPhysical} so no guest can reach another domain's memory.
 */
public final class RealMemoryMap {

    private final MemoryBlock[] blocks;

    public RealMemoryMap(List<MemoryBlock> blocks) {
        List<MemoryBlock> sorted = new ArrayList<>(blocks);
        sorted.sort(Comparator.comparingLong(MemoryBlock::ra));
        for (int i = 1; i < sorted.size(); i++) {
            MemoryBlock prev = sorted.get(i - 1);
            if (sorted.get(i).ra() < prev.ra() + prev.size()) {
                throw new IllegalArgumentException("memory blocks overlap at ra 0x" + Long.toHexString(sorted.get(i).ra()));
            }
        }
        this.blocks = sorted.toArray(new MemoryBlock[0]);
    }

    public List<MemoryBlock> blocks() {
        return List.of(blocks);
    }

    /** Total bytes of real memory. */
    public long size() {
        long n = 0;
        for (MemoryBlock b : blocks) {
            n += b.size();
        }
        return n;
    }

    /**
     * The host physical address of [ra, ra+len), or -1 when any byte of it is outside the
     * domain's memory or the range spans two blocks (a single access never does).
     */
    public long toPhysical(long ra, long len) {
        if (len < 0) {
            return -1;
        }
        for (MemoryBlock b : blocks) {
            if (b.containsRa(ra)) {
                long offset = ra - b.ra();
                return len <= b.size() - offset ? b.pa() + offset : -1;
            }
        }
        return -1;
    }

    /** True if every byte of [ra, ra+len) is real memory of this domain (several blocks allowed). */
    public boolean isValid(long ra, long len) {
        if (len < 0 || ra < 0 || ra + len < ra) {
            return false;
        }
        long at = ra;
        long end = ra + len;
        while (at < end) {
            MemoryBlock b = blockAt(at);
            if (b == null) {
                return false;
            }
            at = b.ra() + b.size();
        }
        return true;
    }

    private MemoryBlock blockAt(long ra) {
        for (MemoryBlock b : blocks) {
            if (b.containsRa(ra)) {
                return b;
            }
        }
        return null;
    }
}
