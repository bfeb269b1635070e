package org.hyperstrand.core.ldc;

/** One queue of an endpoint: a ring of 64-byte packets in guest memory and its head and tail offsets. */
final class Ring {

    long base;
    /** Packets the ring holds; 0 when no queue is configured. */
    long entries;
    long head;
    long tail;

    void configure(long ringBase, long count) {
        base = count == 0 ? 0 : ringBase;
        entries = count;
        head = 0;
        tail = 0;
    }

    long bytes() {
        return entries * org.hyperstrand.core.hcall.api.HvConstants.LDC_PACKET_SIZE;
    }
}
