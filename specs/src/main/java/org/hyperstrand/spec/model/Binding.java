package org.hyperstrand.spec.model;

import java.util.List;
import java.util.Optional;

/** The calling convention of one architecture: the instruction and one convention per call kind. */
public record Binding(String arch, String instruction, List<Convention> conventions, String doc,
                      SourceLocation location) {

    public Binding {
        conventions = List.copyOf(conventions);
    }

    public Optional<Convention> convention(CallKind kind) {
        return conventions.stream().filter(c -> c.kind() == kind).findFirst();
    }
}
