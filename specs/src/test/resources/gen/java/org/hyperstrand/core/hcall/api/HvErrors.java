// Generated from the hypercall spec (specs/hypercalls) by 'hv spec gen --lang java'. Do not edit.
package org.hyperstrand.core.hcall.api;

/**
 * Status codes returned in the status register; 0 is success.
 */
public final class HvErrors {
    /**
     * success
     * <p>Since core 1.0.
     */
    public static final long EOK = 0L;
    /**
     * bad CPU id
     * <p>Since core 1.0.
     */
    public static final long ENOCPU = 1L;
    /**
     * bad argument
     * <p>Since core 1.0.
     */
    public static final long EINVAL = 6L;
    /**
     * The function number is unknown or its group version is not negotiated.
     * <p>Since core 1.0.
     */
    public static final long EBADTRAP = 7L;

    private HvErrors() {
    }

    /**
     * The name of a status code, or its number when the spec has no such code.
     */
    public static String name(long status) {
        return switch ((int) status) {
            case 0 -> status == 0L ? "EOK" : Long.toString(status);
            case 1 -> status == 1L ? "ENOCPU" : Long.toString(status);
            case 6 -> status == 6L ? "EINVAL" : Long.toString(status);
            case 7 -> status == 7L ? "EBADTRAP" : Long.toString(status);
            default -> Long.toString(status);
        };
    }
}
