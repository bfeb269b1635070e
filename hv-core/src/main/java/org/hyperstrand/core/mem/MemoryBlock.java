package org.hyperstrand.core.mem;

/** One mblock: {@code size} bytes of a domain's real address space at {@code ra}, backed at {@code pa}. */
public record MemoryBlock(long ra, long pa, long size) {

    public MemoryBlock {
        if (size <= 0 || ra < 0 || pa < 0 || ra + size < ra || pa + size < pa) {
            throw new IllegalArgumentException("bad memory block ra=" + Long.toHexString(ra) + " pa="
                    + Long.toHexString(pa) + " size=" + size);
        }
    }

    public boolean containsRa(long addr) {
        return addr >= ra && addr - ra < size;
    }
}
