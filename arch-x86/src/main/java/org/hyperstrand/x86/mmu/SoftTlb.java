package org.hyperstrand.x86.mmu;

import java.util.Arrays;
import org.hyperstrand.x86.decode.DecodedPage;

/**
 * One set of software-TLB arrays, direct-mapped on the 4 KiB linear page: reads, writes and
 * instruction fetch each have their own tags. A read or write entry holds the host chunk and
 * the chunk offset of the page; a code entry the {@link DecodedPage}. Pages that hold decoded
 * instructions are never in the plain write entries; stores to them use the cw entries, which
 * also name the decoded page so the store can check whether it hit code. Tags are
 * {@code la >>> 12}, -1 when empty. A CPU has one set for supervisor and one for user
 * accesses, since the rights of a page differ between the two.
 */
final class SoftTlb {

    static final int SIZE = 1024;
    static final int CODE_SIZE = 256;

    final long[] rTag = new long[SIZE];
    final byte[][] rChunk = new byte[SIZE][];
    final int[] rBase = new int[SIZE];
    final long[] wTag = new long[SIZE];
    final byte[][] wChunk = new byte[SIZE][];
    final int[] wBase = new int[SIZE];
    /** Write entries of pages that hold decoded code: each store checks the page's marks. */
    final long[] cwTag = new long[SIZE];
    final byte[][] cwChunk = new byte[SIZE][];
    final int[] cwBase = new int[SIZE];
    final DecodedPage[] cwPage = new DecodedPage[SIZE];
    final long[] cTag = new long[CODE_SIZE];
    final DecodedPage[] cPage = new DecodedPage[CODE_SIZE];

    SoftTlb() {
        flush();
    }

    void flush() {
        Arrays.fill(rTag, -1L);
        Arrays.fill(rChunk, null);
        flushWrites();
        Arrays.fill(cTag, -1L);
        Arrays.fill(cPage, null);
    }

    void flushWrites() {
        Arrays.fill(wTag, -1L);
        Arrays.fill(wChunk, null);
        Arrays.fill(cwTag, -1L);
        Arrays.fill(cwChunk, null);
        Arrays.fill(cwPage, null);
    }

    /** Drops every entry whose 4 KiB page lies in the 2^shift pages from {@code first}. */
    void invalidateRange(long first, int shift) {
        for (int i = 0; i < SIZE; i++) {
            if (((rTag[i] ^ first) >>> shift) == 0) {
                rTag[i] = -1;
                rChunk[i] = null;
            }
            if (((wTag[i] ^ first) >>> shift) == 0) {
                wTag[i] = -1;
                wChunk[i] = null;
            }
            if (((cwTag[i] ^ first) >>> shift) == 0) {
                cwTag[i] = -1;
                cwChunk[i] = null;
                cwPage[i] = null;
            }
        }
        for (int c = 0; c < CODE_SIZE; c++) {
            if (((cTag[c] ^ first) >>> shift) == 0) {
                cTag[c] = -1;
                cPage[c] = null;
            }
        }
    }

    /** Drops every entry of linear page {@code page}. */
    void invalidate(long page) {
        int i = (int) page & (SIZE - 1);
        if (rTag[i] == page) {
            rTag[i] = -1;
            rChunk[i] = null;
        }
        if (wTag[i] == page) {
            wTag[i] = -1;
            wChunk[i] = null;
        }
        if (cwTag[i] == page) {
            cwTag[i] = -1;
            cwChunk[i] = null;
            cwPage[i] = null;
        }
        int c = (int) page & (CODE_SIZE - 1);
        if (cTag[c] == page) {
            cTag[c] = -1;
            cPage[c] = null;
        }
    }
}
