package org.hyperstrand.spec.gen;

import java.util.Locale;
import java.util.Set;

/** Spec names (snake_case) spelled for the generated languages. */
public final class Names {

    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte",
            "case", "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum",
            "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield");

    private Names() {
    }

    /** mach_desc -> MACH_DESC */
    public static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /** mach_desc -> machDesc, with a suffix when the result would be a Java keyword. */
    public static String camel(String name) {
        String p = pascal(name);
        String c = p.isEmpty() ? p : Character.toLowerCase(p.charAt(0)) + p.substring(1);
        return JAVA_KEYWORDS.contains(c) ? c + "Value" : c;
    }

    /** x86_platform -> X86Platform */
    public static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        boolean up = true;
        for (char ch : name.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
                up = false;
            }
        }
        return out.toString();
    }

    /** 0x..., at least two digits: the form numbers take in every generated file. */
    public static String hex(long value) {
        String h = Long.toHexString(value);
        return "0x" + (h.length() < 2 ? "0" + h : h);
    }
}
