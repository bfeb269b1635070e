package org.hyperstrand.core.ldc;

/** A Java service's end of a channel: what it may do with the channel. */
public interface LdcPort {

    /** The channel id, as the guest's machine description names it. */
    long channelId();

    /** True while the guest has a receive queue. */
    boolean peerReceiving();

    /**
     * Queues a 64-byte packet for the guest. Packets reach the guest's receive queue in order,
     * as fast as it makes room; while the guest has no receive queue they are dropped.
     *
     * @throws IllegalArgumentException if the packet is not 64 bytes
     */
    void send(byte[] packet);
}
