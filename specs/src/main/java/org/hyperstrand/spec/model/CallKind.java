package org.hyperstrand.spec.model;

/**
 * How a call is reached (sun4v API, reference section 1): a fast trap selects the call by a
 * function number, a hyper-fast trap is itself the call, and the core trap has its own small,
 * unversioned function table.
 */
public enum CallKind {
    FAST("fast"),
    HYPERFAST("hyperfast"),
    CORE("core");

    private final String keyword;

    CallKind(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static CallKind ofKeyword(String k) {
        for (CallKind c : values()) {
            if (c.keyword.equals(k)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown call kind " + k);
    }

    /** Core-trap calls are always enabled; the rest follow their group's negotiated version. */
    public boolean isVersioned() {
        return this != CORE;
    }
}
