package org.hyperstrand.sparc.mmu;

import java.util.Arrays;

/**
 * One translation lookaside buffer (instruction or data side) of a strand: a fully associative
 * set of entries, each mapping one page of 2^shift bytes in one context to a real page.
 *
 * <p>Replacement is round-robin over the entries that are not locked, after any free entry is
 * used, so a guest that cycles through more pages than the TLB holds misses on every one of
 * them, deterministically. Locked entries hold permanent mappings: neither replacement nor a
 * demap removes them, only {@link #removeLocked} and {@link #flush}. Loading an entry first
 * removes the unlocked entries of the same context that overlap it (the hardware's auto-demap),
 * so a lookup never sees two of them.
 *
 * <p>Every removal is reported to the {@link Listener}, which keeps the CPU's software TLB a
 * subset of this one. Lookups run only on software-TLB misses, but those come at the rate of
 * TLB misses: a hash index on (page, context, page size) makes a lookup one probe per page size
 * in use instead of a scan of every entry.
 */
public final class Tlb {

    /** Told of every entry that leaves the TLB. */
    public interface Listener {
        void removed(long va, int shift, int ctx);
    }

    private final int capacity;
    private final long[] va;
    private final long[] ra;
    private final long[] tte;
    private final int[] ctx;
    private final int[] shift;
    private final boolean[] valid;
    private final boolean[] locked;
    private final Listener listener;
    private int victim;
    private int used;

    // hash index: chains of entries per bucket
    private final int[] bucket;
    private final int[] next;
    private final int bucketMask;
    /** Valid entries per page shift (13..34), to probe only the sizes present. */
    private final int[] perShift = new int[64];
    /** Bit s set: some valid entry has page shift s. */
    private long shiftsInUse;

    public Tlb(int capacity, Listener listener) {
        this.capacity = capacity;
        this.va = new long[capacity];
        this.ra = new long[capacity];
        this.tte = new long[capacity];
        this.ctx = new int[capacity];
        this.shift = new int[capacity];
        this.valid = new boolean[capacity];
        this.locked = new boolean[capacity];
        this.listener = listener;
        int buckets = Integer.highestOneBit(Math.max(capacity, 8) * 4 - 1) * 2;
        this.bucket = new int[buckets];
        this.bucketMask = buckets - 1;
        this.next = new int[capacity];
        Arrays.fill(bucket, -1);
    }

    public int capacity() {
        return capacity;
    }

    /** Number of valid entries. */
    public int size() {
        return used;
    }

    private int hash(long page, int context, int pageShift) {
        long h = (page ^ ((long) context << 40) ^ ((long) pageShift << 58)) * 0x9e37_79b9_7f4a_7c15L;
        return (int) (h >>> 40) & bucketMask;
    }

    private int find(long addr, int context, int pageShift) {
        long page = addr >>> pageShift;
        for (int i = bucket[hash(page, context, pageShift)]; i >= 0; i = next[i]) {
            if (ctx[i] == context && shift[i] == pageShift && (va[i] >>> pageShift) == page) {
                return i;
            }
        }
        return -1;
    }

