package org.hyperstrand.spec.model;

/** A named value: a page-size code, a queue id, a cpu state. */
public record Constant(String name, long value, Version since, String doc, SourceLocation location) {
}
