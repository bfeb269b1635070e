package org.hyperstrand.spec.parser;

import org.hyperstrand.spec.model.SourceLocation;
import org.hyperstrand.spec.validate.Diagnostic;

/** The first syntax error of a file; parsing stops there rather than guess a repair. */
public final class SpecSyntaxException extends RuntimeException {

    private final transient Diagnostic diagnostic;

    public SpecSyntaxException(SourceLocation location, String message) {
        super(location + ": error: " + message);
        this.diagnostic = new Diagnostic(location, message);
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