    /** The entry translating {@code addr} in context {@code context}, or -1. */
    public int lookup(long addr, int context) {
        for (long shifts = shiftsInUse; shifts != 0; shifts &= shifts - 1) {
            int i = find(addr, context, Long.numberOfTrailingZeros(shifts));
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    public long va(int entry) {
        return va[entry];
    }

    public long ra(int entry) {
        return ra[entry];
    }

    public long tte(int entry) {
        return tte[entry];
    }

    public int ctx(int entry) {
        return ctx[entry];
    }

    public int shift(int entry) {
        return shift[entry];
    }

    public boolean locked(int entry) {
        return locked[entry];
    }

    /**
     * Loads a translation of the 2^pageShift-byte page holding {@code addr} in {@code context}
     * to the real page {@code realPage}; returns its entry.
     */
    public int insert(long addr, int context, long data, long realPage, int pageShift, boolean lock) {
        long base = addr & -(1L << pageShift);
        autoDemap(base, context, pageShift);
        int slot = used < capacity ? freeSlot() : -1;
        if (slot < 0) {
            slot = nextVictim();
            remove(slot);
        }
        va[slot] = base;
        ra[slot] = realPage;
        tte[slot] = data;
        ctx[slot] = context;
        shift[slot] = pageShift;
        locked[slot] = lock;
        valid[slot] = true;
        used++;
        link(slot);
        return slot;
    }

    /** Removes the unlocked entries of {@code context} that overlap the page at {@code base}. */
    private void autoDemap(long base, int context, int pageShift) {
        for (long shifts = shiftsInUse; shifts != 0; shifts &= shifts - 1) {
            int s = Long.numberOfTrailingZeros(shifts);
            if (s >= pageShift) {  // at most one entry of that size holds the new page
                int i = find(base, context, s);
                if (i >= 0 && !locked[i]) {
                    remove(i);
                }
            } else {  // smaller entries inside the new page: rare, scan
                for (int i = 0; i < capacity; i++) {
                    if (valid[i] && !locked[i] && ctx[i] == context && shift[i] == s
                            && ((va[i] ^ base) >>> pageShift) == 0) {
                        remove(i);
                    }
                }
            }
        }
    }

    private int freeSlot() {
        for (int i = 0; i < capacity; i++) {
            if (!valid[i]) {
                return i;
            }
        }
        return -1;
    }

    private int nextVictim() {
        for (int n = 0; n < capacity; n++) {
            int i = victim;
            victim = (victim + 1) % capacity;
            if (!locked[i]) {
                return i;
            }
        }
        // every entry locked: cannot happen with at most 8 permanent mappings, but never loop
        int i = victim;
        victim = (victim + 1) % capacity;
        return i;
    }

    private void link(int i) {
        int h = hash(va[i] >>> shift[i], ctx[i], shift[i]);
        next[i] = bucket[h];
        bucket[h] = i;
        if (perShift[shift[i]]++ == 0) {
            shiftsInUse |= 1L << shift[i];
        }
    }

    private void unlink(int i) {
        int h = hash(va[i] >>> shift[i], ctx[i], shift[i]);
        if (bucket[h] == i) {
            bucket[h] = next[i];
        } else {
            for (int p = bucket[h]; p >= 0; p = next[p]) {
                if (next[p] == i) {
                    next[p] = next[i];
                    break;
                }
            }
        }
        if (--perShift[shift[i]] == 0) {
            shiftsInUse &= ~(1L << shift[i]);
        }
    }

    private void remove(int i) {
        if (!valid[i]) {
            return;
        }
        unlink(i);
        valid[i] = false;
        locked[i] = false;
        used--;
        listener.removed(va[i], shift[i], ctx[i]);
    }

    /** Removes the unlocked entries of {@code context} whose page holds {@code addr}. */
    public void demapPage(long addr, int context) {
        for (long shifts = shiftsInUse; shifts != 0; shifts &= shifts - 1) {
            int i = find(addr, context, Long.numberOfTrailingZeros(shifts));
            if (i >= 0 && !locked[i]) {
                remove(i);
            }
        }
    }

    /** Removes every unlocked entry of {@code context}. */
    public void demapContext(int context) {
        for (int i = 0; i < capacity; i++) {
            if (valid[i] && !locked[i] && ctx[i] == context) {
                remove(i);
            }
        }
    }

    /** Removes every unlocked entry. */
    public void demapAll() {
        for (int i = 0; i < capacity; i++) {
            if (valid[i] && !locked[i]) {
                remove(i);
            }
        }
    }

    /** Removes the locked (permanent) entries of context 0 whose page holds {@code addr}. */
    public void removeLocked(long addr) {
        for (long shifts = shiftsInUse; shifts != 0; shifts &= shifts - 1) {
            int i = find(addr, 0, Long.numberOfTrailingZeros(shifts));
            if (i >= 0 && locked[i]) {
                remove(i);
            }
        }
    }

    /** Empties the TLB, locked entries included. */
    public void flush() {
        for (int i = 0; i < capacity; i++) {
            remove(i);
        }
        victim = 0;
    }
}
