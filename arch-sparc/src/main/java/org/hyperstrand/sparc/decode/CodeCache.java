package org.hyperstrand.sparc.decode;

import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * The decoded pages of one domain, shared by its CPUs and keyed by host physical page, so a
 * store by any CPU of the domain invalidates the page for all of them.
 *
 * <p>CPUs consult it only on the slow paths: when instruction fetch leaves the pages in the
 * CPU's own small code TLB, and when a CPU's software TLB maps a page for writing. The
 * {@link #epoch} counts pages decoded; a CPU whose write TLB predates the current epoch drops
 * it, so that its next store to a freshly decoded page comes back here and invalidates it.
 */
public final class CodeCache {

    private final LongObjectHashMap<DecodedPage> pages = new LongObjectHashMap<>();
    private volatile int epoch;

    /** Bumped whenever a page gains decoded code. */
    public int epoch() {
        return epoch;
    }

    /** The valid decoded page for {@code paPage}, made now if there is none. */
    public synchronized DecodedPage page(long paPage, byte[] chunk, int chunkOffset) {
        DecodedPage p = pages.get(paPage);
        if (p == null || p.chunk != chunk) {
            if (p != null) {
                p.valid = false;
            }
            p = new DecodedPage(paPage, chunk, chunkOffset);
            pages.put(paPage, p);
            epoch++;
        }
        return p;
    }

    /** True if {@code paPage} holds decoded code. */
    public synchronized boolean contains(long paPage) {
        return pages.containsKey(paPage);
    }

    /** Forgets the decoded code of {@code paPage}; returns whether there was any. */
    public synchronized boolean invalidate(long paPage) {
        DecodedPage p = pages.remove(paPage);
        if (p == null) {
            return false;
        }
        p.valid = false;
        return true;
    }

    /** Forgets every decoded page, e.g. after the hypervisor loaded a new image. */
    public synchronized void invalidateAll() {
        pages.forEachValue(p -> p.valid = false);
        pages.clear();
        epoch++;
    }

    public synchronized int size() {
        return pages.size();
    }
}
