package org.hyperstrand.core.ldc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.List;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.md.ChannelSpec;
import org.hyperstrand.core.md.MdDecoder;
import org.hyperstrand.core.md.MdGraph;
import org.hyperstrand.core.md.MdNode;
import org.junit.jupiter.api.Test;

/** A domain's channels in the machine description it reads (sun4v API reference section 8.3). */
class ChannelDescriptionTest {

    private final LdcRig rig = new LdcRig();

    private byte[] machineDescription(Domain d) {
        return org.hyperstrand.core.machine.DomainDescriptions.standard(rig.machine).apply(d).get();
    }

    @Test
    void aDomainWithoutChannelsHasNoChannelNodes() {
        Domain d = rig.domain("plain", ByteOrder.BIG_ENDIAN);
        MdGraph g = MdDecoder.decode(machineDescription(d));
        assertTrue(g.nodesOfType("channel-devices").isEmpty());
        assertTrue(g.nodesOfType("channel-endpoint").isEmpty());
    }

    @Test
    void portsAndEndpointsHangFromChannelDevices() {
        Domain a = rig.domain("a", ByteOrder.BIG_ENDIAN);
        Domain b = rig.domain("b", ByteOrder.LITTLE_ENDIAN);
        rig.machine.channels().attach(a, ChannelSpec.Port.VIRTUAL_DEVICE, "echo", (p, packet) -> { });
        rig.machine.channels().attach(a, ChannelSpec.Port.DOMAIN_SERVICES, "", (p, packet) -> { });
        rig.machine.channels().connect(a, b, "link");
        MdGraph g = MdDecoder.decode(machineDescription(a));

        MdNode devices = g.first("channel-devices").orElseThrow();
        assertEquals(VirtualInterrupts.CHANNEL_DEVICES_HANDLE, devices.value("cfg-handle").getAsLong());
        assertEquals(List.of("SUNW,sun4v-channel-devices"), devices.strings("compatible"));
        assertEquals("virtual-devices", devices.back().get(0).type());

        List<MdNode> ports = g.nodesOfType("virtual-device-port");
        assertEquals(List.of("echo", "link"), ports.stream().map(p -> p.string("name").orElseThrow()).toList());
        MdNode echoEndpoint = ports.get(0).fwd().get(0);
        assertEquals("channel-endpoint", echoEndpoint.type());
        assertEquals(0, echoEndpoint.value("id").getAsLong());
        assertEquals(0, echoEndpoint.value("tx-ino").getAsLong());
        assertEquals(1, echoEndpoint.value("rx-ino").getAsLong());
        assertEquals(devices, ports.get(0).back().get(0), "a port's parent has the cfg-handle");

        MdNode ds = g.first("domain-services-port").orElseThrow();
        assertEquals("domain-services", ds.back().get(0).type());
        MdNode dsEndpoint = ds.fwd().get(0);
        assertEquals(1, dsEndpoint.value("id").getAsLong());
        assertEquals(3, dsEndpoint.value("rx-ino").getAsLong());
        assertEquals(2, g.first("virtual-device-port").map(p -> ports.get(1).fwd().get(0).value("id").getAsLong())
                .orElseThrow());

        MdGraph gb = MdDecoder.decode(machineDescription(b));
        assertEquals(0, gb.first("channel-endpoint").orElseThrow().value("id").getAsLong(), "b numbers its own");
    }
}
