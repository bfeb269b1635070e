package org.hyperstrand.core.md;

/**
 * Adds nodes to a domain's MD after {@link DomainMdFactory} has built the base graph. This is
 * where LDC will hang its nodes (reference section 8.3): "channel-devices" with a cfg-handle,
 * "channel-endpoint" {id, tx-ino, rx-ino}, and "domain-services" with its
 * "domain-services-port" children (each needing a back arc to "domain-services" and a fwd arc
 * to its endpoint), linked below {@code virtualDevices} or {@code root}.
 */
@FunctionalInterface
public interface DomainMdContributor {

    void contribute(Context context);

    /** The builder and the base nodes a contributor may link to. */
    record Context(DomainMdSpec spec, MdBuilder builder, MdBuilder.Node root, MdBuilder.Node platform,
            MdBuilder.Node virtualDevices) {
    }
}
