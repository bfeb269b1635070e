package org.hyperstrand.spec.model;

/** One argument or result of a call. */
public record Param(String name, TypeRef type, String doc, SourceLocation location) {
}
