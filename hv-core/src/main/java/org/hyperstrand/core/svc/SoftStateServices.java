package org.hyperstrand.core.svc;

import java.nio.charset.StandardCharsets;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.hcall.api.SoftStateHandler;

/**
 * The soft-state group: the state code and message a guest records for the domain manager to
 * show. Until the guest records one, the domain is in transition (it is booting) with an empty
 * message.
 */
public final class SoftStateServices implements SoftStateHandler {

    /** The message buffer: 31 characters and a NUL, 32-byte aligned. */
    static final int MESSAGE = 32;

    private final GuestMemoryAccess guest;
    private volatile long state = HvConstants.SOFT_STATE_TRANSITION;
    private volatile byte[] message = new byte[0];

    public SoftStateServices(Domain domain) {
        this.guest = GuestMemoryAccess.of(domain);
    }

    /** The state code last recorded. */
    public long state() {
        return state;
    }

    /** The message last recorded. */
    public String message() {
        return new String(message, StandardCharsets.ISO_8859_1);
    }

    @Override
    public long machSetSoftState(HcallFrame frame, long newState, long ra) {
        if (newState != HvConstants.SOFT_STATE_NORMAL && newState != HvConstants.SOFT_STATE_TRANSITION) {
            return HvErrors.EINVAL;
        }
        long status = checkBuffer(ra);
        if (status != HvErrors.EOK) {
            return status;
        }
        byte[] buf = guest.read(ra, MESSAGE);
        int nul = 0;
        while (nul < MESSAGE && buf[nul] != 0) {
            nul++;
        }
        if (nul == MESSAGE) {
            return HvErrors.EINVAL;
        }
        message = java.util.Arrays.copyOf(buf, nul);
        state = newState;
        return HvErrors.EOK;
    }

    @Override
    public long machGetSoftState(HcallFrame frame, long ra) {
        long status = checkBuffer(ra);
        if (status != HvErrors.EOK) {
            return status;
        }
        byte[] out = java.util.Arrays.copyOf(message, MESSAGE); // zero-padded: NUL-terminated
        guest.write(ra, out, 0, MESSAGE);
        frame.setResult(1, state);
        return HvErrors.EOK;
    }

    private long checkBuffer(long ra) {
        if ((ra & (MESSAGE - 1)) != 0) {
            return HvErrors.EBADALIGN;
        }
        return guest.valid(ra, MESSAGE) ? HvErrors.EOK : HvErrors.ENORADDR;
    }
}
