package org.hyperstrand.x86.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The decoded instructions of one 4 KiB page of host physical memory, indexed by the byte
 * offset an instruction starts at: {@code ops[2 * offset]} holds word a and
 * {@code ops[2 * offset + 1]} word b of {@link Insn}. x86 code can start an instruction at any
 * byte, so every offset has a slot; a slot holds 0 until the instruction there is executed the
 * first time. Instructions that run past the end of the page are never stored here (the CPU
 * decodes them on each execution).
 *
 * <p>{@link #covered} marks every byte that belongs to a decoded instruction. A store into the
 * page invalidates it only if it touches a marked byte; stores to data that shares the page with
 * code leave the decoded instructions alone. The two sides are ordered so no store is missed,
 * even from another CPU: the decoder marks the bytes, fences, then checks that the bytes it
 * decoded are still in memory before it publishes the slot ({@link #publish}); a store writes,
 * fences, then looks at the marks ({@link #overlaps}). Either the store sees the mark (and
 * invalidates the page) or the decoder sees the stored bytes (and does not publish).
 *
 * <p>The page is shared by the CPUs of a machine. A slot is published by writing b, then a with
 * release semantics; readers load a with acquire semantics ({@link #word}), so a non-zero a
 * always comes with its b. A page becomes invalid, for good, when a store hits its decoded bytes
 * (or the hypervisor writes it); the next fetch then builds a fresh page.
 */
public final class DecodedPage {

    public static final int SIZE = 4096;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Host physical page number: pa >>> 12. */
    public final long paPage;
    /** The host memory chunk holding the page, and the page's offset in it. */
    public final byte[] chunk;
    public final int chunkOffset;
    public final long[] ops = new long[2 * SIZE];
    /** One bit per byte of the page: part of a decoded instruction. */
    private final long[] covered = new long[SIZE / 64];
    /** Cleared, never set again, when a store hits the page's decoded instructions. */
    public volatile boolean valid = true;

    public DecodedPage(long paPage, byte[] chunk, int chunkOffset) {
        this.paPage = paPage;
        this.chunk = chunk;
        this.chunkOffset = chunkOffset;
    }

    /** Word a of the instruction at byte {@code offset}, or 0 if it is not decoded yet. */
    public static long word(long[] ops, int offset) {
        return (long) SLOT.getAcquire(ops, offset << 1);
    }

    /**
     * Marks bytes [offset, offset + length) as decoded code (atomically, as other CPUs may mark
     * the same words) and fences, so the caller can then re-read the bytes it decoded.
     */
    public void markCovered(int offset, int length) {
        int end = Math.min(offset + length, SIZE);
        for (int at = offset; at < end; ) {
            int word = at >>> 6;
            int bits = Math.min(end - at, 64 - (at & 63));
            long mask = (bits == 64 ? -1L : (1L << bits) - 1) << (at & 63);
            if ((covered[word] & mask) != mask) {
                SLOT.getAndBitwiseOr(covered, word, mask);
            }
            at += bits;
        }
        VarHandle.fullFence();
    }

    /**
     * True if bytes [offset, offset + length) touch decoded code. The caller has stored to them
     * and fenced ({@link VarHandle#fullFence()}) before asking.
     */
    public boolean overlaps(int offset, int length) {
        int end = Math.min(offset + length, SIZE);
        for (int at = offset; at < end; ) {
            int word = at >>> 6;
            int bits = Math.min(end - at, 64 - (at & 63));
            long mask = (bits == 64 ? -1L : (1L << bits) - 1) << (at & 63);
            if (((long) SLOT.getVolatile(covered, word) & mask) != 0) {
                return true;
            }
            at += bits;
        }
        return false;
    }

    /** Stores a decoded instruction at byte {@code offset} (after {@link #markCovered}). */
    public void publish(int offset, long a, long b) {
        ops[(offset << 1) + 1] = b;
        SLOT.setRelease(ops, offset << 1, a);
    }
}
