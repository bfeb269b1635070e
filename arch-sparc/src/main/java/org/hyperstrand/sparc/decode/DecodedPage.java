package org.hyperstrand.sparc.decode;

import org.hyperstrand.sparc.cpu.SparcArch;
import org.hyperstrand.sparc.jit.PageBlocks;

/**
 * The decoded instructions of one 8 KiB page of host physical memory. Slots are decoded on
 * first execution ({@link #ops} holds 0 until then). A page becomes invalid, for good, when
 * something writes to it; the next fetch then builds a fresh page.
 */
public final class DecodedPage {

    /** Instructions per page. */
    public static final int SLOTS = SparcArch.PAGE_SIZE / 4;

    /** Host physical page number: pa >>> 13. */
    public final long paPage;
    /** The host memory chunk holding the page, and the page's offset in it. */
    public final byte[] chunk;
    public final int chunkOffset;
    public final long[] ops = new long[SLOTS];
    /**
     * The translated blocks of this page, made on first use; they die with the page, so a write
     * that invalidates the decoded instructions invalidates the translations too.
     */
    public PageBlocks blocks;
    /** Cleared, never set again, when the page's memory is written. */
    public volatile boolean valid = true;

    public DecodedPage(long paPage, byte[] chunk, int chunkOffset) {
        this.paPage = paPage;
        this.chunk = chunk;
        this.chunkOffset = chunkOffset;
    }
}
