package org.hyperstrand.core.md;

import java.util.Objects;

/**
 * One channel endpoint of a domain, as its machine description lists it (sun4v API reference
 * section 8.3).
 *
 * @param id    the channel id (channel-endpoint "id"), the channel argument of the ldc calls
 * @param txIno the devino signalling room in the transmit queue
 * @param rxIno the devino signalling packets in the receive queue
 * @param port  the kind of port node above the endpoint
 * @param name  the port's name (virtual-device-port "name"); domain services ports have none
 */
public record ChannelSpec(long id, long txIno, long rxIno, Port port, String name) {

    /** The node a channel endpoint hangs from. */
    public enum Port {
        /** A virtual device (console, echo, disks...): "virtual-device-port" with a name. */
        VIRTUAL_DEVICE,
        /** The domain services channel: "domain-services-port" below "domain-services". */
        DOMAIN_SERVICES
    }

    public ChannelSpec {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(name, "name");
        if (id < 0 || txIno < 0 || rxIno < 0 || txIno == rxIno) {
            throw new IllegalArgumentException("channel " + id + ": bad id or inos " + txIno + ", " + rxIno);
        }
        if (name.indexOf('\0') >= 0 || (port == Port.VIRTUAL_DEVICE && name.isBlank())) {
            throw new IllegalArgumentException("channel " + id + ": a virtual device port needs a name");
        }
    }
}
