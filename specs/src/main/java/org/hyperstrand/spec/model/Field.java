package org.hyperstrand.spec.model;

/** A field of a shared data layout at a fixed byte offset. */
public record Field(String name, TypeRef type, long offset, String doc, SourceLocation location) {
}
