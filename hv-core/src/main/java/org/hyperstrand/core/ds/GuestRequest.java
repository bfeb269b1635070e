package org.hyperstrand.core.ds;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A domain service through which the control side asks the guest to do one thing and the guest
 * answers {u64 req_num, u32 result, char reason[]} (sun4v API reference section 8.4):
 * "domain-shutdown", whose request is {req_num, u32 ms_delay} and after which the guest powers
 * off in an orderly way, and "domain-panic", whose request is {req_num} and after which the
 * guest panics.
 */
public final class GuestRequest implements DsService {

    public static final String SHUTDOWN = "domain-shutdown";
    public static final String PANIC = "domain-panic";
    /** The answer's result when the guest will do as asked. */
    public static final int RESULT_OK = 0;

    private final DomainServices services;
    private final String id;
    private final Map<Long, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();
    private long nextRequest = 1;
    private volatile boolean registered;

    /** The service {@code id} (SHUTDOWN or PANIC), offered on {@code services}. */
    public GuestRequest(DomainServices services, String id) {
        this.services = services;
        this.id = id;
        services.offer(this);
    }

    @Override
    public String id() {
        return id;
    }

    /** True while the guest has registered this service. */
    public boolean available() {
        return registered;
    }

    /**
     * Sends the request; the future completes with the guest's result, or exceptionally if it
     * restarts its domain services first.
     *
     * @param delayMillis for domain-shutdown, how long the guest may take (ms_delay); unused for a panic
     * @throws IllegalStateException if the guest has not registered the service
     */
    public CompletableFuture<Integer> request(int delayMillis) {
        long number = nextRequest++;
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        pending.put(number, reply);
        ByteBuffer payload = ByteBuffer.allocate(id.equals(SHUTDOWN) ? 12 : 8).putLong(number);
        if (id.equals(SHUTDOWN)) {
            payload.putInt(delayMillis);
        }
        if (!services.send(id, payload.array())) {
            pending.remove(number);
            throw new IllegalStateException("the guest has not registered " + id);
        }
        reply.whenComplete((r, e) -> pending.remove(number));
        return reply;
    }

    @Override
    public void data(byte[] payload) {
        if (payload.length < 12) {
            return; // not an answer: ignored, as the protocol ignores what it cannot parse
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        CompletableFuture<Integer> waiting = pending.remove(b.getLong());
        if (waiting != null) {
            waiting.complete(b.getInt());
        }
    }

    @Override
    public void registered(boolean yes) {
        registered = yes;
        if (!yes) {
            pending.values().forEach(f -> f.completeExceptionally(
                    new IllegalStateException("the guest restarted its domain services")));
            pending.clear();
        }
    }
}
