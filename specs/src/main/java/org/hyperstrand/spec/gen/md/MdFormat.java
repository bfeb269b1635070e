package org.hyperstrand.spec.gen.md;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.Layout;
import org.hyperstrand.spec.model.Lifecycle;
import org.hyperstrand.spec.model.ScalarType;
import org.hyperstrand.spec.model.TypeRef;
import org.hyperstrand.spec.model.Version;

/** Small text helpers shared by the Markdown pages: numbers, code spans, escaping, names, order. */
final class MdFormat {

    /** Kinds in the order the reference presents them: the always-on core trap first. */
    static final List<CallKind> KIND_ORDER = List.of(CallKind.CORE, CallKind.FAST, CallKind.HYPERFAST);

    /** Calls of one group: by kind in {@link #KIND_ORDER}, then by number. */
    static final Comparator<Call> CALL_ORDER = Comparator
            .comparingInt((Call c) -> KIND_ORDER.indexOf(c.kind()))
            .thenComparing(Call::number, Long::compareUnsigned)
            .thenComparing(Call::name);

    /** Groups by id, so the reference does not depend on how the spec is split into files. */
    static final Comparator<ApiGroup> GROUP_ORDER = Comparator
            .comparing(ApiGroup::id, Long::compareUnsigned)
            .thenComparing(ApiGroup::name);

    private MdFormat() {
    }

    /** {@code 0x} and lower-case hex digits, zero-padded to at least {@code minDigits}. */
    static String hex(long value, int minDigits) {
        String digits = Long.toHexString(value);
        return "0x" + "0".repeat(Math.max(0, minDigits - digits.length())) + digits;
    }

    /** A call, trap or function number. */
    static String number(long value) {
        return hex(value, 2);
    }

    static String groupId(ApiGroup group) {
        return hex(group.id(), 4);
    }

    /** A code span, with enough backticks to hold any backtick in {@code text}. */
    static String code(String text) {
        String fence = text.contains("`") ? "``" : "`";
        String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return fence + pad + text + pad + fence;
    }

    /** A register as the spec stores it (without {@code %}), as a code span. */
    static String reg(String register) {
        return code("%" + register);
    }

    static String link(String text, String target) {
        return "[" + text + "](" + target + ")";
    }

    /**
     * Spec prose made safe for Markdown: a {@code <} that could open an HTML tag, comment or
     * autolink (a letter, {@code /}, {@code !} or {@code ?} follows) would swallow the text, so
     * outside code spans it is written as an entity. Backticks the author wrote are kept.
     */
    static String text(String prose) {
        StringBuilder out = new StringBuilder(prose.length());
        boolean inCode = false;
        for (int i = 0; i < prose.length(); i++) {
            char c = prose.charAt(i);
            if (c == '`') {
                inCode = !inCode;
            }
            boolean opensTag = c == '<' && i + 1 < prose.length() && opensTag(prose.charAt(i + 1));
            out.append(opensTag && !inCode ? "&lt;" : String.valueOf(c));
        }
        return out.toString();
    }

    private static boolean opensTag(char next) {
        return (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || "/!?".indexOf(next) >= 0;
    }

    /**
     * The first sentence of a doc comment, for index tables: up to the first full stop that is
     * followed by a capital letter or ends the first paragraph.
     */
    static String summary(String doc) {
        String first = doc.split("\n\n", 2)[0].strip();
        for (int i = first.indexOf(". "); i >= 0; i = first.indexOf(". ", i + 1)) {
            if (i + 2 < first.length() && Character.isUpperCase(first.charAt(i + 2))) {
                return text(first.substring(0, i + 1));
            }
        }
        return text(first);
    }

    /** Spec prose as a sentence: escaped, with a full stop unless it already ends in punctuation. */
    static String sentence(String prose) {
        String t = text(prose.strip());
        return t.isEmpty() || ".!?:".indexOf(t.charAt(t.length() - 1)) >= 0 ? t : t + ".";
    }

    /** The paragraphs of a doc comment (the parser separates them with a blank line). */
    static List<String> paragraphs(String doc) {
        List<String> out = new ArrayList<>();
        for (String p : doc.split("\n\n")) {
            if (!p.isBlank()) {
                out.add(text(p.strip()));
            }
        }
        return out;
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        String lower = heading.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.append(c);
            } else if (c == ' ') {
                out.append('-');
            }
        }
        return out.toString();
    }

    static String groupPage(ApiGroup group) {
        return "group-" + group.name() + ".md";
    }

    static String groupLink(ApiGroup group) {
        return link(group.name(), groupPage(group));
    }

    /** A link to a call's block from another page. */
    static String callLink(ApiGroup group, Call call) {
        return link(code(call.name()), groupPage(group) + "#" + anchor(call.name()));
    }

    /** A link to a heading on the same page, shown as a code span. */
    static String localLink(String name, String heading) {
        return link(code(name), "#" + anchor(heading));
    }

    /** A type, linked to its description: the Types table for scalars, the layout's block for layouts. */
    static String type(ApiSpec spec, TypeRef type) {
        String shown = code(type.toString());
        if (ScalarType.of(type.name()).isPresent()) {
            return link(shown, MdReadmePage.PATH + "#types");
        }
        for (ApiGroup g : spec.groups()) {
            for (Layout l : g.layouts()) {
                if (l.name().equals(type.name())) {
                    return link(shown, groupPage(g) + "#" + anchor(MdDataBlocks.layoutHeading(l)));
                }
            }
        }
        return shown;
    }

    /** "fast trap", "hyper-fast trap", "core trap". */
    static String kindName(CallKind kind) {
        return switch (kind) {
            case CORE -> "core trap";
            case FAST -> "fast trap";
            case HYPERFAST -> "hyper-fast trap";
        };
    }

    /** The heading of a kind's section: "Fast trap calls". */
    static String kindTitle(CallKind kind) {
        String name = kindName(kind);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + " calls";
    }

    static String versions(List<Version> versions) {
        return versions.stream().sorted().map(Version::toString).collect(Collectors.joining(", "));
    }

    static String archs(List<String> archs) {
        return String.join(", ", archs);
    }

    /** "1.0", or "1.0 (deprecated in 1.1, removed in 2.0)". */
    static String lifecycle(Lifecycle life) {
        List<String> later = new ArrayList<>();
        life.deprecated().ifPresent(v -> later.add("deprecated in " + v));
        life.removed().ifPresent(v -> later.add("removed in " + v));
        return later.isEmpty() ? life.since().toString() : life.since() + " (" + String.join(", ", later) + ")";
    }

    /** The architectures of a group; a group that names none is offered on every binding. */
    static List<String> archsOf(ApiSpec spec, ApiGroup group) {
        return group.archs().isEmpty() ? spec.bindings().stream().map(Binding::arch).toList() : group.archs();
    }

    /** The architectures that offer a call: its own list, else its group's. */
    static List<String> archsOf(ApiSpec spec, ApiGroup group, Call call) {
        return call.archs().isEmpty() ? archsOf(spec, group) : call.archs();
    }

    /** Every group, in {@link #GROUP_ORDER}. */
    static List<ApiGroup> groups(ApiSpec spec) {
        return spec.groups().stream().sorted(GROUP_ORDER).toList();
    }

    /** A group's calls of one kind, in number order. */
    static List<Call> callsOf(ApiGroup group, CallKind kind) {
        return group.calls().stream().filter(c -> c.kind() == kind).sorted(CALL_ORDER).toList();
    }
}
