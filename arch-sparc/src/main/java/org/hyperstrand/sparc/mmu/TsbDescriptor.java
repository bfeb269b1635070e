package org.hyperstrand.sparc.mmu;

import static org.hyperstrand.core.hcall.api.HvConstants.TSB_DESCR_ASSOC_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.TSB_DESCR_CTX_IDX_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.TSB_DESCR_NUM_TTES_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.TSB_DESCR_PGSZ_IDX_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.TSB_DESCR_PGSZ_MASK_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.TSB_DESCR_RESV_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.TSB_DESCR_SIZE;
import static org.hyperstrand.core.hcall.api.HvConstants.TSB_DESCR_TSB_BASE_OFFSET;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One TSB as a guest described it to mmu_tsb_ctx0 / mmu_tsb_ctxnon0 (layout tsb_descr, 32
 * bytes, big-endian). The unsigned fields are widened so no guest value can turn negative.
 *
 * @param pgszIdx  page-size code used to index the TSB
 * @param assoc    associativity (only 1 is accepted)
 * @param numTtes  number of 16-byte entries
 * @param ctxIdx   0 or 1 (a context register), or {@link #SHARED}
 * @param pgszMask page sizes the TSB may hold
 * @param base     real address of the TSB
 * @param resv     the reserved doubleword
 */
public record TsbDescriptor(int pgszIdx, int assoc, long numTtes, long ctxIdx, long pgszMask, long base, long resv) {

    /** ctx_idx of a shared TSB, whose tags carry the context and are compared in full. */
    public static final long SHARED = 0xffff_ffffL;

    /** Bytes of one TSB entry: the tag, then the TTE data. */
    public static final int ENTRY_BYTES = 16;

    /** Decodes the descriptor at {@code offset} of {@code bytes}. */
    public static TsbDescriptor parse(byte[] bytes, int offset) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, TSB_DESCR_SIZE).order(ByteOrder.BIG_ENDIAN);
        return new TsbDescriptor(
                b.getShort(offset + TSB_DESCR_PGSZ_IDX_OFFSET) & 0xffff,
                b.getShort(offset + TSB_DESCR_ASSOC_OFFSET) & 0xffff,
                b.getInt(offset + TSB_DESCR_NUM_TTES_OFFSET) & 0xffff_ffffL,
                b.getInt(offset + TSB_DESCR_CTX_IDX_OFFSET) & 0xffff_ffffL,
                b.getInt(offset + TSB_DESCR_PGSZ_MASK_OFFSET) & 0xffff_ffffL,
                b.getLong(offset + TSB_DESCR_TSB_BASE_OFFSET),
                b.getLong(offset + TSB_DESCR_RESV_OFFSET));
    }

    /** Encodes the descriptor into {@code bytes} at {@code offset}, as mmu_tsb_*_info returns it. */
    public void write(byte[] bytes, int offset) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        b.putShort(offset + TSB_DESCR_PGSZ_IDX_OFFSET, (short) pgszIdx);
        b.putShort(offset + TSB_DESCR_ASSOC_OFFSET, (short) assoc);
        b.putInt(offset + TSB_DESCR_NUM_TTES_OFFSET, (int) numTtes);
        b.putInt(offset + TSB_DESCR_CTX_IDX_OFFSET, (int) ctxIdx);
        b.putInt(offset + TSB_DESCR_PGSZ_MASK_OFFSET, (int) pgszMask);
        b.putLong(offset + TSB_DESCR_TSB_BASE_OFFSET, base);
        b.putLong(offset + TSB_DESCR_RESV_OFFSET, resv);
    }

    /** True for a shared TSB (ctx_idx = 0xffffffff). */
    public boolean shared() {
        return ctxIdx == SHARED;
    }

    /** Size of the TSB in bytes. */
    public long bytes() {
        return numTtes * ENTRY_BYTES;
    }
}
