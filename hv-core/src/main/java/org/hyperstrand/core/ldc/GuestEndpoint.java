package org.hyperstrand.core.ldc;

import java.nio.ByteOrder;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.svc.GuestMemoryAccess;

/**
 * A guest's end of a channel: its transmit and receive rings of 64-byte packets in guest
 * memory (sun4v API reference section 10.2), their head and tail offsets, and its two
 * interrupt sources. Every guest address is checked again before each copy, since nothing
 * the guest configured is trusted to stay valid.
 */
final class GuestEndpoint implements LdcPeer {

    private static final long PACKET = HvConstants.LDC_PACKET_SIZE;

    final long id;
    final long txIno;
    final long rxIno;
    private final GuestMemoryAccess guest;
    private final VirtualInterrupts interrupts;
    private LdcPeer peer;

    final Ring tx = new Ring();
    final Ring rx = new Ring();
    final MapTable exported;
    /** The domain left the machine: its memory may be another domain's now, so nothing reaches it. */
    private boolean left;
    /** The peer removed its receive queue after having one: RESETTING until this end reconfigures. */
    private boolean reset;

    GuestEndpoint(long id, long txIno, long rxIno, GuestMemoryAccess guest, ByteOrder order,
            VirtualInterrupts interrupts) {
        this.id = id;
        this.txIno = txIno;
        this.rxIno = rxIno;
        this.guest = guest;
        this.interrupts = interrupts;
        this.exported = new MapTable(guest, order);
        interrupts.add(txIno);
        interrupts.add(rxIno);
    }

    void connect(LdcPeer other) {
        this.peer = other;
    }

    /** The other end of the channel. */
    LdcPeer peer() {
        return peer;
    }

    /** The domain left the machine: the peer sees the channel reset and can reach none of its memory. */
    void leave() {
        if (!left) {
            boolean wasReceiving = receiving();
            left = true;
            if (wasReceiving) {
                peer.peerChanged(false);
            }
        }
    }

    /** The ldc_channel_state this end sees. */
    long state() {
        if (reset) {
            return HvConstants.LDC_CHANNEL_RESETTING;
        }
        return rx.entries != 0 && peer.receiving() ? HvConstants.LDC_CHANNEL_UP : HvConstants.LDC_CHANNEL_DOWN;
    }

    /** Configures or removes a queue; a new receive queue ends RESETTING and tells the peer. */
    void configure(Ring ring, long base, long entries) {
        boolean had = rx.entries != 0;
        ring.configure(base, entries);
        if (ring == tx) {
            return;
        }
        reset = false;
        if (entries != 0 || had) {
            peer.peerChanged(entries != 0);
        }
        if (entries != 0) {
            peer.roomAvailable();
        }
    }

    /** Takes the packets up to {@code tail}; the caller checked that it only adds packets. */
    void setTxTail(long tail) {
        tx.tail = tail;
        pump(false);
    }

    /** Releases the packets before {@code head}; the caller checked that it only releases. */
    void setRxHead(long head) {
        rx.head = head;
        peer.roomAvailable();
    }

    /**
     * Moves packets from the transmit ring to the peer while it takes them. When packets that had
     * to wait move ({@code deferred}), the tx-ino fires: the sender has room again.
     */
    private void pump(boolean deferred) {
        if (tx.entries == 0) {
            return;
        }
        long size = tx.entries * PACKET;
        boolean moved = false;
        while (tx.head != tx.tail && guest.valid(tx.base + tx.head, PACKET) && peer.deliver(guest.read(tx.base + tx.head,
                (int) PACKET))) {
            tx.head = (tx.head + PACKET) % size;
            moved = true;
        }
        if (moved && deferred) {
            interrupts.fire(txIno);
        }
    }

    @Override
    public boolean receiving() {
        return rx.entries != 0 && !left;
    }

    @Override
    public MapTable exports() {
        return left ? null : exported;
    }

    @Override
    public boolean deliver(byte[] packet) {
        if (!receiving()) {
            return false;
        }
        long size = rx.entries * PACKET;
        if ((rx.tail + PACKET) % size == rx.head || !guest.valid(rx.base + rx.tail, PACKET)) {
            return false;
        }
        guest.write(rx.base + rx.tail, packet, 0, (int) PACKET);
        rx.tail = (rx.tail + PACKET) % size;
        interrupts.fire(rxIno);
        return true;
    }

    @Override
    public void peerChanged(boolean up) {
        if (!up) {
            reset = true;
        }
        interrupts.fire(rxIno);
    }

    @Override
    public void roomAvailable() {
        pump(true);
    }
}
