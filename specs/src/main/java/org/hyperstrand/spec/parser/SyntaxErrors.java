package org.hyperstrand.spec.parser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.hyperstrand.spec.model.SourceLocation;

/**
 * Turns the first lexer or parser error into a {@link SpecSyntaxException} with a message
 * written for people: "unexpected 'x', expected ';'". ANTLR's own wording names every keyword
 * that could also be a name, which helps nobody.
 */
final class SyntaxErrors extends BaseErrorListener {

    private final String file;

    SyntaxErrors(String file) {
        this.file = file;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        SourceLocation at = new SourceLocation(file, line, charPositionInLine + 1);
        if (!(recognizer instanceof Parser parser)) {
            throw new SpecSyntaxException(at, lexerMessage(msg));
        }
        Token token = (Token) offendingSymbol;
        if (token.getType() == HvSpecLexer.UNTERMINATED_STRING) {
            throw new SpecSyntaxException(at, "unterminated string");
        }
        IntervalSet expected = e != null && e.getExpectedTokens() != null
                ? e.getExpectedTokens() : parser.getExpectedTokens();
        throw new SpecSyntaxException(at, "unexpected " + describe(token) + ", expected " + describe(expected));
    }

    private static String lexerMessage(String antlrMessage) {
        // ANTLR: "token recognition error at: 'x'"
        int quote = antlrMessage.indexOf('\'');
        String text = quote >= 0 ? antlrMessage.substring(quote) : antlrMessage;
        return "unexpected character " + text.replace("\n", "\\n");
    }

    private static String describe(Token token) {
        if (token.getType() == Token.EOF) {
            return "end of file";
        }
        return switch (token.getType()) {
            case HvSpecLexer.DOC_COMMENT -> "doc comment";
            case HvSpecLexer.STRING -> "string " + token.getText();
            default -> "'" + token.getText() + "'";
        };
    }

    static String describe(IntervalSet expected) {
        Set<String> names = new LinkedHashSet<>();
        boolean nameExpected = expected.contains(HvSpecLexer.IDENT);
        for (int type : expected.toList()) {
            String n = describeType(type, nameExpected);
            if (n != null) {
                names.add(n);
            }
        }
        List<String> list = new ArrayList<>(names);
        if (list.isEmpty()) {
            return "nothing more";
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return "one of " + String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    private static String describeType(int type, boolean nameExpected) {
        switch (type) {
            case Token.EOF:
                return "end of file";
            case HvSpecLexer.IDENT:
                return "a name";
            case HvSpecLexer.NUMBER:
                return "a number";
            case HvSpecLexer.VERSION:
                return "a version (major.minor)";
            case HvSpecLexer.STRING:
                return "a string";
            case HvSpecLexer.REGISTER:
                return "a register (%name)";
            case HvSpecLexer.DOC_COMMENT:
                return null; // a doc comment is never what is missing
            default:
                String literal = HvSpecLexer.VOCABULARY.getLiteralName(type);
                if (literal == null) {
                    return HvSpecLexer.VOCABULARY.getDisplayName(type);
                }
                boolean keyword = Character.isLetter(literal.charAt(1));
                // keywords double as names: when a name fits, listing them all says nothing
                return keyword && nameExpected ? null : literal;
        }
    }
}
