package org.hyperstrand.core.ldc;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.md.ChannelSpec;
import org.hyperstrand.core.svc.InterruptQueues;

/**
 * The machine's logical domain channels: each domain's endpoints and what they are connected
 * to, another domain's endpoint or a Java service. One lock guards all of it. Channels are
 * set up before or while a domain runs; a new endpoint appears in the domain's machine
 * description at once.
 */
public final class Channels {

    private final Object lock = new Object();
    private final Map<Domain, DomainChannels> domains = new IdentityHashMap<>();
    /** Domains with a channel to a Java service, which may wake them at any time. */
    private final Set<Domain> served = Collections.newSetFromMap(new IdentityHashMap<>());
    private final MappedPages mapped = new MappedPages();

    /** Gives {@code domain} its (empty) channel table; its interrupts go through {@code queues}. */
    public DomainChannels register(Domain domain, InterruptQueues queues) {
        synchronized (lock) {
            return domains.computeIfAbsent(domain, d -> new DomainChannels(d, queues, lock, mapped));
        }
    }

    /** The channel table of a registered domain. */
    public DomainChannels of(Domain domain) {
        synchronized (lock) {
            DomainChannels c = domains.get(domain);
            if (c == null) {
                throw new IllegalArgumentException("domain " + domain.name() + " is not on this machine");
            }
            return c;
        }
    }

    /** Forgets a domain that left the machine; the other ends of its channels see them reset. */
    public void unregister(Domain domain) {
        synchronized (lock) {
            DomainChannels table = domains.remove(domain);
            if (table != null) {
                table.leave();
            }
            served.remove(domain);
        }
    }

    /** True if {@code domain} has a channel to a Java service: packets may reach it from outside its CPUs. */
    public boolean served(Domain domain) {
        synchronized (lock) {
            return served.contains(domain);
        }
    }

    /**
     * Connects a new endpoint of {@code domain}, on the lowest free channel id, to {@code service};
     * the port named {@code name} is of kind {@code port}.
     *
     * @return the service's end of the channel
     */
    public LdcPort attach(Domain domain, ChannelSpec.Port port, String name, LdcService service) {
        synchronized (lock) {
            DomainChannels table = of(domain);
            long id = table.nextId();
            ServiceEndpoint end = new ServiceEndpoint(id, service, lock);
            GuestEndpoint guest = table.add(new ChannelSpec(id, 2 * id, 2 * id + 1, port, name));
            guest.connect(end);
            end.connect(guest);
            served.add(domain);
            return end;
        }
    }

    /** Connects two domains with a channel; each sees a virtual-device-port called {@code name}. */
    public void connect(Domain a, Domain b, String name) {
        connect(a, name, b, name);
    }

    /**
     * Connects two domains with a channel whose ends have different port names, so that each
     * guest can tell its role from its machine description (which end starts the handshake).
     */
    public void connect(Domain a, String nameA, Domain b, String nameB) {
        synchronized (lock) {
            DomainChannels ta = of(a);
            DomainChannels tb = of(b);
            long ia = ta.nextId();
            GuestEndpoint ea = ta.add(new ChannelSpec(ia, 2 * ia, 2 * ia + 1, ChannelSpec.Port.VIRTUAL_DEVICE, nameA));
            long ib = tb.nextId();
            GuestEndpoint eb = tb.add(new ChannelSpec(ib, 2 * ib, 2 * ib + 1, ChannelSpec.Port.VIRTUAL_DEVICE, nameB));
            ea.connect(eb);
            eb.connect(ea);
        }
    }
}
