package org.hyperstrand.spec.gen.c;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Accumulates the header text line by line. It strips trailing blanks, keeps blank lines
 * single, and refuses a C name declared twice (two spec elements mapping to one macro would
 * otherwise surface only as a compiler error in a guest build).
 */
final class CWriter {

    /** One {@code #define}; {@code comment} may be empty. */
    record Define(String name, String value, String comment) {
    }

    private final StringBuilder out = new StringBuilder();
    private final Set<String> declared = new HashSet<>();

    void line(String text) {
        out.append(text.stripTrailing()).append('\n');
    }

    void lines(List<String> lines) {
        lines.forEach(this::line);
    }

    /** A blank line, unless the text is empty or already ends with one. */
    void blank() {
        if (out.length() > 0 && !out.toString().endsWith("\n\n")) {
            out.append('\n');
        }
    }

    /** Records a C name (macro, type, struct tag); a second declaration is a spec error. */
    void declare(String name) {
        if (!declared.add(name)) {
            throw new IllegalArgumentException("the spec maps two elements to the C name " + name);
        }
    }

    /** A comment: on one line when it is one short line, else a block with {@code " * "} prefixes. */
    void comment(List<String> body) {
        if (body.size() == 1 && body.get(0).length() + 6 <= CText.MAX_LINE) {
            line("/* " + body.get(0) + " */");
            return;
        }
        line("/*");
        body.forEach(l -> line(" * " + l));
        line(" */");
    }

    /** Doc prose as a comment, paragraphs wrapped and separated by an empty comment line. */
    void doc(String doc) {
        List<String> body = prose(doc);
        if (!body.isEmpty()) {
            comment(body);
        }
    }

    /** Wrapped paragraphs with empty lines between them, as comment body lines. */
    static List<String> prose(String doc) {
        List<String> body = new ArrayList<>();
        for (String paragraph : CText.paragraphs(doc)) {
            if (!body.isEmpty()) {
                body.add("");
            }
            body.addAll(CText.wrap(paragraph, CText.WIDTH));
        }
        return body;
    }

    /**
     * A run of defines with names, values and comments in columns. A comment too long for its
     * line continues on the next lines, aligned under its start.
     */
    void defines(List<Define> defines) {
        int nameWidth = defines.stream().mapToInt(d -> d.name().length()).max().orElse(0);
        int valueWidth = defines.stream().mapToInt(d -> d.value().length()).max().orElse(0);
        for (Define d : defines) {
            declare(d.name());
            String define = "#define " + CText.pad(d.name(), nameWidth) + " " + d.value();
            String comment = CText.flat(d.comment());
            if (comment.isEmpty()) {
                line(define);
            } else {
                lines(trailingComment(CText.pad(define, 9 + nameWidth + valueWidth) + " ", comment));
            }
        }
    }

    /** {@code code} followed by a comment, wrapped so that no line passes {@link CText#MAX_LINE}. */
    static List<String> trailingComment(String code, String comment) {
        // far to the right, keep some room for the words even if the lines then run long
        int width = Math.max(CText.MAX_LINE - code.length() - 6, CText.WIDTH / 2);
        List<String> wrapped = CText.wrap(comment, width);
        List<String> lines = new ArrayList<>();
        String indent = " ".repeat(code.length());
        for (int i = 0; i < wrapped.size(); i++) {
            String end = i + 1 == wrapped.size() ? " */" : "";
            lines.add((i == 0 ? code + "/* " : indent + " * ") + wrapped.get(i) + end);
        }
        return lines;
    }

    String text() {
        return out.toString();
    }
}
