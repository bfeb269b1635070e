package org.hyperstrand.spec.gen.java;

/** A small writer for generated Java: indentation, Javadoc and the standard file header. */
final class JavaSource {

    private final StringBuilder out = new StringBuilder();
    private int indent;

    JavaSource(String javaPackage) {
        line("// Generated from the hypercall spec (specs/hypercalls) by 'hv spec gen --lang java'. Do not edit.");
        line("package " + javaPackage + ";");
        blank();
    }

    JavaSource line(String text) {
        if (!text.isEmpty()) {
            out.append("    ".repeat(indent)).append(text);
        }
        out.append('\n');
        return this;
    }

    JavaSource blank() {
        return line("");
    }

    JavaSource open(String text) {
        line(text + " {");
        indent++;
        return this;
    }

    JavaSource close() {
        return close("}");
    }

    /** A switch case label; its statements are indented until {@link #endCase}. */
    JavaSource caseLabel(String label) {
        line("case " + label + ":");
        indent++;
        return this;
    }

    JavaSource endCase() {
        indent--;
        return this;
    }

    JavaSource close(String text) {
        indent--;
        return line(text);
    }

    /** A Javadoc block of spec text, escaped; paragraphs become {@code <p>} paragraphs. */
    JavaSource specDoc(String... lines) {
        String[] escaped = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            escaped[i] = lines[i] == null ? null : escape(lines[i]);
        }
        return javadoc(escaped);
    }

    /** A Javadoc block of the generator's own text, which may use Javadoc tags. */
    JavaSource javadoc(String... lines) {
        line("/**");
        boolean first = true;
        for (String l : lines) {
            if (l == null) {
                continue;
            }
            for (String para : l.split("\n\n")) {
                if (para.isBlank()) {
                    continue;
                }
                line(" * " + (first || para.startsWith("@") ? "" : "<p>") + para);
                first = false;
            }
        }
        line(" */");
        return this;
    }

    static String escape(String doc) {
        return doc.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;").replace("\\u", "\\\\u");
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
