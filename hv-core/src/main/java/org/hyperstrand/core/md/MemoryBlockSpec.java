package org.hyperstrand.core.md;

/** One block of a domain's real memory as the MD shows it: an "mblock" node (reference section 8.3). */
public record MemoryBlockSpec(long ra, long size) {

    public MemoryBlockSpec {
        if (ra < 0 || size <= 0 || ra + size < ra) {
            throw new IllegalArgumentException("bad memory block ra=0x" + Long.toHexString(ra) + " size=0x"
                    + Long.toHexString(size));
        }
    }

    public long end() {
        return ra + size;
    }
}
