package org.hyperstrand.core.mem;

/**
 * A page of another domain's memory that appears in this domain's real address space at
 * {@code ra} (ldc_mapin): {@code size} bytes backed at host address {@code pa}, writable by this
 * domain's CPUs only if {@code writable}. Never executable.
 */
public record ImportedPage(long ra, long pa, long size, boolean writable) {

    public ImportedPage {
        if (size <= 0 || Long.bitCount(size) != 1 || (ra & (size - 1)) != 0 || (pa & (size - 1)) != 0 || ra < 0
                || pa < 0) {
            throw new IllegalArgumentException("bad imported page ra=" + Long.toHexString(ra) + " pa="
                    + Long.toHexString(pa) + " size=" + size);
        }
    }

    public boolean containsRa(long addr) {
        return addr >= ra && addr - ra < size;
    }
}
