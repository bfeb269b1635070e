package org.hyperstrand.spec.model;

import java.util.Optional;

/**
 * When an element entered its group's API, and whether it is deprecated or removed.
 * A removed element stays in the spec so that its number is never handed out again.
 */
public record Lifecycle(Version since, Optional<Version> deprecated, Optional<String> deprecationNote,
                        Optional<Version> removed) {

    public static Lifecycle since(Version v) {
        return new Lifecycle(v, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isRemoved() {
        return removed.isPresent();
    }

    /** True if the element is callable when the guest negotiated version {@code v} of its group. */
    public boolean availableIn(Version v) {
        boolean entered = v.major() > since.major() || (v.major() == since.major() && v.minor() >= since.minor());
        return entered && removed.map(r -> v.compareTo(r) < 0).orElse(true);
    }
}
