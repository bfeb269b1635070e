package org.hyperstrand.core.ldc;

import static org.hyperstrand.core.hcall.api.HvConstants.LDC_CHANNEL_UP;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_COPY_IN;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_COPY_MAX;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_COPY_OUT;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_COPY_R;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_COPY_W;

import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.svc.GuestMemoryAccess;

/**
 * ldc_copy: bytes between the caller's memory and one page its peer exports. The caller's own
 * arguments are checked first, then the channel, then the peer's map-table entry. The peer's
 * memory is reached only inside the page that entry names at the time of the call, and never
 * past its end.
 */
final class ChannelCopy {

    private static final long ALIGN = 8;

    private ChannelCopy() {
    }

    /** Copies for endpoint {@code e}, whose domain's memory is {@code local}; the caller holds the channel lock. */
    static long copy(HcallFrame frame, GuestEndpoint e, GuestMemoryAccess local, long direction, long cookie,
            long ra, long length) {
        if (direction != LDC_COPY_IN && direction != LDC_COPY_OUT) {
            return HvErrors.EINVAL;
        }
        if (((cookie | ra | length) & (ALIGN - 1)) != 0) {
            return HvErrors.EBADALIGN;
        }
        if (!local.valid(ra, length)) {
            return HvErrors.ENORADDR;
        }
        MapTable peer = e.peer().exports();
        if (e.state() != LDC_CHANNEL_UP || peer == null) {
            return HvErrors.ECHANNEL;
        }
        boolean in = direction == LDC_COPY_IN;
        MapTable.Page page = peer.lookup(cookie, in ? LDC_MTE_COPY_R : LDC_MTE_COPY_W);
        if (page.status() != HvErrors.EOK) {
            return page.status();
        }
        int n = (int) Math.min(Math.min(length, page.room()), LDC_COPY_MAX);
        if (in) {
            local.write(ra, peer.memory().read(page.ra(), n), 0, n);
        } else {
            peer.memory().write(page.ra(), local.read(ra, n), 0, n);
        }
        frame.setResult(1, n);
        return HvErrors.EOK;
    }
}
