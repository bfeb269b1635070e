package org.hyperstrand.spec.gen;

/** One generated file: its path relative to the output directory, and its text. */
public record GeneratedFile(String path, String content) {
}
