package org.hyperstrand.core.mem;

/**
 * A page of another domain's memory that appears in this domain's real address space at
 * {@code ra} (ldc_mapin): {@code size} bytes backed at host address {@code pa}, writable by this
 * domain's CPUs only if {@code writable}. Never executable. {@code ra} is aligned to the size
 * (a TTE or page-table entry may map it whole); {@code pa} only to 8 KiB, since the exporter's
 * memory block need not be aligned in host memory as it is in its real address space.
 */
public record ImportedPage(long ra, long pa, long size, boolean writable) {

    /** The smallest LDC page, 8 KiB: the host address need only be aligned to this. */
    public static final long MIN_ALIGN = 8192;

    public ImportedPage {
        if (size < MIN_ALIGN || Long.bitCount(size) != 1 || (ra & (size - 1)) != 0 || (pa & (MIN_ALIGN - 1)) != 0
                || ra < 0 || pa < 0) {
            throw new IllegalArgumentException("bad imported page ra=" + Long.toHexString(ra) + " pa="
                    + Long.toHexString(pa) + " size=" + size);
        }
    }

    public boolean containsRa(long addr) {
        return addr >= ra && addr - ra < size;
    }
}
