package org.hyperstrand.core.ds;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hypervisor's side of the dr-cpu service (sun4v API reference section 8.4): it asks the
 * guest to configure (start) or unconfigure (stop) cpus by id and hands back the guest's
 * answer. A request is the dr_cpu_tag {u64 req_num, u32 type, u32 num_records} followed by the
 * u32 cpu ids; the answer is a {@link DrCpuReply}. A new cpu must be in the machine
 * description before it is configured.
 *
 * <p>{@link #request} runs on the channel's thread (the machine's); the future it returns may
 * be waited on anywhere. Replies to requests nobody waits for any more are dropped.
 */
public final class DrCpu implements DsService {

    public static final String ID = "dr-cpu";

    /** Request types. */
    public static final int CONFIGURE = 'C';
    public static final int UNCONFIGURE = 'U';
    public static final int FORCE_UNCONFIGURE = 'F';
    public static final int STATUS = 'S';
    /** Reply types. */
    public static final int OK = 'o';
    public static final int ERROR = 'e';

    /** Per-cpu results. */
    public static final int RESULT_OK = 0;
    public static final int RESULT_FAILURE = 1;
    public static final int RESULT_BLOCKED = 2;
    public static final int RESULT_CPU_NOT_RESPONDING = 3;
    public static final int RESULT_NOT_IN_MD = 4;

    /** Per-cpu states. */
    public static final int STATUS_NOT_PRESENT = 0;
    public static final int STATUS_UNCONFIGURED = 1;
    public static final int STATUS_CONFIGURED = 2;

    private final DomainServices services;
    private final Map<Long, CompletableFuture<DrCpuReply>> pending = new ConcurrentHashMap<>();
    private long nextRequest = 1;
    private volatile boolean registered;

    /** The service, offered on {@code services}. */
    public DrCpu(DomainServices services) {
        this.services = services;
        services.offer(this);
    }

    @Override
    public String id() {
        return ID;
    }

    /** True while the guest has registered dr-cpu: it takes part in dynamic reconfiguration. */
    public boolean available() {
        return registered;
    }

    /**
     * Sends a {@code type} request for {@code cpus}; the future completes with the guest's reply,
     * or exceptionally if the guest drops its registration first.
     *
     * @throws IllegalStateException if the guest has not registered dr-cpu
     */
    public CompletableFuture<DrCpuReply> request(int type, List<Integer> cpus) {
        long number = nextRequest++;
        CompletableFuture<DrCpuReply> reply = new CompletableFuture<>();
        pending.put(number, reply);
        if (!services.send(ID, encodeRequest(number, type, cpus))) {
            pending.remove(number);
            throw new IllegalStateException("the guest has not registered " + ID);
        }
        reply.whenComplete((r, e) -> pending.remove(number)); // a caller that gives up cancels it
        return reply;
    }

    /** The payload of a request. */
    public static byte[] encodeRequest(long number, int type, List<Integer> cpus) {
        ByteBuffer b = ByteBuffer.allocate(DrCpuReply.TAG + 4 * cpus.size()).putLong(number).putInt(type)
                .putInt(cpus.size());
        cpus.forEach(b::putInt);
        return b.array();
    }

    @Override
    public void data(byte[] payload) {
        DrCpuReply reply = DrCpuReply.decode(payload);
        if (reply != null) {
            CompletableFuture<DrCpuReply> waiting = pending.remove(reply.request());
            if (waiting != null) {
                waiting.complete(reply);
            }
        }
    }

    @Override
    public void registered(boolean yes) {
        registered = yes;
        if (!yes) {
            for (CompletableFuture<DrCpuReply> f : pending.values()) {
                f.completeExceptionally(new IllegalStateException("the guest restarted its domain services"));
            }
            pending.clear();
        }
    }

    /** A result's name in lower case words, as error messages use it. */
    public static String resultName(int result) {
        return switch (result) {
            case RESULT_OK -> "ok";
            case RESULT_FAILURE -> "failure";
            case RESULT_BLOCKED -> "blocked";
            case RESULT_CPU_NOT_RESPONDING -> "cpu not responding";
            case RESULT_NOT_IN_MD -> "not in the machine description";
            default -> "result " + result;
        };
    }
}
