// Generated from the hypercall spec (specs/hypercalls) by 'hv spec gen --lang java'. Do not edit.
package org.hyperstrand.core.hcall.api;

/**
 * Named constants and the sizes and field offsets of the shared data layouts.
 */
public final class HvConstants {
    // ---- cpu_state (core): States reported by cpu_state.
    /**
     * stopped
     * <p>Since core 1.0.
     */
    public static final long CPU_STATE_STOPPED = 0x01L;
    /**
     * running
     * <p>Since core 1.0.
     */
    public static final long CPU_STATE_RUNNING = 0x02L;
    /**
     * in error
     * <p>Since core 1.1.
     */
    public static final long CPU_STATE_ERROR = 0x03L;

    // ---- layout tsb_descr (core): A TSB as handed to mmu_tsb_ctx0.
    public static final int TSB_DESCR_SIZE = 32;
    public static final int TSB_DESCR_ALIGN = 8;
    /**
     * page size used for indexing (u16)
     */
    public static final int TSB_DESCR_PGSZ_IDX_OFFSET = 0x00;
    /**
     * associativity, must be 1 (u16)
     */
    public static final int TSB_DESCR_ASSOC_OFFSET = 0x02;
    /**
     * number of entries (u32)
     */
    public static final int TSB_DESCR_NUM_TTES_OFFSET = 0x04;
    /**
     * real address of the TSB (ra)
     */
    public static final int TSB_DESCR_TSB_BASE_OFFSET = 0x10;
    /**
     * reserved, must be zero (u64)
     */
    public static final int TSB_DESCR_RESV_OFFSET = 0x18;

    private HvConstants() {
    }
}
