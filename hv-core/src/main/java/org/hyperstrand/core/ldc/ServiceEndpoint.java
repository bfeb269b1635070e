package org.hyperstrand.core.ldc;

import java.util.ArrayDeque;
import org.hyperstrand.core.hcall.api.HvConstants;

/**
 * The hypervisor's end of a channel to a Java {@link LdcService}. Packets from the guest go to
 * the service as they arrive; the service's packets wait here until the guest's receive queue
 * has room. While more than {@link #BACKLOG} of them wait, the guest's own packets are held
 * in its transmit queue, so a guest that never reads cannot make the hypervisor hoard memory.
 */
final class ServiceEndpoint implements LdcPeer, LdcPort {

    static final int BACKLOG = 64;

    private final long channelId;
    private final LdcService service;
    private final Object lock;
    private final ArrayDeque<byte[]> outgoing = new ArrayDeque<>();
    private LdcPeer peer;

    ServiceEndpoint(long channelId, LdcService service, Object lock) {
        this.channelId = channelId;
        this.service = service;
        this.lock = lock;
    }

    void connect(LdcPeer guest) {
        this.peer = guest;
    }

    @Override
    public long channelId() {
        return channelId;
    }

    @Override
    public boolean peerReceiving() {
        synchronized (lock) {
            return peer.receiving();
        }
    }

    @Override
    public void send(byte[] packet) {
        if (packet.length != HvConstants.LDC_PACKET_SIZE) {
            throw new IllegalArgumentException("an LDC packet has " + HvConstants.LDC_PACKET_SIZE + " bytes, not "
                    + packet.length);
        }
        synchronized (lock) {
            if (peer.receiving()) {
                outgoing.add(packet.clone());
                flush();
            }
        }
    }

    private void flush() {
        boolean wasFull = outgoing.size() >= BACKLOG;
        while (!outgoing.isEmpty() && peer.deliver(outgoing.peek())) {
            outgoing.poll();
        }
        if (wasFull && outgoing.size() < BACKLOG) {
            peer.roomAvailable();
        }
    }

    @Override
    public boolean receiving() {
        return true;
    }

    @Override
    public boolean deliver(byte[] packet) {
        if (outgoing.size() >= BACKLOG) {
            return false;
        }
        service.received(this, packet.clone());
        return true;
    }

    @Override
    public void peerChanged(boolean up) {
        outgoing.clear();
        service.linkChanged(this, up);
    }

    @Override
    public void roomAvailable() {
        flush();
    }
}
