package org.hyperstrand.spec.parser;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;

/**
 * Reports the first error and stops: no token is invented or dropped, because a repaired parse
 * would go on to report errors the author never made.
 */
final class StrictErrorStrategy extends DefaultErrorStrategy {

    @Override
    public Token recoverInline(Parser recognizer) {
        InputMismatchException e = new InputMismatchException(recognizer);
        reportError(recognizer, e);
        throw e; // unreachable: the listener throws first
    }
}
