package org.hyperstrand.ldom.config;

import org.hyperstrand.ldom.model.Constraints;

/** A domain as the store keeps it: its constraints and whether its resources are bound. */
public record StoredDomain(Constraints constraints, boolean bound) {
}
