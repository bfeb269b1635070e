package org.hyperstrand.core.ldc;

import static org.hyperstrand.core.hcall.api.HvConstants.LDC_CHANNEL_DOWN;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_CHANNEL_RESETTING;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_CHANNEL_UP;
import static org.hyperstrand.core.hcall.api.HvErrors.EBADALIGN;
import static org.hyperstrand.core.hcall.api.HvErrors.ECHANNEL;
import static org.hyperstrand.core.hcall.api.HvErrors.EINVAL;
import static org.hyperstrand.core.hcall.api.HvErrors.ENORADDR;
import static org.hyperstrand.core.hcall.api.HvErrors.ENOTSUPPORTED;
import static org.hyperstrand.core.hcall.api.HvErrors.EOK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.md.ChannelSpec;
import org.junit.jupiter.api.Test;

/** The LDC queue calls of one domain, against a Java service and against another domain. */
class DomainChannelsTest {

    private final LdcRig rig = new LdcRig();
    private final Domain a = rig.domain("a", ByteOrder.BIG_ENDIAN);
    private final Domain b = rig.domain("b", ByteOrder.LITTLE_ENDIAN);
    private final List<byte[]> served = new ArrayList<>();
    private final List<Boolean> links = new ArrayList<>();
    private final LdcService recorder = new LdcService() {
        @Override
        public void received(LdcPort port, byte[] packet) {
            served.add(packet);
        }

        @Override
        public void linkChanged(LdcPort port, boolean up) {
            links.add(up);
        }
    };

    private static final long TX = 0x10000;
    private static final long RX = 0x20000;

    private byte[] packet(int fill) {
        byte[] p = new byte[64];
        java.util.Arrays.fill(p, (byte) fill);
        return p;
    }

    private long state(DomainChannels c, long ch) {
        assertEquals(EOK, c.ldcTxGetState(rig.frame, ch));
        return rig.frame.result(3);
    }

    /** Writes {@code n} packets at the tail of a's tx ring of channel 0 and hands them over. */
    private long send(Domain d, long ch, long entries, int first, int n) {
        DomainChannels c = rig.ldc(d);
        assertEquals(EOK, c.ldcTxGetState(rig.frame, ch));
        long tail = rig.frame.result(2);
        for (int i = 0; i < n; i++) {
            rig.write(d, rig.ra(d, TX) + tail, packet(first + i));
            tail = (tail + 64) % (entries * 64);
        }
        return c.ldcTxSetQtail(rig.frame, ch, tail);
    }

    @Test
    void queueConfigurationChecksEveryArgument() {
        LdcPort port = rig.machine.channels().attach(a, ChannelSpec.Port.VIRTUAL_DEVICE, "rec", recorder);
        DomainChannels c = rig.ldc(a);
        long ch = port.channelId();
        assertEquals(ECHANNEL, c.ldcTxQconf(rig.frame, ch + 1, rig.ra(a, TX), 8));
        assertEquals(ECHANNEL, c.ldcRxQconf(rig.frame, -1, rig.ra(a, RX), 8));
        assertEquals(EINVAL, c.ldcTxQconf(rig.frame, ch, rig.ra(a, TX), 3));
        assertEquals(EINVAL, c.ldcTxQconf(rig.frame, ch, rig.ra(a, TX), 1));
        assertEquals(EINVAL, c.ldcRxQconf(rig.frame, ch, rig.ra(a, RX), 8192));
        assertEquals(EINVAL, c.ldcRxQconf(rig.frame, ch, rig.ra(a, RX), Long.MIN_VALUE));
        assertEquals(EBADALIGN, c.ldcTxQconf(rig.frame, ch, rig.ra(a, TX) + 64, 8));
        assertEquals(ENORADDR, c.ldcTxQconf(rig.frame, ch, rig.ra(a, 8L << 20), 8));
        assertEquals(EINVAL, c.ldcTxGetState(rig.frame, ch), "no tx queue yet");
        assertEquals(EINVAL, c.ldcRxGetState(rig.frame, ch), "no rx queue yet");
        assertEquals(EINVAL, c.ldcTxSetQtail(rig.frame, ch, 0));
        assertEquals(EINVAL, c.ldcRxSetQhead(rig.frame, ch, 0));
        assertEquals(EOK, c.ldcTxQinfo(rig.frame, ch));
        assertEquals(0, rig.frame.result(2));

        assertEquals(EOK, c.ldcTxQconf(rig.frame, ch, rig.ra(a, TX), 8));
        assertEquals(EOK, c.ldcTxQinfo(rig.frame, ch));
        assertEquals(rig.ra(a, TX), rig.frame.result(1));
        assertEquals(8, rig.frame.result(2));
        assertEquals(LDC_CHANNEL_DOWN, state(c, ch), "no rx queue of its own yet");
        assertEquals(EOK, c.ldcRxQconf(rig.frame, ch, rig.ra(a, RX), 4));
        assertEquals(EOK, c.ldcRxQinfo(rig.frame, ch));
        assertEquals(4, rig.frame.result(2));
        assertEquals(LDC_CHANNEL_UP, state(c, ch));
        assertEquals(List.of(true), links, "the service saw the guest come up");
        assertEquals(EOK, c.ldcRxQconf(rig.frame, ch, 0, 0));
        assertEquals(List.of(true, false), links);
        assertEquals(EOK, c.ldcRxQinfo(rig.frame, ch));
        assertEquals(0, rig.frame.result(2));
    }

