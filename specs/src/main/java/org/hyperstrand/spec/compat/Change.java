package org.hyperstrand.spec.compat;

import org.hyperstrand.spec.model.SourceLocation;

/** One difference between two versions of the spec, and whether it breaks existing guests. */
public record Change(boolean breaking, SourceLocation location, String message) implements Comparable<Change> {

    @Override
    public int compareTo(Change o) {
        int c = Boolean.compare(o.breaking, breaking);
        if (c != 0) {
            return c;
        }
        c = location.compareTo(o.location);
        return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        return location + ": " + (breaking ? "breaking: " : "compatible: ") + message;
    }
}
