package org.hyperstrand.spec.parser;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.hyperstrand.spec.model.SourceLocation;

/**
 * Parses one spec file into the model. A syntax error stops the file at its first error with a
 * {@link SpecSyntaxException}; nothing is repaired.
 */
public final class SpecParser {

    private SpecParser() {
    }

    public static ParsedFile parse(String file, String text) {
        SyntaxErrors errors = new SyntaxErrors(file);
        HvSpecLexer lexer = new HvSpecLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        HvSpecParser parser = new HvSpecParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        parser.setErrorHandler(new StrictErrorStrategy());
        HvSpecParser.SpecFileContext tree;
        try {
            tree = parser.specFile();
        } catch (StackOverflowError e) {
            throw new SpecSyntaxException(new SourceLocation(file, 1, 1),
                    "file is nested too deeply to parse");
        }
        return new ModelBuilder(file).build(tree);
    }
}
