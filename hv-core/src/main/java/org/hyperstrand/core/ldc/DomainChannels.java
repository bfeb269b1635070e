package org.hyperstrand.core.ldc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.hcall.api.LdomHandler;
import org.hyperstrand.core.md.ChannelSpec;
import org.hyperstrand.core.svc.GuestMemoryAccess;
import org.hyperstrand.core.svc.InterruptQueues;

/**
 * A domain's channel endpoints and the LDC calls of group ldom (sun4v API reference section
 * 10). Every argument is checked before use; no guest input throws out of here or reaches
 * another domain's memory. All channel state of the machine is guarded by one lock, since a
 * packet sent by one domain lands in another's queue.
 *
 * <p>Shared memory: a map table can be registered and read back, ldc_copy copies to and from
 * the pages the peer exports ({@link ChannelCopy}), and ldc_mapin, ldc_unmap and ldc_revoke map
 * them into the caller's real address space and out again ({@link MappedPages}), for the
 * architectures whose CPU models honour such pages.
 */
public final class DomainChannels implements LdomHandler {

    /** Largest queue, in packets (the sun4v limit on mondo queues, section 7). */
    static final long MAX_QUEUE_ENTRIES = 4096;
    /** Map table sizes, OS-LDC (section 10.2). */
    static final long MIN_MAP_ENTRIES = 2;
    static final long MAX_MAP_ENTRIES = 1L << 30;
    private static final long PACKET = HvConstants.LDC_PACKET_SIZE;
    private static final long MAP_ENTRY = MapTable.ENTRY;

    private final Domain domain;
    private final GuestMemoryAccess guest;
    private final VirtualInterrupts interrupts;
    private final InterruptQueues queues;
    private final Object lock;
    private final MappedPages mapped;
    private final Map<Long, GuestEndpoint> endpoints = new TreeMap<>();
    private final Map<Long, ChannelSpec> specs = new TreeMap<>();

    DomainChannels(Domain domain, InterruptQueues queues, Object lock, MappedPages mapped) {
        this.domain = domain;
        this.guest = GuestMemoryAccess.of(domain);
        this.interrupts = new VirtualInterrupts(domain, queues);
        this.queues = queues;
        this.lock = lock;
        this.mapped = mapped;
    }

    public Domain domain() {
        return domain;
    }

    /** The domain's virtual interrupt sources, the handler of group intr. */
    public VirtualInterrupts interrupts() {
        return interrupts;
    }

    /** The domain's interrupt queues, which its virtual interrupts fill. */
    public InterruptQueues queues() {
        return queues;
    }

    /** The endpoints as the machine description lists them, by channel id. */
    public List<ChannelSpec> specs() {
        synchronized (lock) {
            return new ArrayList<>(specs.values());
        }
    }

    /** The lowest channel id this domain does not use yet. */
    long nextId() {
        long id = 0;
        while (endpoints.containsKey(id)) {
            id++;
        }
        return id;
    }

    /** Creates endpoint {@code id} (tx-ino 2 id, rx-ino 2 id + 1) described by {@code spec}. */
    GuestEndpoint add(ChannelSpec spec) {
        GuestEndpoint e = new GuestEndpoint(spec.id(), spec.txIno(), spec.rxIno(), guest, domain.backend().byteOrder(),
                interrupts);
        endpoints.put(spec.id(), e);
        specs.put(spec.id(), spec);
        return e;
    }

    /**
     * The domain left the machine: each peer sees its channel reset and reaches none of its
     * memory, not even pages it had mapped in; the pages this domain mapped in are gone too.
     */
    void leave() {
        endpoints.values().forEach(GuestEndpoint::leave);
        endpoints.values().forEach(mapped::dropExports);
        mapped.dropImports(this);
    }

    /** EOK, or the status of a queue configuration that is not acceptable. */
    private long checkQueue(long base, long nentries) {
        if (nentries == 0) {
            return HvErrors.EOK;
        }
        if (nentries < HvConstants.LDC_QUEUE_MIN_ENTRIES || nentries > MAX_QUEUE_ENTRIES
                || Long.bitCount(nentries) != 1) {
            return HvErrors.EINVAL;
        }
        long bytes = nentries * PACKET;
        if ((base & (bytes - 1)) != 0) {
            return HvErrors.EBADALIGN;
        }
        return guest.valid(base, bytes) ? HvErrors.EOK : HvErrors.ENORADDR;
    }

    private static boolean inRing(long offset, long entries) {
        return entries != 0 && (offset & (PACKET - 1)) == 0 && Long.compareUnsigned(offset, entries * PACKET) < 0;
    }

    /** Runs {@code action} on endpoint {@code channel} under the lock; ECHANNEL if there is none. */
    private long onEndpoint(long channel, java.util.function.ToLongFunction<GuestEndpoint> action) {
        synchronized (lock) {
            GuestEndpoint e = endpoints.get(channel);
            return e == null ? HvErrors.ECHANNEL : action.applyAsLong(e);
        }
    }

