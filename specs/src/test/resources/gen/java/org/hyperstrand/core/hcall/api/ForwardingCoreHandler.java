// Generated from the hypercall spec (specs/hypercalls) by 'hv spec gen --lang java'. Do not edit.
package org.hyperstrand.core.hcall.api;

import org.hyperstrand.core.hcall.HcallFrame;

/**
 * Forwards every call of group core to a delegate; override the calls you serve.
 */
public abstract class ForwardingCoreHandler implements CoreHandler {
    protected final CoreHandler delegate;

    protected ForwardingCoreHandler(CoreHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public long apiSetVersion(HcallFrame frame, long group, long major, long minor) {
        return delegate.apiSetVersion(frame, group, major, minor);
    }

    @Override
    public long machExit(HcallFrame frame, long code) {
        return delegate.machExit(frame, code);
    }

    @Override
    public long cpuState(HcallFrame frame, long cpu) {
        return delegate.cpuState(frame, cpu);
    }

    @Override
    public long cpuPoke(HcallFrame frame, long cpu) {
        return delegate.cpuPoke(frame, cpu);
    }

    @Override
    public long mmuMapAddr(HcallFrame frame, long va, long ctx, long tte, long flags) {
        return delegate.mmuMapAddr(frame, va, ctx, tte, flags);
    }
}
