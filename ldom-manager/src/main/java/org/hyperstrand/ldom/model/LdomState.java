package org.hyperstrand.ldom.model;

import java.util.Locale;

/** A managed domain's state (ldm-cli.md 3.1): constraints only, resources reserved, running. */
public enum LdomState {
    INACTIVE,
    BOUND,
    ACTIVE;

    /** "inactive", "bound", "active", as listings print it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
