package org.hyperstrand.core.mem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Host physical memory as a free list of unit-aligned ranges. A domain's memory is carved from
 * it as one or more mblocks, lowest addresses first, and goes back to it when the domain is
 * unbound, where neighbouring free ranges merge again. Thread-safe.
 */
public final class MblockAllocator {

    private final long unit;
    /** Free ranges, all unit-aligned. */
    private final FreeRanges free = new FreeRanges();
    /** Everything at or above this address belongs to someone else (the hypervisor's own pages). */
    private long limit;

    /** Manages [0, size) in units of {@code unit} bytes (a power of two). */
    public MblockAllocator(long size, long unit) {
        if (unit <= 0 || Long.bitCount(unit) != 1 || size <= 0 || size % unit != 0) {
            throw new IllegalArgumentException("cannot manage " + size + " bytes in units of " + unit);
        }
        this.unit = unit;
        this.limit = size;
        free.add(0L, size);
    }

    public long unit() {
        return unit;
    }

    /** Bytes not handed out. */
    public synchronized long freeBytes() {
        return free.total();
    }

    /** The free ranges as blocks (ra = pa), lowest first, for listings. */
    public synchronized List<MemoryBlock> freeRanges() {
        List<MemoryBlock> out = new ArrayList<>();
        free.view().forEach((pa, len) -> out.add(new MemoryBlock(pa, pa, len)));
        return out;
    }

    /**
     * Takes {@code bytes} (a positive multiple of the unit) as mblocks at consecutive real
     * addresses from {@code ra}: the lowest free range that holds it all, else pieces of free
     * ranges from the lowest address up. All or nothing.
     *
     * @throws IllegalArgumentException for a bad size or when not enough memory is free
     */
    public synchronized List<MemoryBlock> allocate(long ra, long bytes) {
        if (bytes <= 0 || bytes % unit != 0) {
            throw new IllegalArgumentException("memory must be a positive multiple of " + (unit >> 20) + "M, not "
                    + bytes + " bytes");
        }
        long available = freeBytes();
        if (bytes > available) {
            throw new IllegalArgumentException("not enough free memory: asked for " + bytes + " bytes, " + available
                    + " are free");
        }
        long whole = free.firstFit(bytes);
        if (whole >= 0) {
            free.remove(whole, bytes);
            return List.of(new MemoryBlock(ra, whole, bytes));
        }
        List<MemoryBlock> pieces = new ArrayList<>();
        long need = bytes;
        long at = ra;
        while (need > 0) {
            Map.Entry<Long, Long> r = free.view().firstEntry();
            long n = Math.min(need, r.getValue());
            free.remove(r.getKey(), n);
            pieces.add(new MemoryBlock(at, r.getKey(), n));
            at += n;
            need -= n;
        }
        return pieces;
    }

    /**
     * Takes exactly the host memory of {@code blocks}, for a binding restored as it was; each
     * must be free, unit-aligned and below the limit, and they must not overlap. All or nothing.
     */
    public synchronized void reserve(List<MemoryBlock> blocks) {
        FreeRanges asked = new FreeRanges(); // what the blocks so far cover, to find overlaps
        for (MemoryBlock b : blocks) {
            String where = String.format("mblock pa=0x%x size=0x%x", b.pa(), b.size());
            if (b.pa() % unit != 0 || b.size() % unit != 0) {
                throw new IllegalArgumentException(where + " is not aligned to " + (unit >> 20) + "M");
            }
            if (b.pa() + b.size() > limit || !free.covers(b.pa(), b.size())) {
                throw new IllegalArgumentException(where + " is not free");
            }
            if (asked.overlaps(b.pa(), b.size())) {
                throw new IllegalArgumentException(where + " overlaps another of the same binding");
            }
            asked.add(b.pa(), b.size());
        }
        blocks.forEach(b -> free.remove(b.pa(), b.size()));
    }

    /** Returns blocks this allocator handed out; freeing memory that is already free is refused. */
    public synchronized void release(List<MemoryBlock> blocks) {
        for (MemoryBlock b : blocks) {
            if (free.overlaps(b.pa(), b.size()) || b.pa() + b.size() > limit) {
                throw new IllegalStateException(String.format("mblock pa=0x%x size=0x%x was not allocated",
                        b.pa(), b.size()));
            }
        }
        for (MemoryBlock b : blocks) {
            free.add(b.pa(), b.size());
        }
    }

    /**
     * Withdraws the top {@code bytes} below the limit for another owner, if they are free, and
     * returns the new limit; -1 when that memory is in use.
     */
    public synchronized long withdrawTop(long bytes) {
        if (bytes <= 0 || bytes % unit != 0 || bytes > limit) {
            return -1;
        }
        Map.Entry<Long, Long> top = free.view().lastEntry();
        if (top == null || top.getKey() + top.getValue() != limit || top.getValue() < bytes) {
            return -1;
        }
        free.remove(limit - bytes, bytes);
        limit -= bytes;
        return limit;
    }
}