    @Test
    void tailAndHeadOnlyMoveForwardInsideTheRing() {
        LdcPort port = rig.machine.channels().attach(a, ChannelSpec.Port.VIRTUAL_DEVICE, "rec", recorder);
        DomainChannels c = rig.ldc(a);
        long ch = port.channelId();
        assertEquals(EOK, c.ldcTxQconf(rig.frame, ch, rig.ra(a, TX), 8));
        assertEquals(EOK, c.ldcRxQconf(rig.frame, ch, rig.ra(a, RX), 8));
        assertEquals(EINVAL, c.ldcTxSetQtail(rig.frame, ch, 32), "unaligned");
        assertEquals(EINVAL, c.ldcTxSetQtail(rig.frame, ch, 8 * 64), "outside the ring");
        assertEquals(EINVAL, c.ldcTxSetQtail(rig.frame, ch, -64));
        assertEquals(EOK, send(a, ch, 8, 1, 3));
        assertEquals(3, served.size(), "the service took all three");
        assertArrayEquals(packet(2), served.get(1));
        assertEquals(EOK, c.ldcTxGetState(rig.frame, ch));
        assertEquals(3 * 64, rig.frame.result(1), "head caught up with the tail");
        assertEquals(3 * 64, rig.frame.result(2));

        port.send(packet(7));
        port.send(packet(8));
        assertEquals(EOK, c.ldcRxGetState(rig.frame, ch));
        assertEquals(0, rig.frame.result(1));
        assertEquals(128, rig.frame.result(2));
        assertArrayEquals(packet(8), rig.read(a, rig.ra(a, RX) + 64, 64));
        assertEquals(EINVAL, c.ldcRxSetQhead(rig.frame, ch, 192), "past the tail");
        assertEquals(EINVAL, c.ldcRxSetQhead(rig.frame, ch, 8), "unaligned");
        assertEquals(EOK, c.ldcRxSetQhead(rig.frame, ch, 64));
        assertEquals(EINVAL, c.ldcRxSetQhead(rig.frame, ch, 0), "backwards");
        assertEquals(EOK, c.ldcRxSetQhead(rig.frame, ch, 128));
    }

