package org.hyperstrand.spec;

import java.util.List;
import java.util.stream.Collectors;
import org.hyperstrand.spec.validate.Diagnostic;

/** A spec that did not compile, with every error it had. */
public final class SpecException extends RuntimeException {

    private final transient List<Diagnostic> diagnostics;

    public SpecException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
