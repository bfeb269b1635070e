package org.hyperstrand.core.svc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A domain's console: every byte the guest writes goes to the attached sinks and into a log,
 * so nothing is lost while nobody watches; bytes typed for the guest wait in an input queue.
 */
public final class Console {

    /** Bytes of output history kept for a later reader. */
    public static final int HISTORY = 1 << 20;

    private final byte[] history = new byte[HISTORY];
    private long written;
    private final List<IntConsumer> sinks = new ArrayList<>();
    private final ArrayDeque<Integer> input = new ArrayDeque<>();

    /** Adds a receiver of every byte written from now on. */
    public synchronized void attach(IntConsumer sink) {
        sinks.add(sink);
    }

    public synchronized void detach(IntConsumer sink) {
        sinks.remove(sink);
    }

    public synchronized void write(int b) {
        history[(int) (written % HISTORY)] = (byte) b;
        written++;
        for (IntConsumer s : sinks) {
            s.accept(b & 0xff);
        }
    }

    /** Total bytes the guest has written. */
    public synchronized long written() {
        return written;
    }

    /** The most recent output, up to {@link #HISTORY} bytes, oldest first. */
    public synchronized byte[] recent() {
        int n = (int) Math.min(written, HISTORY);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = history[(int) ((written - n + i) % HISTORY)];
        }
        return out;
    }

    /** Queues a byte for the guest to read, or a special value (BREAK -1, HUP -2). */
    public synchronized void type(int b) {
        input.add(b);
    }

    /** Puts a byte back at the front of the input, for a reader that could not take it. */
    public synchronized void unread(int b) {
        input.addFirst(b);
    }

    /** The next input byte, or {@code Integer.MIN_VALUE} when there is none. */
    public synchronized int read() {
        Integer b = input.poll();
        return b == null ? Integer.MIN_VALUE : b;
    }
}
