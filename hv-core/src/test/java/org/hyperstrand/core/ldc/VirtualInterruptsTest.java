package org.hyperstrand.core.ldc;

import static org.hyperstrand.core.hcall.api.HvConstants.INTR_DELIVERED;
import static org.hyperstrand.core.hcall.api.HvConstants.INTR_DISABLED;
import static org.hyperstrand.core.hcall.api.HvConstants.INTR_ENABLED;
import static org.hyperstrand.core.hcall.api.HvConstants.INTR_IDLE;
import static org.hyperstrand.core.hcall.api.HvConstants.INTR_RECEIVED;
import static org.hyperstrand.core.hcall.api.HvErrors.EINVAL;
import static org.hyperstrand.core.hcall.api.HvErrors.ENOCPU;
import static org.hyperstrand.core.hcall.api.HvErrors.EOK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.md.ChannelSpec;
import org.junit.jupiter.api.Test;

/** The vintr calls and device mondo delivery for a channel's inos, on both byte orders. */
class VirtualInterruptsTest {

    private static final long H = VirtualInterrupts.CHANNEL_DEVICES_HANDLE;
    private static final long DEV_QUEUE = 0x30000;
    private final LdcRig rig = new LdcRig();


    @Test
    void everyCallChecksItsSourceAndValues() {
        Domain d = rig.domain("d", ByteOrder.BIG_ENDIAN);
        rig.machine.channels().attach(d, ChannelSpec.Port.VIRTUAL_DEVICE, "x", (p, packet) -> { });
        VirtualInterrupts v = rig.ldc(d).interrupts();
        for (long[] bad : new long[][] {{H, 2}, {H + 1, 0}, {0, 0}, {H, -1}}) {
            assertEquals(EINVAL, v.vintrGetCookie(rig.frame, bad[0], bad[1]));
            assertEquals(EINVAL, v.vintrSetCookie(rig.frame, bad[0], bad[1], 1));
            assertEquals(EINVAL, v.vintrGetValid(rig.frame, bad[0], bad[1]));
            assertEquals(EINVAL, v.vintrSetValid(rig.frame, bad[0], bad[1], 1));
            assertEquals(EINVAL, v.vintrGetState(rig.frame, bad[0], bad[1]));
            assertEquals(EINVAL, v.vintrSetState(rig.frame, bad[0], bad[1], 0));
            assertEquals(EINVAL, v.vintrGetTarget(rig.frame, bad[0], bad[1]));
            assertEquals(EINVAL, v.vintrSetTarget(rig.frame, bad[0], bad[1], 0));
        }
        assertEquals(EINVAL, v.vintrSetValid(rig.frame, H, 1, 2));
        assertEquals(EINVAL, v.vintrSetState(rig.frame, H, 1, 3));
        assertEquals(EINVAL, v.vintrSetState(rig.frame, H, 1, -1));
        assertEquals(ENOCPU, v.vintrSetTarget(rig.frame, H, 1, 2));
        assertEquals(ENOCPU, v.vintrSetTarget(rig.frame, H, 1, -1));

        assertEquals(EOK, v.vintrGetValid(rig.frame, H, 1));
        assertEquals(INTR_DISABLED, rig.frame.result(1));
        assertEquals(EOK, v.vintrSetCookie(rig.frame, H, 1, 0x1234));
        assertEquals(EOK, v.vintrGetCookie(rig.frame, H, 1));
        assertEquals(0x1234, rig.frame.result(1));
        assertEquals(EOK, v.vintrSetTarget(rig.frame, H, 1, 1));
        assertEquals(EOK, v.vintrGetTarget(rig.frame, H, 1));
        assertEquals(1, rig.frame.result(1));
        assertEquals(EOK, v.vintrSetValid(rig.frame, H, 0, INTR_ENABLED));
        assertEquals(EOK, v.vintrGetValid(rig.frame, H, 0));
        assertEquals(INTR_ENABLED, rig.frame.result(1));
        assertEquals(EOK, v.vintrGetState(rig.frame, H, 0));
        assertEquals(INTR_IDLE, rig.frame.result(1));
    }

    @Test
    void aPacketSendsOneMondoUntilTheGuestSetsIdle() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            Domain d = rig.domain("d" + order, order);
            LdcPort port = rig.machine.channels().attach(d, ChannelSpec.Port.VIRTUAL_DEVICE, "x", (p, packet) -> { });
            DomainChannels c = rig.ldc(d);
            VirtualInterrupts v = c.interrupts();
            long rxIno = 2 * port.channelId() + 1;
            assertEquals(EOK, c.ldcRxQconf(rig.frame, port.channelId(), rig.ra(d, 0x20000), 8));
            port.send(new byte[64]); // source disabled: no mondo
            QueueCore cpu1 = rig.core(d, 1);
            assertEquals(0, cpu1.tail[1]);

            assertEquals(EOK, v.vintrSetCookie(rig.frame, H, rxIno, 0x8000_0000_cafe_0001L));
            assertEquals(EOK, v.vintrSetTarget(rig.frame, H, rxIno, 1));
            assertEquals(EOK, v.vintrSetValid(rig.frame, H, rxIno, INTR_ENABLED));
            port.send(new byte[64]);
            assertEquals(EOK, v.vintrGetState(rig.frame, H, rxIno));
            assertEquals(INTR_RECEIVED, rig.frame.result(1), "cpu 1 has no device mondo queue yet");

            d.vcpu(1).setState(org.hyperstrand.core.domain.VcpuState.RUNNING);
            rig.devMondoQueue(d, 1, rig.ra(d, DEV_QUEUE), 4);
            assertEquals(EOK, v.vintrSetTarget(rig.frame, H, rxIno, 1)); // a change retries delivery
            assertEquals(EOK, v.vintrGetState(rig.frame, H, rxIno));
            assertEquals(INTR_DELIVERED, rig.frame.result(1));
            assertEquals(64, cpu1.tail[1], "one device mondo queued");
            long word0 = ByteBuffer.wrap(rig.read(d, rig.ra(d, DEV_QUEUE), 8)).order(order).getLong();
            assertEquals(0x8000_0000_cafe_0001L, word0, "word 0 is the cookie in the guest's byte order");

            port.send(new byte[64]);
            assertEquals(64, cpu1.tail[1], "no second mondo while DELIVERED");
            assertEquals(EOK, v.vintrSetState(rig.frame, H, rxIno, INTR_IDLE));
            port.send(new byte[64]);
            assertEquals(128, cpu1.tail[1], "re-armed by IDLE");
        }
    }
}
