// Generated from the hypercall spec (specs/hypercalls) by 'hv spec gen --lang java'. Do not edit.
package org.hyperstrand.core.hcall.api;

import org.hyperstrand.core.hcall.HcallFrame;

/**
 * Forwards every call of group x86_timer to a delegate; override the calls you serve.
 */
public abstract class ForwardingX86TimerHandler implements X86TimerHandler {
    protected final X86TimerHandler delegate;

    protected ForwardingX86TimerHandler(X86TimerHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public long timerSet(HcallFrame frame, long deadline) {
        return delegate.timerSet(frame, deadline);
    }
}
