package org.hyperstrand.ldom.config;

import org.hyperstrand.core.machine.Binding;
import org.hyperstrand.ldom.model.Constraints;

/**
 * A domain as the store keeps it: its constraints, whether its resources are bound, and which
 * strands and mblocks those are (null when not bound, or for a file written before ldmd kept
 * them, whose domain is bound anew).
 */
public record StoredDomain(Constraints constraints, boolean bound, Binding binding) {

    public StoredDomain {
        if (binding != null && !bound) {
            throw new IllegalArgumentException("resources for a domain that is not bound");
        }
    }

    /** Bound to {@code binding}, or inactive if it is null. */
    public StoredDomain(Constraints constraints, Binding binding) {
        this(constraints, binding != null, binding);
    }
}
