package org.hyperstrand.spec.gen.c;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.ErrorRef;
import org.hyperstrand.spec.model.Param;

/**
 * A call's documentation block in the sun4v style: TRAP, FUNCTION, ARGn, RETn, ERRORS (each
 * with its condition), ARCH, SINCE/DEPRECATED and the C prototype, then the prose and notes.
 * Every call gets the same fields in the same order.
 */
final class CCallBlock {

    /** Width of the labels (TRAP:, ARG0:, ...). */
    private static final int LABEL = 12;

    private CCallBlock() {
    }

    /**
     * @param sharedTrap whether the call's kind has a shared trap number (then a function
     *                   number selects the call); otherwise the call's number is its trap
     * @param archs      the architectures offering the call
     * @param hasStub    whether some architecture gets a C stub, whose prototype is shown
     */
    static List<String> lines(ApiGroup group, Call call, boolean sharedTrap, List<String> archs, boolean hasStub) {
        List<String> body = new ArrayList<>();
        String macro = CNames.callMacro(call);
        body.addAll(labelled("TRAP:", List.of(sharedTrap ? CNames.trapMacro(call.kind()) : macro)));
        if (sharedTrap) {
            body.addAll(labelled("FUNCTION:", List.of(macro)));
        }
        body.addAll(registers(call));
        body.addAll(errors(call));
        body.addAll(labelled("ARCH:", List.of(String.join(", ", archs))));
        body.addAll(lifecycle(group, call));
        if (hasStub) {
            body.addAll(labelled("C:", CStubs.prototype(call, false, ";", CText.WIDTH - LABEL)));
        }
        addParagraphs(body, call.doc(), "");
        call.notes().forEach(n -> addParagraphs(body, n, "Note: "));
        List<String> lines = new ArrayList<>();
        lines.add("/* " + call.name() + "()");
        body.forEach(l -> lines.add(" * " + l));
        lines.add(" */");
        return lines;
    }

    /** ARGn, then RET0 (the status) and RETn; names in one column so the docs line up. */
    private static List<String> registers(Call call) {
        int keyWidth = Stream.concat(call.args().stream(), call.results().stream())
                .mapToInt(p -> p.name().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < call.args().size(); i++) {
            lines.addAll(keyed("ARG" + i + ":", call.args().get(i), keyWidth));
        }
        lines.addAll(labelled("RET0:", List.of(call.noReturn() ? "none, the call does not return" : "status")));
        for (int i = 0; !call.noReturn() && i < call.results().size(); i++) {
            lines.addAll(keyed("RET" + (i + 1) + ":", call.results().get(i), keyWidth));
        }
        return lines;
    }

    private static List<String> errors(Call call) {
        int codeWidth = call.errors().stream().mapToInt(e -> e.code().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < call.errors().size(); i++) {
            ErrorRef e = call.errors().get(i);
            lines.addAll(keyed(i == 0 ? "ERRORS:" : "", e.code(), codeWidth, e.condition()));
        }
        return lines;
    }

    private static List<String> lifecycle(ApiGroup group, Call call) {
        List<String> lines = new ArrayList<>(labelled("SINCE:", List.of(group.name() + " "
                + call.lifecycle().since())));
        call.lifecycle().deprecated().ifPresent(v -> lines.addAll(labelled("DEPRECATED:", CText.wrap(group.name()
                + " " + v + call.lifecycle().deprecationNote().map(n -> ", " + n).orElse(""), CText.WIDTH - LABEL))));
        return lines;
    }

    /** Doc paragraphs, each after an empty line, the first one starting with {@code lead}. */
    private static void addParagraphs(List<String> body, String doc, String lead) {
        List<String> paragraphs = CText.paragraphs(doc);
        for (int i = 0; i < paragraphs.size(); i++) {
            body.add("");
            body.addAll(CText.wrap((i == 0 ? lead : "") + paragraphs.get(i), CText.WIDTH));
        }
    }

    private static List<String> keyed(String label, Param p, int keyWidth) {
        return keyed(label, p.name(), keyWidth, p.doc());
    }

    /** A label, a key in a column of {@code keyWidth}, and text wrapped to hang under itself. */
    private static List<String> keyed(String label, String key, int keyWidth, String text) {
        List<String> wrapped = CText.wrap(text, CText.WIDTH - LABEL - keyWidth - 1);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < Math.max(1, wrapped.size()); i++) {
            String first = i == 0 ? CText.pad(key, keyWidth) : " ".repeat(keyWidth);
            values.add(first + (wrapped.isEmpty() ? "" : " " + wrapped.get(i)));
        }
        return labelled(label, values);
    }

    /** The first value after the label, the rest indented under it. */
    private static List<String> labelled(String label, List<String> values) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            lines.add((i == 0 ? CText.pad(label, LABEL) : " ".repeat(LABEL)) + values.get(i));
        }
        return lines;
    }
}
