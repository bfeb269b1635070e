package org.hyperstrand.core.ldc;

/**
 * A hypervisor-side channel endpoint written in Java (domain services, test services). Its
 * methods run on the thread that moved the packets, with the channel lock held: they must not
 * block, and they answer through the {@link LdcPort} they are given.
 */
public interface LdcService {

    /** One 64-byte packet the guest sent, in the order sent. The array is the service's to keep. */
    void received(LdcPort port, byte[] packet);

    /**
     * The guest configured its receive queue ({@code up}: packets sent from now on reach it) or
     * removed it (packets waiting for it are dropped).
     */
    default void linkChanged(LdcPort port, boolean up) {
    }
}