    private long qconf(long channel, boolean transmit, long base, long nentries) {
        return onEndpoint(channel, e -> {
            long status = checkQueue(base, nentries);
            if (status == HvErrors.EOK) {
                e.configure(transmit ? e.tx : e.rx, base, nentries);
            }
            return status;
        });
    }

    private long qinfo(HcallFrame frame, long channel, boolean transmit) {
        return onEndpoint(channel, e -> {
            Ring r = transmit ? e.tx : e.rx;
            frame.setResult(1, r.base);
            frame.setResult(2, r.entries);
            return HvErrors.EOK;
        });
    }

    private long getState(HcallFrame frame, long channel, boolean transmit) {
        return onEndpoint(channel, e -> {
            Ring r = transmit ? e.tx : e.rx;
            if (r.entries == 0) {
                return HvErrors.EINVAL;
            }
            frame.setResult(1, r.head);
            frame.setResult(2, r.tail);
            frame.setResult(3, e.state());
            return HvErrors.EOK;
        });
    }

    @Override
    public long ldcTxQconf(HcallFrame frame, long channel, long base, long nentries) {
        return qconf(channel, true, base, nentries);
    }

    @Override
    public long ldcTxQinfo(HcallFrame frame, long channel) {
        return qinfo(frame, channel, true);
    }

    @Override
    public long ldcTxGetState(HcallFrame frame, long channel) {
        return getState(frame, channel, true);
    }

    @Override
    public long ldcTxSetQtail(HcallFrame frame, long channel, long tail) {
        return onEndpoint(channel, e -> {
            // only forward: the new tail may add packets, never take back ones not yet sent
            if (!inRing(tail, e.tx.entries)
                    || Math.floorMod(tail - e.tx.head, e.tx.bytes()) < Math.floorMod(e.tx.tail - e.tx.head, e.tx.bytes())) {
                return HvErrors.EINVAL;
            }
            e.setTxTail(tail);
            return HvErrors.EOK;
        });
    }

    @Override
    public long ldcRxQconf(HcallFrame frame, long channel, long base, long nentries) {
        return qconf(channel, false, base, nentries);
    }

    @Override
    public long ldcRxQinfo(HcallFrame frame, long channel) {
        return qinfo(frame, channel, false);
    }

    @Override
    public long ldcRxGetState(HcallFrame frame, long channel) {
        return getState(frame, channel, false);
    }

    @Override
    public long ldcRxSetQhead(HcallFrame frame, long channel, long head) {
        return onEndpoint(channel, e -> {
            // only forward, and never past the tail: packets not yet arrived cannot be released
            if (!inRing(head, e.rx.entries)
                    || Math.floorMod(head - e.rx.head, e.rx.bytes()) > Math.floorMod(e.rx.tail - e.rx.head, e.rx.bytes())) {
                return HvErrors.EINVAL;
            }
            e.setRxHead(head);
            return HvErrors.EOK;
        });
    }

    @Override
    public long ldcSetMapTable(HcallFrame frame, long channel, long table, long nentries) {
        return onEndpoint(channel, e -> {
            if (nentries != 0) {
                if (nentries < MIN_MAP_ENTRIES || nentries > MAX_MAP_ENTRIES) {
                    return HvErrors.EINVAL;
                }
                if ((table & (MAP_ENTRY - 1)) != 0) {
                    return HvErrors.EBADALIGN;
                }
                if (!guest.valid(table, nentries * MAP_ENTRY)) {
                    return HvErrors.ENORADDR;
                }
            }
            e.exported.set(table, nentries);
            mapped.dropExports(e); // the cookies of the old table name other pages now, or none
            return HvErrors.EOK;
        });
    }

    @Override
    public long ldcGetMapTable(HcallFrame frame, long channel) {
        return onEndpoint(channel, e -> {
            frame.setResult(1, e.exported.base());
            frame.setResult(2, e.exported.entries());
            return HvErrors.EOK;
        });
    }

    @Override
    public long ldcCopy(HcallFrame frame, long channel, long direction, long cookie, long local, long length) {
        return onEndpoint(channel, e -> ChannelCopy.copy(frame, e, guest, direction, cookie, local, length));
    }

    @Override
    public long ldcMapin(HcallFrame frame, long channel, long cookie) {
        return onEndpoint(channel, e -> mapped.mapin(frame, this, e, cookie));
    }

    @Override
    public long ldcUnmap(HcallFrame frame, long ra) {
        synchronized (lock) {
            return mapped.unmap(this, ra);
        }
    }

    @Override
    public long ldcRevoke(HcallFrame frame, long channel, long cookie, long revokeCookie) {
        return onEndpoint(channel, e -> mapped.revoke(e, cookie, revokeCookie));
    }
}