    @Test
    void packetsWaitForThePeersReceiveQueueAndItsRoom() {
        rig.machine.channels().connect(a, b, "link");
        DomainChannels ca = rig.ldc(a);
        DomainChannels cb = rig.ldc(b);
        assertEquals(EOK, ca.ldcTxQconf(rig.frame, 0, rig.ra(a, TX), 8));
        assertEquals(EOK, ca.ldcRxQconf(rig.frame, 0, rig.ra(a, RX), 8));
        assertEquals(LDC_CHANNEL_DOWN, state(ca, 0), "b has no receive queue");
        assertEquals(EOK, send(a, 0, 8, 10, 5));
        assertEquals(EOK, ca.ldcTxGetState(rig.frame, 0));
        assertEquals(0, rig.frame.result(1), "nothing moved yet");

        assertEquals(EOK, cb.ldcTxQconf(rig.frame, 0, rig.ra(b, TX), 8));
        assertEquals(EOK, cb.ldcRxQconf(rig.frame, 0, rig.ra(b, RX), 4)); // room for 3
        assertEquals(LDC_CHANNEL_UP, state(ca, 0));
        assertEquals(LDC_CHANNEL_UP, state(cb, 0));
        assertEquals(EOK, cb.ldcRxGetState(rig.frame, 0));
        assertEquals(3 * 64, rig.frame.result(2), "three arrived, the rest wait");
        assertArrayEquals(packet(12), rig.read(b, rig.ra(b, RX) + 128, 64));
        assertEquals(EOK, ca.ldcTxGetState(rig.frame, 0));
        assertEquals(3 * 64, rig.frame.result(1));

        assertEquals(EOK, cb.ldcRxSetQhead(rig.frame, 0, 128));
        assertEquals(EOK, ca.ldcTxGetState(rig.frame, 0));
        assertEquals(5 * 64, rig.frame.result(1), "the rest moved once b made room");
        assertArrayEquals(packet(14), rig.read(b, rig.ra(b, RX), 64), "wrapped around b's ring");

        assertEquals(EOK, cb.ldcRxQconf(rig.frame, 0, 0, 0));
        assertEquals(LDC_CHANNEL_RESETTING, state(ca, 0), "b went away");
        assertEquals(EOK, ca.ldcRxQconf(rig.frame, 0, rig.ra(a, RX), 8));
        assertEquals(LDC_CHANNEL_DOWN, state(ca, 0), "reconfigured: down until b is back");
    }

    @Test
    void aDomainThatLeftTheMachineGetsNoMorePackets() {
        rig.machine.channels().connect(a, b, "link");
        DomainChannels ca = rig.ldc(a);
        DomainChannels cb = rig.ldc(b);
        assertEquals(EOK, ca.ldcTxQconf(rig.frame, 0, rig.ra(a, TX), 8));
        assertEquals(EOK, ca.ldcRxQconf(rig.frame, 0, rig.ra(a, RX), 8));
        assertEquals(EOK, cb.ldcRxQconf(rig.frame, 0, rig.ra(b, RX), 8));
        assertEquals(LDC_CHANNEL_UP, state(ca, 0));
        b.stop();
        rig.machine.removeDomain(b);
        assertEquals(LDC_CHANNEL_RESETTING, state(ca, 0), "b's end went away with it");
        byte[] before = rig.read(b, rig.ra(b, RX), 64);
        assertEquals(EOK, send(a, 0, 8, 1, 1));
        assertArrayEquals(before, rig.read(b, rig.ra(b, RX), 64), "its memory may be another domain's by now");
        assertEquals(EOK, ca.ldcTxGetState(rig.frame, 0));
        assertEquals(0, rig.frame.result(1), "the packet stays in a's queue");
    }

    @Test
    void mapTablesAreCheckedAndMappingInIsNotOfferedYet() {
        rig.machine.channels().connect(a, b, "link");
        DomainChannels c = rig.ldc(a);
        assertEquals(ECHANNEL, c.ldcSetMapTable(rig.frame, 5, rig.ra(a, 0), 2));
        assertEquals(EINVAL, c.ldcSetMapTable(rig.frame, 0, rig.ra(a, 0), 1));
        assertEquals(EINVAL, c.ldcSetMapTable(rig.frame, 0, rig.ra(a, 0), (1L << 30) + 1));
        assertEquals(EBADALIGN, c.ldcSetMapTable(rig.frame, 0, rig.ra(a, 8), 2));
        assertEquals(ENORADDR, c.ldcSetMapTable(rig.frame, 0, rig.ra(a, (8L << 20) - 16), 2));
        assertEquals(EOK, c.ldcSetMapTable(rig.frame, 0, rig.ra(a, 0x4000), 64));
        assertEquals(EOK, c.ldcGetMapTable(rig.frame, 0));
        assertEquals(rig.ra(a, 0x4000), rig.frame.result(1));
        assertEquals(64, rig.frame.result(2));
        assertEquals(ENOTSUPPORTED, c.ldcMapin(rig.frame, 0, 0), "this domain's CPU models do not map pages in");
        assertEquals(EINVAL, c.ldcUnmap(rig.frame, 0), "nothing is mapped in");
        assertEquals(EINVAL, c.ldcRevoke(rig.frame, 0, 0, 0), "the peer mapped nothing in");
    }
}
