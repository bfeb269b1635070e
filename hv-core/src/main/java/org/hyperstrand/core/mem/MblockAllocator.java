package org.hyperstrand.core.mem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Host physical memory as a free list of unit-aligned ranges. A domain's memory is carved from
 * it as one or more mblocks, lowest addresses first, and goes back to it when the domain is
 * unbound, where neighbouring free ranges merge again. Thread-safe.
 */
public final class MblockAllocator {

    private final long unit;
    /** Free ranges: start address to length, never adjacent (they are merged), all unit-aligned. */
    private final TreeMap<Long, Long> free = new TreeMap<>();
    /** Everything at or above this address belongs to someone else (the hypervisor's own pages). */
    private long limit;

    /** Manages [0, size) in units of {@code unit} bytes (a power of two). */
    public MblockAllocator(long size, long unit) {
        if (unit <= 0 || Long.bitCount(unit) != 1 || size <= 0 || size % unit != 0) {
            throw new IllegalArgumentException("cannot manage " + size + " bytes in units of " + unit);
        }
        this.unit = unit;
        this.limit = size;
        free.put(0L, size);
    }

    public long unit() {
        return unit;
    }

    /** Bytes not handed out. */
    public synchronized long freeBytes() {
        long n = 0;
        for (long len : free.values()) {
            n += len;
        }
        return n;
    }

    /** The free ranges as blocks (ra = pa), lowest first, for listings. */
    public synchronized List<MemoryBlock> freeRanges() {
        List<MemoryBlock> out = new ArrayList<>();
        free.forEach((pa, len) -> out.add(new MemoryBlock(pa, pa, len)));
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
        for (Map.Entry<Long, Long> r : free.entrySet()) {
            if (r.getValue() >= bytes) {
                take(r.getKey(), bytes);
                return List.of(new MemoryBlock(ra, r.getKey(), bytes));
            }
        }
        List<MemoryBlock> pieces = new ArrayList<>();
        long need = bytes;
        long at = ra;
        while (need > 0) {
            Map.Entry<Long, Long> r = free.firstEntry();
            long n = Math.min(need, r.getValue());
            take(r.getKey(), n);
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
        TreeMap<Long, Long> asked = new TreeMap<>();
        for (MemoryBlock b : blocks) {
            String where = String.format("mblock pa=0x%x size=0x%x", b.pa(), b.size());
            if (b.pa() % unit != 0 || b.size() % unit != 0) {
                throw new IllegalArgumentException(where + " is not aligned to " + (unit >> 20) + "M");
            }
            Map.Entry<Long, Long> r = free.floorEntry(b.pa());
            if (b.pa() + b.size() > limit || r == null || r.getKey() + r.getValue() < b.pa() + b.size()) {
                throw new IllegalArgumentException(where + " is not free");
            }
            Map.Entry<Long, Long> before = asked.floorEntry(b.pa() + b.size() - 1);
            if (before != null && before.getKey() + before.getValue() > b.pa()) {
                throw new IllegalArgumentException(where + " overlaps another of the same binding");
            }
            asked.put(b.pa(), b.size());
        }
        asked.forEach(this::take);
    }

    /** Returns blocks this allocator handed out; freeing memory that is already free is refused. */
    public synchronized void release(List<MemoryBlock> blocks) {
        for (MemoryBlock b : blocks) {
            if (overlapsFree(b.pa(), b.size()) || b.pa() + b.size() > limit) {
                throw new IllegalStateException(String.format("mblock pa=0x%x size=0x%x was not allocated",
                        b.pa(), b.size()));
            }
        }
        for (MemoryBlock b : blocks) {
            insert(b.pa(), b.size());
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
        Map.Entry<Long, Long> top = free.lastEntry();
        if (top == null || top.getKey() + top.getValue() != limit || top.getValue() < bytes) {
            return -1;
        }
        take(limit - bytes, bytes);
        limit -= bytes;
        return limit;
    }

    private boolean overlapsFree(long pa, long size) {
        Map.Entry<Long, Long> below = free.floorEntry(pa + size - 1);
        return below != null && below.getKey() + below.getValue() > pa;
    }

    /** Removes [pa, pa+n), which lies inside one free range, splitting that range as needed. */
    private void take(long pa, long n) {
        Map.Entry<Long, Long> r = free.floorEntry(pa);
        long start = r.getKey();
        long end = start + r.getValue();
        free.remove(start);
        if (pa > start) {
            free.put(start, pa - start);
        }
        if (pa + n < end) {
            free.put(pa + n, end - pa - n);
        }
    }

    private void insert(long pa, long n) {
        long start = pa;
        long end = pa + n;
        Map.Entry<Long, Long> below = free.lowerEntry(pa);
        if (below != null && below.getKey() + below.getValue() == pa) {
            start = below.getKey();
            free.remove(start);
        }
        Long aboveLen = free.get(end);
        if (aboveLen != null) {
            free.remove(end);
            end += aboveLen;
        }
        free.put(start, end - start);
    }
}
