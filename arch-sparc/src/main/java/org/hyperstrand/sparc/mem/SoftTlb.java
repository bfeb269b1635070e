package org.hyperstrand.sparc.mem;

import static org.hyperstrand.sparc.cpu.SparcArch.PAGE_SHIFT;

import java.util.Arrays;
import org.hyperstrand.sparc.decode.DecodedPage;

/**
 * One set of software-TLB arrays for one translation regime: direct-mapped on the 8 KiB page
 * of the address the instructions use (a real address with the MMU off, a virtual address in
 * one context with one privilege level with it on). A read or write entry holds the host chunk
 * and the page's offset in it, a code entry the {@link DecodedPage}. Tags are {@code addr >>> 13}
 * (the whole address above the page offset), -1 when empty.
 */
final class SoftTlb {

    static final int SIZE = 256;
    static final int CODE_SIZE = 64;
    /** Key of a set that serves no regime yet. */
    static final long UNUSED = Long.MIN_VALUE;

    /** The regime served: {@link SparcMemory#REAL}, or (context << 1 | privileged). */
    long key = UNUSED;

    final long[] rTag = new long[SIZE];
    final byte[][] rChunk = new byte[SIZE][];
    final int[] rBase = new int[SIZE];
    final long[] wTag = new long[SIZE];
    final byte[][] wChunk = new byte[SIZE][];
    final int[] wBase = new int[SIZE];
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
    }

    /**
     * Drops the entries of the 2^shift-byte page at {@code va}: the read and write entries when
     * {@code data}, the code entries when {@code code}.
     */
    void invalidate(long va, int shift, boolean data, boolean code) {
        long first = va >>> PAGE_SHIFT;
        int sub = shift - PAGE_SHIFT;
        if (sub <= 8) {  // at most SIZE pages: visit their slots
            long pages = 1L << sub;
            for (long p = first; p < first + pages; p++) {
                int i = (int) p & (SIZE - 1);
                if (data) {
                    if (rTag[i] == p) {
                        rTag[i] = -1;
                        rChunk[i] = null;
                    }
                    if (wTag[i] == p) {
                        wTag[i] = -1;
                        wChunk[i] = null;
                    }
                }
                int c = (int) p & (CODE_SIZE - 1);
                if (code && cTag[c] == p) {
                    cTag[c] = -1;
                    cPage[c] = null;
                }
            }
            return;
        }
        for (int i = 0; i < SIZE; i++) {
            if (data && ((rTag[i] ^ first) >>> sub) == 0) {
                rTag[i] = -1;
                rChunk[i] = null;
            }
            if (data && ((wTag[i] ^ first) >>> sub) == 0) {
                wTag[i] = -1;
                wChunk[i] = null;
            }
        }
        for (int c = 0; c < CODE_SIZE; c++) {
            if (code && ((cTag[c] ^ first) >>> sub) == 0) {
                cTag[c] = -1;
                cPage[c] = null;
            }
        }
    }
}
