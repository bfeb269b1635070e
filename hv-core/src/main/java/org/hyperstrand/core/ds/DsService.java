package org.hyperstrand.core.ds;

/**
 * A service the hypervisor offers over domain services, which the guest registers by its id.
 * Its methods run on the thread that moved the guest's packets, with the channel lock held.
 */
public interface DsService {

    /** The service id the guest names in REG_REQ ("dr-cpu", ...). */
    String id();

    /** The major version offered; the minor is always 0. */
    default int major() {
        return 1;
    }

    /** A DATA payload (after the handle) the guest sent to this service. */
    void data(byte[] payload);

    /** The guest registered this service (true) or dropped its registration by restarting the protocol. */
    default void registered(boolean yes) {
    }
}
