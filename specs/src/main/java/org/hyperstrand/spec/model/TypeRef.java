package org.hyperstrand.spec.model;

/** A named type, optionally an array of {@code count} elements (layout fields only). */
public record TypeRef(String name, int count, SourceLocation location) {

    public boolean isArray() {
        return count > 0;
    }

    @Override
    public String toString() {
        return count > 0 ? name + "[" + count + "]" : name;
    }
}
