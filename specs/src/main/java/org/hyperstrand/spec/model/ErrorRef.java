package org.hyperstrand.spec.model;

/** An error code a call may return, with the condition that causes it. */
public record ErrorRef(String code, String condition, SourceLocation location) {
}
