package org.hyperstrand.x86.decode;

/**
 * The decoded pages of one host physical memory, shared by every CPU on it and keyed by host
 * physical page, so a store by any CPU invalidates the page for all of them.
 *
 * <p>CPUs consult it only on slow paths: when instruction fetch leaves the pages in a CPU's code
 * TLB, and when a CPU's software TLB maps a page for writing. {@link #epoch} counts pages
 * decoded: a CPU whose write TLB predates the current epoch drops it, so that its next store to
 * a freshly decoded page comes back here and invalidates the page.
 */
public final class CodeCache {

    private long[] keys = new long[64];
    private DecodedPage[] values = new DecodedPage[64];
    private int size;
    private volatile int epoch;

    /** Bumped whenever a page gains decoded code. */
    public int epoch() {
        return epoch;
    }

    /** The valid decoded page for {@code paPage}, made now if there is none. */
    public synchronized DecodedPage page(long paPage, byte[] chunk, int chunkOffset) {
        int i = find(paPage);
        DecodedPage p = values[i];
        if (p != null && p.chunk == chunk) {
            return p;
        }
        if (p != null) {
            p.valid = false;
        } else {
            size++;
        }
        p = new DecodedPage(paPage, chunk, chunkOffset);
        keys[i] = paPage;
        values[i] = p;
        epoch++;
        if (size * 2 > keys.length) {
            grow();
        }
        return p;
    }

    /** The valid decoded page of {@code paPage}, or null. */
    public synchronized DecodedPage get(long paPage) {
        return values[find(paPage)];
    }

    /** True if {@code paPage} holds decoded code. */
    public synchronized boolean contains(long paPage) {
        return values[find(paPage)] != null;
    }

    /** Forgets the decoded code of {@code paPage}; returns whether there was any. */
    public synchronized boolean invalidate(long paPage) {
        int i = find(paPage);
        DecodedPage p = values[i];
        if (p == null) {
            return false;
        }
        p.valid = false;
        remove(i);
        return true;
    }

    /** Forgets every decoded page, e.g. after the hypervisor loaded a new image. */
    public synchronized void invalidateAll() {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                values[i].valid = false;
                values[i] = null;
            }
        }
        size = 0;
        epoch++;
    }

    public synchronized int size() {
        return size;
    }

    // ---- open addressing with linear probing on the page number ------------------------------

    private int slot(long key, int mask) {
        long h = key * 0x9e37_79b9_7f4a_7c15L;
        return (int) (h >>> 40) & mask;
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int find(long key) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void remove(int i) {
        int mask = keys.length - 1;
        values[i] = null;
        size--;
        // re-insert the rest of the probe run so lookups never stop at the hole
        int j = (i + 1) & mask;
        while (values[j] != null) {
            DecodedPage p = values[j];
            long k = keys[j];
            values[j] = null;
            int t = find(k);
            keys[t] = k;
            values[t] = p;
            j = (j + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        DecodedPage[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new DecodedPage[oldValues.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                int t = find(oldKeys[i]);
                keys[t] = oldKeys[i];
                values[t] = oldValues[i];
            }
        }
    }
}
