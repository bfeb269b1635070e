package org.hyperstrand.spec.gen.md;

import static org.hyperstrand.spec.gen.md.MdFormat.code;
import static org.hyperstrand.spec.gen.md.MdFormat.number;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.Convention;
import org.hyperstrand.spec.model.ErrorCode;
import org.hyperstrand.spec.model.ErrorRef;
import org.hyperstrand.spec.model.Lifecycle;
import org.hyperstrand.spec.model.Param;

/**
 * One call in the sun4v documentation style: what it does, how to reach it on each
 * architecture, its arguments and results with their registers, its errors with the condition
 * behind each, and its notes.
 */
final class MdCallBlock {

    private final ApiSpec spec;
    private final Call call;
    private final List<String> archs;

    MdCallBlock(ApiSpec spec, ApiGroup group, Call call) {
        this.spec = spec;
        this.call = call;
        this.archs = MdFormat.archsOf(spec, group, call);
    }

    void write(MdWriter md) {
        md.heading(3, call.name());
        if (call.lifecycle().isRemoved()) {
            md.paragraph(removed());
            return;
        }
        md.doc(call.doc());
        md.table(definition());
        arguments(md);
        results(md);
        errors(md);
        notes(md);
    }

    /** A removed call keeps only its number, so that nobody hands the number out again. */
    private String removed() {
        Lifecycle life = call.lifecycle();
        return "**Removed in version " + life.removed().orElseThrow() + "** (added in " + life.since() + "). Its "
                + MdFormat.kindName(call.kind()) + " " + numberName() + " " + number(call.number())
                + " stays reserved and is never given to another call.";
    }

    private MdTable definition() {
        MdTable t = new MdTable("Property", "Value");
        t.row("Kind", MdFormat.kindName(call.kind()));
        t.row(capitalized(numberName()), number(call.number()));
        archs.forEach(arch -> t.row("Trap (" + arch + ")", reach(arch)));
        t.row("Since", since());
        call.lifecycle().deprecated().ifPresent(v -> t.row("Deprecated", deprecation(v.toString())));
        t.row("Architectures", MdFormat.archs(archs));
        return t;
    }

    /** Hyper-fast calls are selected by their trap number, the others by a function number. */
    private String numberName() {
        return call.kind() == CallKind.HYPERFAST ? "trap number" : "function number";
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private String reach(String arch) {
        Optional<Binding> binding = spec.binding(arch);
        Optional<Convention> c = binding.flatMap(b -> b.convention(call.kind()));
        if (c.isEmpty()) {
            return "not available: " + arch + " defines no " + MdFormat.kindName(call.kind());
        }
        return MdTrap.recipe(binding.orElseThrow(), c.get(), call);
    }

    private String since() {
        String since = call.lifecycle().since().toString();
        return call.kind().isVersioned() ? since : since + "; core trap calls are always enabled";
    }

    private String deprecation(String version) {
        return "in " + version + call.lifecycle().deprecationNote().map(n -> ": " + MdFormat.sentence(n)).orElse("");
    }

    private void arguments(MdWriter md) {
        if (call.args().isEmpty()) {
            md.paragraph("**Arguments:** none.");
            return;
        }
        md.paragraph("**Arguments**");
        MdTable t = new MdTable(header("Argument"));
        for (int i = 0; i < call.args().size(); i++) {
            int index = i;
            t.row(row("ARG" + i, call.args().get(i), c -> MdTrap.arg(c, index)));
        }
        md.table(t);
    }

    private void results(MdWriter md) {
        if (call.noReturn()) {
            md.paragraph(call.errors().isEmpty() ? "**Does not return.**"
                    : "**Does not return** when it succeeds. When it fails it returns the status below.");
            if (call.errors().isEmpty()) {
                return;
            }
        }
        md.paragraph("**Results**");
        MdTable t = new MdTable(header("Result"));
        t.row(statusRow());
        for (int n = 1; n <= call.results().size(); n++) {
            int index = n;
            t.row(row("RET" + n, call.results().get(n - 1), c -> MdTrap.ret(c, index)));
        }
        md.table(t);
    }

    private List<String> statusRow() {
        String success = spec.errors().filter(e -> e.number() == 0).findFirst()
                .map(e -> "0 (" + code(e.name()) + ")").orElse("0");
        String failure = call.errors().isEmpty() ? "an error code" : "one of the errors below";
        List<String> cells = new ArrayList<>(List.of("status", "", "",
                success + " on success, otherwise " + failure));
        archs.forEach(arch -> cells.add(MdTrap.status(convention(arch))));
        return cells;
    }

    private void errors(MdWriter md) {
        if (call.errors().isEmpty()) {
            md.paragraph("**Errors:** none specific to this call.");
            return;
        }
        md.paragraph("**Errors**");
        MdTable t = new MdTable("Error", "Number", "Condition");
        for (ErrorRef ref : call.errors()) {
            Optional<ErrorCode> code = spec.error(ref.code());
            t.row(code(ref.code()), code.map(c -> Long.toString(c.number())).orElse("?"), condition(ref, code));
        }
        md.table(t);
    }

    /** The condition the spec gives, else the code's general meaning. */
    private static String condition(ErrorRef ref, Optional<ErrorCode> code) {
        return !ref.condition().isBlank() ? MdFormat.text(ref.condition())
                : code.map(c -> MdFormat.text(c.doc())).orElse("");
    }

    private void notes(MdWriter md) {
        if (call.notes().isEmpty()) {
            return;
        }
        md.paragraph("**Notes**");
        md.bullets(call.notes().stream().map(MdFormat::sentence).toList());
    }

    private List<String> header(String first) {
        List<String> cells = new ArrayList<>(List.of(first, "Name", "Type", "Meaning"));
        cells.addAll(archs);
        return cells;
    }

    private List<String> row(String slot, Param p, Function<Optional<Convention>, String> reg) {
        List<String> cells = new ArrayList<>(List.of(slot, code(p.name()), MdFormat.type(spec, p.type()),
                MdFormat.text(p.doc())));
        archs.forEach(arch -> cells.add(reg.apply(convention(arch))));
        return cells;
    }

    private Optional<Convention> convention(String arch) {
        return spec.binding(arch).flatMap(b -> b.convention(call.kind()));
    }
}
