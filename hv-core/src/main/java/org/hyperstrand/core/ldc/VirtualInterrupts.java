package org.hyperstrand.core.ldc;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.hcall.api.IntrHandler;
import org.hyperstrand.core.svc.InterruptQueues;

/**
 * A domain's virtual interrupt sources and the vintr calls of group intr. A source that fires
 * while valid and IDLE puts a device mondo (word 0 the cookie, in the guest's byte order) into
 * its target CPU's device mondo queue and becomes DELIVERED until the guest sets it IDLE again
 * (sun4v API reference section 7, the EOI rule of vintr_set_state). One that cannot be queued
 * yet waits as RECEIVED and is retried whenever the guest changes the source.
 */
public final class VirtualInterrupts implements IntrHandler {

    /** The channel-devices node's cfg-handle: the devhandle of every channel endpoint's inos. */
    public static final long CHANNEL_DEVICES_HANDLE = 0x200;

    private final Domain domain;
    private final InterruptQueues queues;
    private final Map<Long, VirtualInterrupt> sources = new HashMap<>();

    public VirtualInterrupts(Domain domain, InterruptQueues queues) {
        this.domain = domain;
        this.queues = queues;
    }

    /** Creates the source {@code devino} under {@link #CHANNEL_DEVICES_HANDLE}. */
    synchronized void add(long devino) {
        sources.putIfAbsent(devino, new VirtualInterrupt());
    }

    /** The event behind {@code devino} happened: send a mondo if the source is armed. */
    public synchronized void fire(long devino) {
        VirtualInterrupt s = sources.get(devino);
        if (s != null && s.valid && s.state == HvConstants.INTR_IDLE) {
            s.state = HvConstants.INTR_RECEIVED;
            retry(s);
        }
    }

    private void retry(VirtualInterrupt s) {
        if (!s.valid || s.state != HvConstants.INTR_RECEIVED) {
            return;
        }
        Vcpu target = domain.vcpu(s.target);
        byte[] mondo = ByteBuffer.allocate(HvConstants.MONDO_SIZE).order(domain.backend().byteOrder())
                .putLong(0, s.cookie).array();
        if (target != null && queues.deliverDeviceMondo(target, mondo)) {
            s.state = HvConstants.INTR_DELIVERED;
        }
    }

    /** Runs {@code action} on the source, or answers EINVAL if the domain has no such source. */
    private synchronized long onSource(long devhandle, long devino, java.util.function.ToLongFunction<VirtualInterrupt> action) {
        VirtualInterrupt s = devhandle == CHANNEL_DEVICES_HANDLE ? sources.get(devino) : null;
        return s == null ? HvErrors.EINVAL : action.applyAsLong(s);
    }

    /** Stores {@code value} as the call's result. */
    private static long answer(HcallFrame frame, long value) {
        frame.setResult(1, value);
        return HvErrors.EOK;
    }

    @Override
    public long vintrGetCookie(HcallFrame frame, long devhandle, long devino) {
        return onSource(devhandle, devino, s -> answer(frame, s.cookie));
    }

    @Override
    public long vintrSetCookie(HcallFrame frame, long devhandle, long devino, long cookie) {
        return onSource(devhandle, devino, s -> {
            s.cookie = cookie;
            return HvErrors.EOK;
        });
    }

    @Override
    public long vintrGetValid(HcallFrame frame, long devhandle, long devino) {
        return onSource(devhandle, devino, s -> answer(frame, s.valid ? HvConstants.INTR_ENABLED : HvConstants.INTR_DISABLED));
    }

    @Override
    public long vintrSetValid(HcallFrame frame, long devhandle, long devino, long valid) {
        return onSource(devhandle, devino, s -> {
            if (valid != HvConstants.INTR_ENABLED && valid != HvConstants.INTR_DISABLED) {
                return HvErrors.EINVAL;
            }
            s.valid = valid == HvConstants.INTR_ENABLED;
            retry(s);
            return HvErrors.EOK;
        });
    }

    @Override
    public long vintrGetState(HcallFrame frame, long devhandle, long devino) {
        return onSource(devhandle, devino, s -> answer(frame, s.state));
    }

    @Override
    public long vintrSetState(HcallFrame frame, long devhandle, long devino, long state) {
        return onSource(devhandle, devino, s -> {
            if (state < HvConstants.INTR_IDLE || state > HvConstants.INTR_DELIVERED) {
                return HvErrors.EINVAL;
            }
            s.state = state;
            retry(s);
            return HvErrors.EOK;
        });
    }

    @Override
    public long vintrGetTarget(HcallFrame frame, long devhandle, long devino) {
        return onSource(devhandle, devino, s -> answer(frame, s.target));
    }

    @Override
    public long vintrSetTarget(HcallFrame frame, long devhandle, long devino, long cpu) {
        return onSource(devhandle, devino, s -> {
            if (domain.vcpu(cpu) == null) {
                return HvErrors.ENOCPU;
            }
            s.target = cpu;
            retry(s);
            return HvErrors.EOK;
        });
    }
}
