package org.hyperstrand.spec.validate;

import org.hyperstrand.spec.model.SourceLocation;

/** One error in a spec, printed as {@code file:line:col: error: message}. */
public record Diagnostic(SourceLocation location, String message) implements Comparable<Diagnostic> {

    @Override
    public int compareTo(Diagnostic o) {
        int c = location.compareTo(o.location);
        return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        return location + ": error: " + message;
    }
}
