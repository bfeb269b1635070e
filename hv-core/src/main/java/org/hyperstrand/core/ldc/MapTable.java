package org.hyperstrand.core.ldc;

import static org.hyperstrand.core.hcall.api.HvConstants.LDC_COOKIE_INDEX_SHIFT;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_COOKIE_PGSZ;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_COOKIE_PGSZ_SHIFT;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_PADDR;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_SZ;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.svc.GuestMemoryAccess;

/**
 * The map table an endpoint exports pages through (sun4v API reference section 10.2): an array
 * of 16-byte {mte, cookie} entries in its owner's memory, in the owner's byte order. Nothing
 * of it is cached: each lookup reads the entry as the owner's memory holds it then, so the
 * owner withdraws a page by clearing its entry, and a table that no longer lies in the owner's
 * memory exports nothing.
 */
final class MapTable {

    /** Bytes of one ldc_mte_entry. */
    static final long ENTRY = 16;

    /**
     * Where a cookie address leads: the owner's real address and the bytes left in its page, the
     * entry's mte and revocation cookie; or why nowhere.
     */
    record Page(long status, long ra, long room, long mte, long revokeCookie) {
        static Page refused(long status) {
            return new Page(status, 0, 0, 0, 0);
        }

        /** Bytes of the whole page. */
        long size() {
            return 1L << pageShift(mte & LDC_MTE_SZ);
        }
    }

    private final GuestMemoryAccess owner;
    private final ByteOrder order;
    private long base;
    private long entries;

    MapTable(GuestMemoryAccess owner, ByteOrder order) {
        this.owner = owner;
        this.order = order;
    }

    /** The owner's memory, where the pages {@link #lookup} finds lie. */
    GuestMemoryAccess memory() {
        return owner;
    }

    long base() {
        return base;
    }

    long entries() {
        return entries;
    }

    /** Registers the table, or removes it ({@code count} 0); the caller checked the range. */
    void set(long tableBase, long count) {
        base = count == 0 ? 0 : tableBase;
        entries = count;
    }

    /** Page shift of page-size code {@code code}: 8 KB, then 8 times larger per code. */
    static int pageShift(long code) {
        return (int) (LDC_COOKIE_INDEX_SHIFT + 3 * code);
    }

    /**
     * Resolves cookie address {@code cookie} for an access that needs permission bit
     * {@code permission} of the entry (LDC_MTE_COPY_R or LDC_MTE_COPY_W for ldc_copy,
     * LDC_MTE_READ for ldc_mapin).
     */
    Page lookup(long cookie, long permission) {
        if (cookie < 0) {
            return Page.refused(HvErrors.EINVAL); // bit 63 is not part of a cookie
        }
        long code = (cookie & LDC_COOKIE_PGSZ) >>> LDC_COOKIE_PGSZ_SHIFT;
        int shift = pageShift(code);
        long index = (cookie & ~LDC_COOKIE_PGSZ) >>> shift;
        long offset = cookie & ((1L << shift) - 1);
        if (index >= entries || !owner.valid(base + index * ENTRY, ENTRY)) {
            return Page.refused(HvErrors.EINVAL);
        }
        long mte = ByteBuffer.wrap(owner.read(base + index * ENTRY, 8)).order(order).getLong();
        if (mte == 0) {
            return Page.refused(HvErrors.ENOMAP);
        }
        if ((mte & LDC_MTE_SZ) != code) {
            return Page.refused(HvErrors.EINVAL);
        }
        long page = mte & LDC_MTE_PADDR;
        long size = 1L << shift;
        if ((page & (size - 1)) != 0 || !owner.valid(page, size)) {
            return Page.refused(HvErrors.ENOMAP);
        }
        if ((mte & permission) == 0) {
            return Page.refused(HvErrors.ENOACCESS);
        }
        long revokeCookie = ByteBuffer.wrap(owner.read(base + index * ENTRY + 8, 8)).order(order).getLong();
        return new Page(HvErrors.EOK, page + offset, size - offset, mte, revokeCookie);
    }
}
