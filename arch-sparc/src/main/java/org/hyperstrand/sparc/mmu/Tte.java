package org.hyperstrand.sparc.mmu;

import org.hyperstrand.core.hcall.api.HvConstants;

/**
 * Fields of a sun4v TTE data word and the page sizes of the modelled CPU: 8 KiB, 64 KiB,
 * 4 MiB and 256 MiB (size codes 0, 1, 3, 5), as the machine description's
 * {@code mmu-page-size-list} announces.
 */
public final class Tte {

    public static final long V = HvConstants.TTE_V;
    public static final long P = HvConstants.TTE_P;
    public static final long X = HvConstants.TTE_X;
    public static final long W = HvConstants.TTE_W;
    public static final long RA = HvConstants.TTE_RA;
    public static final long SZ = HvConstants.TTE_SZ;

    /** Bit n set: page-size code n is supported. */
    public static final int SUPPORTED_SIZES = (1 << HvConstants.PGSZ_IDX_8K) | (1 << HvConstants.PGSZ_IDX_64K)
            | (1 << HvConstants.PGSZ_IDX_4MB) | (1 << HvConstants.PGSZ_IDX_256MB);

    /** The base page: 8 KiB. */
    public static final int BASE_SHIFT = 13;

    private Tte() {
    }

    /** True if page-size code {@code code} (any long, e.g. straight from a guest) is one this CPU has. */
    public static boolean supportedSize(long code) {
        return code >= 0 && code < 8 && (SUPPORTED_SIZES & (1 << code)) != 0;
    }

    /** log2 of the size of page-size code {@code code}: 13 + 3 * code. */
    public static int shift(long code) {
        return BASE_SHIFT + 3 * (int) code;
    }

    /** The page-size code in a TTE's size field (bits 3:0). */
    public static int sizeCode(long tte) {
        return (int) (tte & SZ);
    }

    /** The real address of the page a TTE maps, for a page of 2^shift bytes (low bits dropped). */
    public static long realPage(long tte, int shift) {
        return tte & RA & -(1L << shift);
    }

    /** True if {@code va} is a sign-extended 48-bit address, the VA range the MMU translates. */
    public static boolean validVa(long va) {
        return (va << 16) >> 16 == va;
    }
}
