package org.hyperstrand.x86.host;

import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.hcall.api.X86PlatformHandler;
import org.hyperstrand.core.spi.GuestContext;

/**
 * The x86_platform hypercall group (specs/hypercalls/x86.hvspec): the one-shot timer and the
 * domain's time base, which sun4v guests get from STICK instead, and the interrupt queues'
 * head and tail, which sun4v guests reach through ASI_QUEUE.
 */
final class X86Platform implements X86PlatformHandler {

    static final int VECTOR_TIMER = (int) HvConstants.X86_VECTOR_TIMER;
    static final int VECTOR_CPU_MONDO = (int) HvConstants.X86_VECTOR_CPU_MONDO;

    private final GuestContext domain;

    X86Platform(GuestContext domain) {
        this.domain = domain;
    }

    private static X86Vcpu caller(HcallFrame frame) {
        return (X86Vcpu) ((Vcpu) frame.caller()).core();
    }

    @Override
    public long timerSet(HcallFrame frame, long deadline) {
        X86Vcpu v = caller(frame);
        v.armTimer(deadline);
        return HvErrors.EOK;
    }

    @Override
    public long queueState(HcallFrame frame, long queue) {
        int q = queueIndex(queue);
        if (q < 0) {
            return HvErrors.EINVAL;
        }
        X86Vcpu v = caller(frame);
        frame.setResult(1, v.queueHead(q));
        frame.setResult(2, v.queueTail(q));
        return HvErrors.EOK;
    }

    @Override
    public long queueSetHead(HcallFrame frame, long queue, long head) {
        int q = queueIndex(queue);
        return q >= 0 && caller(frame).setQueueHead(q, head) ? HvErrors.EOK : HvErrors.EINVAL;
    }

    /** 0..3 for the cpu_queue constants (CPU mondo first, as the queue registers are ordered), else -1. */
    private static int queueIndex(long queue) {
        long q = queue - HvConstants.CPU_MONDO_QUEUE;
        return q >= 0 && q <= HvConstants.NONRESUMABLE_ERROR_QUEUE - HvConstants.CPU_MONDO_QUEUE ? (int) q : -1;
    }

    @Override
    public long timeGet(HcallFrame frame) {
        frame.setResult(1, domain.now());
        frame.setResult(2, domain.tickFrequency());
        return HvErrors.EOK;
    }
}
