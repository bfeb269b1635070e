package org.hyperstrand.spec.gen.md;

import static org.hyperstrand.spec.gen.md.MdFormat.code;
import static org.hyperstrand.spec.gen.md.MdFormat.kindTitle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.Convention;

/** bindings.md: the calling convention of every architecture, per call kind. */
final class MdBindingsPage {

    static final String PATH = "bindings.md";

    private final ApiSpec spec;

    MdBindingsPage(ApiSpec spec) {
        this.spec = spec;
    }

    GeneratedFile render() {
        MdWriter md = new MdWriter();
        md.heading(1, "Calling conventions");
        md.paragraph("How a guest makes a hypercall on each architecture. The API is the same everywhere; "
                + "only the instruction and the registers differ. A call's page gives the exact registers "
                + "for each of its arguments and results. Back to the " + MdFormat.link("reference", "README.md")
                + ".");
        md.paragraph("ARG0, ARG1, ... are a call's arguments in the order its page lists them. The status "
                + "register holds 0 on success or an error code from " + MdFormat.link("errors.md", "errors.md")
                + "; RET1, RET2, ... are the call's results in order. The comparison below is a quick "
                + "reference; each architecture's own section after it gives its rules in full.");
        comparison(md);
        spec.bindings().forEach(b -> binding(md, b));
        return new GeneratedFile(PATH, md.render());
    }

    private void comparison(MdWriter md) {
        md.heading(2, "Side by side");
        for (CallKind kind : kindsInUse()) {
            md.heading(3, kindTitle(kind));
            List<String> header = new ArrayList<>(List.of(""));
            spec.bindings().forEach(b -> header.add(b.arch()));
            MdTable table = new MdTable(header);
            for (Slot slot : slots(kind, spec.bindings())) {
                List<String> row = new ArrayList<>(List.of(slot.label()));
                spec.bindings().forEach(b -> row.add(cell(b, kind, slot)));
                table.row(row);
            }
            md.table(table);
        }
    }

    private void binding(MdWriter md, Binding b) {
        md.heading(2, b.arch());
        md.doc(b.doc());
        md.paragraph("Instruction: " + code(b.instruction()) + ".");
        for (CallKind kind : kindsInUse()) {
            md.heading(3, b.arch() + ": " + kindTitle(kind).toLowerCase(Locale.ROOT));
            if (b.convention(kind).isEmpty()) {
                md.paragraph(b.arch() + " has no " + MdFormat.kindName(kind) + " calls.");
                continue;
            }
            MdTable table = new MdTable("Slot", "Register or instruction");
            slots(kind, List.of(b)).forEach(slot -> table.row(slot.label(), cell(b, kind, slot)));
            md.table(table);
        }
        example(b).ifPresent(text -> md.paragraph("**Example.** " + text));
    }

    /**
     * A worked call for a binding: preferably a fast call with arguments and results, as that is
     * the common case; otherwise any call the binding offers.
     */
    private Optional<String> example(Binding b) {
        Comparator<Call> preference = Comparator
                .comparing((Call c) -> c.kind() != CallKind.FAST)
                .thenComparing(c -> c.args().isEmpty() || c.results().isEmpty());
        return offeredOn(b).stream().min(preference).map(c -> MdTrap.example(b,
                b.convention(c.kind()).orElseThrow(), c, MdFormat.callLink(spec.groupOf(c).orElseThrow(), c)));
    }

    /** The live calls a binding can make, in reference order. */
    private List<Call> offeredOn(Binding b) {
        List<Call> calls = new ArrayList<>();
        for (ApiGroup g : MdFormat.groups(spec)) {
            g.calls().stream().sorted(MdFormat.CALL_ORDER)
                    .filter(c -> !c.lifecycle().isRemoved())
                    .filter(c -> MdFormat.archsOf(spec, g, c).contains(b.arch()))
                    .filter(c -> b.convention(c.kind()).isPresent())
                    .forEach(calls::add);
        }
        return calls;
    }

    private static String cell(Binding b, CallKind kind, Slot slot) {
        Optional<Convention> c = b.convention(kind);
        return c.isEmpty() ? (slot.label().equals("Trap") ? "not available" : "") : slot.value().apply(b);
    }

    /** The kinds at least one binding defines, in reference order. */
    private List<CallKind> kindsInUse() {
        return MdFormat.KIND_ORDER.stream()
                .filter(k -> spec.bindings().stream().anyMatch(b -> b.convention(k).isPresent()))
                .toList();
    }

    /** The rows of a kind's table: trap, function, ARGn, status, RETn, as many as the widest binding has. */
    private static List<Slot> slots(CallKind kind, List<Binding> bindings) {
        List<Slot> slots = new ArrayList<>();
        slots.add(new Slot("Trap", b -> MdTrap.rule(b, b.convention(kind).orElseThrow())));
        slots.add(new Slot("Function number", b -> MdTrap.functionRule(b.convention(kind).orElseThrow())));
        for (int i = 0; i < widest(bindings, kind, Convention::args); i++) {
            int index = i;
            slots.add(new Slot("ARG" + i, b -> MdTrap.arg(b.convention(kind), index)));
        }
        slots.add(new Slot("Status", b -> MdTrap.status(b.convention(kind))));
        for (int n = 1; n <= widest(bindings, kind, Convention::results); n++) {
            int index = n;
            slots.add(new Slot("RET" + n, b -> MdTrap.ret(b.convention(kind), index)));
        }
        return slots;
    }

    private static int widest(List<Binding> bindings, CallKind kind,
                              Function<Convention, List<String>> registers) {
        return bindings.stream()
                .flatMap(b -> b.convention(kind).stream())
                .mapToInt(c -> registers.apply(c).size())
                .max().orElse(0);
    }

    /** One row of a register table: its label and how to fill it for a binding. */
    private record Slot(String label, Function<Binding, String> value) {
    }
}
