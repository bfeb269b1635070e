package org.hyperstrand.core.ldc;

import org.hyperstrand.core.hcall.api.HvConstants;

/**
 * One virtual interrupt source (a channel endpoint's tx-ino or rx-ino): the cookie its device
 * mondos carry, whether it is enabled, its delivery state and the CPU it targets. Sources
 * start disabled and IDLE with cookie 0, aimed at CPU 0 (spec group intr).
 */
final class VirtualInterrupt {

    long cookie;
    boolean valid;
    long state = HvConstants.INTR_IDLE;
    long target;
}
