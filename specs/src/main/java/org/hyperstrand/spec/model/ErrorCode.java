package org.hyperstrand.spec.model;

/** A numbered status code returned in the status register. */
public record ErrorCode(String name, long number, Lifecycle lifecycle, String doc, SourceLocation location) {
}
