package org.hyperstrand.core.ldc;

/**
 * A test service: over a {@link StreamLink}, it sends every message it receives straight back.
 * Guests use it to check their LDC client (guest-abi/guests/ldc); {@code hv run --ldc-echo}
 * attaches it as the virtual-device-port {@link #PORT_NAME}.
 */
public final class EchoService {

    /** The port name the echo channel has in the guest's machine description. */
    public static final String PORT_NAME = "echo";

    private EchoService() {
    }

    /** A new echo endpoint, ready to be attached to a domain. */
    public static StreamLink create() {
        return new StreamLink((link, message) -> link.send(message));
    }
}
