package org.hyperstrand.core.ldc;

/**
 * One end of a channel as the other end sees it: something packets are delivered to. Called
 * with the machine's channel lock held.
 */
interface LdcPeer {

    /** True while this end can take packets: a guest endpoint has a receive queue, a service is attached. */
    boolean receiving();

    /** Stores one 64-byte packet at the receive tail; false if it cannot take it now (full, or not receiving). */
    boolean deliver(byte[] packet);

    /** The other end configured its receive queue ({@code up}) or removed it. */
    void peerChanged(boolean up);

    /** The other end released receive space: packets held back may move now. */
    void roomAvailable();

    /** The map table this end exports pages through; null if it has none (a service, a domain that left). */
    default MapTable exports() {
        return null;
    }
}
