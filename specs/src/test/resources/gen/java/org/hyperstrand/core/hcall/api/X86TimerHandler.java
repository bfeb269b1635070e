// Generated from the hypercall spec (specs/hypercalls) by 'hv spec gen --lang java'. Do not edit.
package org.hyperstrand.core.hcall.api;

import org.hyperstrand.core.hcall.HcallFrame;

/**
 * Handlers for the calls of API group x86_timer (0x1000).
 * <p>Calls only x86 guests have.
 * <p>Each method returns the call's status (HvErrors) and stores results with {@code frame.setResult(n, value)}.
 */
public interface X86TimerHandler {

    /**
     * timer_set (fast 0x400, since 1.0): Arm the one-shot timer.
     *
     * @param frame the caller's registers; results go here
     * @param deadline ARG0 (u64): absolute deadline in ticks; 0 cancels
     * @return the status; EINVAL if deadline is in the past
     */
    long timerSet(HcallFrame frame, long deadline);
}
