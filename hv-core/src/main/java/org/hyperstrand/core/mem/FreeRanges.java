package org.hyperstrand.core.mem;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Free address ranges, start to length, merged whenever two touch, so that what comes back in
 * pieces can go out again whole. Not thread-safe: its owner locks.
 */
public final class FreeRanges {

    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    /** Gives back [start, start + length), which must not overlap a free range. */
    public void add(long start, long length) {
        long from = start;
        long to = start + length;
        Map.Entry<Long, Long> below = ranges.lowerEntry(start);
        if (below != null && below.getKey() + below.getValue() == start) {
            from = below.getKey();
            ranges.remove(from);
        }
        Long above = ranges.remove(to);
        if (above != null) {
            to += above;
        }
        ranges.put(from, to - from);
    }

    /** Takes [start, start + length), which must lie inside one free range, splitting it. */
    public void remove(long start, long length) {
        Map.Entry<Long, Long> r = ranges.floorEntry(start);
        long from = r.getKey();
        long to = from + r.getValue();
        ranges.remove(from);
        if (start > from) {
            ranges.put(from, start - from);
        }
        if (start + length < to) {
            ranges.put(start + length, to - start - length);
        }
    }

    /** The start of the lowest free range at least {@code length} long, or -1. */
    public long firstFit(long length) {
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            if (r.getValue() >= length) {
                return r.getKey();
            }
        }
        return -1;
    }

    /** Whether [start, start + length) lies inside one free range. */
    public boolean covers(long start, long length) {
        Map.Entry<Long, Long> r = ranges.floorEntry(start);
        return r != null && r.getKey() + r.getValue() >= start + length;
    }

    /** Whether any byte of [start, start + length) is free. */
    public boolean overlaps(long start, long length) {
        Map.Entry<Long, Long> below = ranges.floorEntry(start + length - 1);
        return below != null && below.getKey() + below.getValue() > start;
    }

    /** Free bytes in all. */
    public long total() {
        long n = 0;
        for (long len : ranges.values()) {
            n += len;
        }
        return n;
    }

    /** The free ranges, start to length, lowest first; read-only. */
    public NavigableMap<Long, Long> view() {
        return Collections.unmodifiableNavigableMap(ranges);
    }
}
