package org.hyperstrand.core.ds;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.hyperstrand.core.ldc.StreamLink;

/**
 * The hypervisor's end of a domain's domain services channel (sun4v API reference section 8.4),
 * the side Linux guests talk to in the control domain: it answers the guest's INIT_REQ (version
 * 1.x) and its REG_REQ for each service offered here, and carries DATA between a registered
 * service and the guest under the handle the guest chose. Services not offered are refused
 * with REG_NACK (major 0: none); DATA for an unknown handle gets a NACK with INV_HDL and an
 * unknown message type a NACK with TYPE_UNKNOWN. Malformed messages are dropped: nothing a
 * guest sends makes this throw.
 *
 * <p>Everything runs on the thread that moves the channel's packets (the machine's), as
 * {@link #send} must too.
 */
public final class DomainServices {

    public static final int MAJOR = 1;
    public static final int MINOR = 0;

    private final StreamLink link;
    private final Consumer<byte[]> out;
    private final Map<String, DsService> offered = new LinkedHashMap<>();
    private final Map<Long, DsService> byHandle = new HashMap<>();
    private final Map<String, Long> handles = new HashMap<>();
    private boolean initialized;

    /** A new endpoint over its own stream link ({@link #link}), to attach to a domain-services-port. */
    public DomainServices() {
        this.link = new StreamLink((l, message) -> received(message));
        this.out = message -> this.link.send(message);
    }

    /** An endpoint without a link that sends its messages to {@code out}: for tests. */
    DomainServices(Consumer<byte[]> out) {
        this.link = null;
        this.out = out;
    }

    /** The stream link to attach to the domain's domain-services-port ({@code Channels.attach}). */
    public StreamLink link() {
        return link;
    }

    /** Offers {@code service}; a guest may register it from now on. */
    public void offer(DsService service) {
        offered.put(service.id(), service);
    }

    /** True while the guest has registered the service called {@code id}. */
    public boolean registered(String id) {
        return handles.containsKey(id);
    }

    /**
     * Sends {@code payload} as DATA to the service {@code id} in the guest; false (nothing sent)
     * if the guest has not registered it.
     */
    public boolean send(String id, byte[] payload) {
        Long handle = handles.get(id);
        if (handle == null) {
            return false;
        }
        out.accept(new DsMessage(DsMessage.DATA, DsMessage.payload(8 + payload.length)
                .putLong(handle).put(payload).array()).encode());
        return true;
    }

    /** One whole message from the guest. */
    public void received(byte[] bytes) {
        DsMessage m = DsMessage.decode(bytes);
        if (m == null) {
            return;
        }
        ByteBuffer p = ByteBuffer.wrap(m.payload());
        switch (m.type()) {
            case DsMessage.INIT_REQ -> init(p);
            case DsMessage.REG_REQ -> register(p);
            case DsMessage.UNREG_REQ -> unregister(p);
            case DsMessage.DATA -> data(p);
            case DsMessage.INIT_ACK, DsMessage.INIT_NACK, DsMessage.REG_ACK, DsMessage.REG_NACK,
                    DsMessage.UNREG_ACK, DsMessage.UNREG_NACK, DsMessage.NACK -> {
                // answers to requests this side never makes
            }
            default -> nack(0, DsMessage.RESULT_TYPE_UNKNOWN);
        }
    }

    private void init(ByteBuffer p) {
        if (p.remaining() < 4) {
            return;
        }
        int major = p.getShort() & 0xffff;
        dropRegistrations(); // a guest that starts over has forgotten its handles
        if (major != MAJOR) {
            out.accept(new DsMessage(DsMessage.INIT_NACK, DsMessage.payload(2).putShort((short) MAJOR).array())
                    .encode());
            initialized = false;
            return;
        }
        out.accept(new DsMessage(DsMessage.INIT_ACK, DsMessage.payload(2).putShort((short) MINOR).array()).encode());
        initialized = true;
    }

    private void register(ByteBuffer p) {
        if (!initialized || p.remaining() < 13) {
            return;
        }
        long handle = p.getLong();
        int major = p.getShort() & 0xffff;
        p.getShort(); // the minor: this side offers x.0 whatever the guest has
        byte[] rest = new byte[p.remaining()];
        p.get(rest);
        int end = 0;
        while (end < rest.length && rest[end] != 0) {
            end++;
        }
        String id = new String(rest, 0, end, StandardCharsets.US_ASCII);
        DsService service = offered.get(id);
        if (service == null || major != service.major()) {
            out.accept(new DsMessage(DsMessage.REG_NACK, DsMessage.payload(10).putLong(handle)
                    .putShort((short) (service == null ? 0 : service.major())).array()).encode());
            return;
        }
        if (byHandle.containsKey(handle) || handles.containsKey(id)) {
            nack(handle, DsMessage.RESULT_REG_DUP);
            return;
        }
        byHandle.put(handle, service);
        handles.put(id, handle);
        out.accept(new DsMessage(DsMessage.REG_ACK, DsMessage.payload(10).putLong(handle)
                .putShort((short) MINOR).array()).encode());
        service.registered(true);
    }

    private void unregister(ByteBuffer p) {
        if (p.remaining() < 8) {
            return;
        }
        long handle = p.getLong();
        DsService service = byHandle.remove(handle);
        if (service == null) {
            out.accept(new DsMessage(DsMessage.UNREG_NACK, DsMessage.payload(8).putLong(handle).array()).encode());
            return;
        }
        handles.remove(service.id());
        out.accept(new DsMessage(DsMessage.UNREG_ACK, DsMessage.payload(8).putLong(handle).array()).encode());
        service.registered(false);
    }

    private void data(ByteBuffer p) {
        if (p.remaining() < 8) {
            return;
        }
        long handle = p.getLong();
        DsService service = byHandle.get(handle);
        if (service == null) {
            nack(handle, DsMessage.RESULT_INV_HDL);
            return;
        }
        byte[] payload = new byte[p.remaining()];
        p.get(payload);
        service.data(payload);
    }

    private void nack(long handle, long result) {
        out.accept(new DsMessage(DsMessage.NACK, DsMessage.payload(16).putLong(handle).putLong(result).array())
                .encode());
    }

    private void dropRegistrations() {
        for (DsService s : byHandle.values()) {
            s.registered(false);
        }
        byHandle.clear();
        handles.clear();
    }
}
