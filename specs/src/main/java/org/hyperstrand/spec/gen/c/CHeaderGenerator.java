package org.hyperstrand.spec.gen.c;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.gen.Generator;
import org.hyperstrand.spec.gen.Names;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.Constant;
import org.hyperstrand.spec.model.ConstantSet;
import org.hyperstrand.spec.model.Convention;
import org.hyperstrand.spec.model.ErrorCode;
import org.hyperstrand.spec.model.Layout;
import org.hyperstrand.spec.model.ScalarType;

/**
 * Writes {@code hyperstrand/hv_api.h}, the one C header a guest includes: types, error codes,
 * group ids, trap and call numbers with their sun4v-style documentation blocks, shared layouts,
 * constants, and static inline call stubs for each architecture binding.
 *
 * <p>The header needs only {@code <stdint.h>}, so it works in freestanding builds. Output follows
 * the spec's source order and is byte-for-byte reproducible.
 */
public final class CHeaderGenerator implements Generator {

    public static final String PATH = "hyperstrand/hv_api.h";

    private static final String GUARD = "HYPERSTRAND_HV_API_H";

    /**
     * The preprocessor test that selects each binding's stubs. This table is the only
     * architecture knowledge here; a binding not listed gets no stubs.
     */
    private static final Map<String, String> ARCH_PREDICATES = Map.of(
            "sparc64", "defined(__sparc__) && defined(__arch64__)",
            "x86_64", "defined(__x86_64__)");

    /** What every part of one run needs: the spec, the shared trap numbers, the calls with a stub. */
    private record Context(ApiSpec spec, Map<CallKind, Long> traps, Set<Call> stubbed) {

        static Context of(ApiSpec spec) {
            Set<Call> stubbed = new HashSet<>();
            spec.bindings().forEach(b -> stubbed.addAll(stubbedCalls(spec, b)));
            return new Context(spec, sharedTraps(spec), stubbed);
        }
    }

    @Override
    public List<GeneratedFile> generate(ApiSpec spec) {
        CWriter out = new CWriter();
        Context cx = Context.of(spec);
        preamble(out, spec);
        types(out);
        errors(out, spec);
        groups(out, spec);
        traps(out, spec, cx.traps());
        for (ApiGroup group : spec.groups()) {
            group(out, cx, group);
        }
        stubs(out, spec, cx.traps());
        out.blank();
        out.line("#endif /* " + GUARD + " */");
        return List.of(new GeneratedFile(PATH, out.text()));
    }

    /** The calls that get a stub on {@code binding}, in source order (the compile tests call them all). */
    static List<Call> stubbedCalls(ApiSpec spec, Binding binding) {
        if (!ARCH_PREDICATES.containsKey(binding.arch())) {
            return List.of();
        }
        CStubs stubs = new CStubs(binding, sharedTraps(spec));
        return offeredCalls(spec, binding).stream().filter(c -> stubs.problem(c).isEmpty()).toList();
    }

    // ---- file head ------------------------------------------------------------------------

    private static void preamble(CWriter out, ApiSpec spec) {
        List<String> body = new ArrayList<>(List.of(
                PATH + ": the Hyperstrand hypercall API for guests.",
                "",
                "Generated from the hypercall spec (the .hvspec files); do not edit. Change the spec",
                "and regenerate.",
                "",
                "Every call returns a status in the status register, 0 on success. ARGn travels in",
                "the n-th argument register of the call's convention, RET0 is the status and RETn",
                "(n >= 1) the n-th result register. Calling conventions per architecture:"));
        for (Binding b : spec.bindings()) {
            body.add("");
            body.add(b.arch() + " (instruction \"" + CText.flat(b.instruction()) + "\")");
            CWriter.prose(b.doc()).forEach(l -> body.add(l.isEmpty() ? "" : "  " + l));
            body.add("");
            body.addAll(conventionTable(b));
        }
        out.comment(body);
        out.line("#ifndef " + GUARD);
        out.line("#define " + GUARD);
        out.blank();
        out.line("#include <stdint.h>");
    }

    private static List<String> conventionTable(Binding b) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("  kind", "trap", "function", "args", "status", "results"));
        for (Convention c : b.conventions()) {
            String trap = c.trapNumber().map(CNames::hex).orElse("per call")
                    + c.trapRegister().map(r -> " in %" + r).orElse("");
            rows.add(List.of("  " + c.kind().keyword(), trap, c.functionRegister().map(r -> "%" + r).orElse("-"),
                    registers(c.args()), c.status().map(r -> "%" + r).orElse("-"), registers(c.results())));
        }
        return CText.align(rows, 2);
    }

    private static String registers(List<String> regs) {
        return regs.isEmpty() ? "-" : String.join(" ", regs.stream().map(r -> "%" + r).toList());
    }

    private static void types(CWriter out) {
        out.blank();
        out.comment(List.of("Types the spec names. Whatever the type, a value travels in a 64-bit register."));
        List<List<String>> rows = new ArrayList<>();
        for (ScalarType t : ScalarType.values()) {
            if (t.cType().startsWith("hv_")) {
                out.declare(t.cType());
                rows.add(List.of("typedef uint" + t.size() * 8 + "_t " + t.cType() + ";",
                        "/* " + CText.flat(t.description()) + " */"));
            }
        }
        out.lines(CText.align(rows));
    }

    private static void errors(CWriter out, ApiSpec spec) {
        out.blank();
        out.comment(List.of("Error codes: the status (RET0) a call returns."));
        List<CWriter.Define> defines = new ArrayList<>();
        for (ApiGroup g : spec.groups()) {
            for (ErrorCode e : g.errors()) {
                String note = e.lifecycle().isRemoved() ? "; " + CText.lifecycle(g, e.lifecycle()) + ", number reserved"
                        : e.lifecycle().deprecated().isPresent() ? "; " + CText.lifecycle(g, e.lifecycle()) : "";
                defines.add(new CWriter.Define("HV_" + CNames.upper(e.name()), CNames.literal(e.number()),
                        e.doc() + note));
            }
        }
        out.defines(defines);
    }

    private static void groups(CWriter out, ApiSpec spec) {
        out.blank();
        out.comment(List.of("API groups: the id of each, and the newest version this header describes."));
        List<CWriter.Define> defines = new ArrayList<>();
        for (ApiGroup g : spec.groups()) {
            String macro = CNames.groupMacro(g);
            defines.add(new CWriter.Define(macro, String.format("0x%04x", g.id()), "versions "
                    + String.join(", ", g.versions().stream().map(Object::toString).toList())));
            defines.add(new CWriter.Define(macro + "_MAJOR", CNames.literal(g.latest().major()), ""));
            defines.add(new CWriter.Define(macro + "_MINOR", CNames.literal(g.latest().minor()), ""));
        }
        out.defines(defines);
    }

    // ---- trap numbers ---------------------------------------------------------------------

    /**
     * The trap number of each call kind that has one, from the first binding that gives it.
     * Bindings are meant to agree; {@link #traps} notes any that does not.
     */
    private static Map<CallKind, Long> sharedTraps(ApiSpec spec) {
        Map<CallKind, Long> traps = new EnumMap<>(CallKind.class);
        for (Binding b : spec.bindings()) {
            for (Convention c : b.conventions()) {
                c.trapNumber().ifPresent(n -> traps.putIfAbsent(c.kind(), n));
            }
        }
        return traps;
    }

    private static void traps(CWriter out, ApiSpec spec, Map<CallKind, Long> traps) {
        out.blank();
        out.comment(List.of("Trap numbers shared by all calls of a kind. A hyper-fast call is its own trap,",
                "HV_<NAME>_TRAP below."));
        List<CWriter.Define> defines = new ArrayList<>();
        traps.forEach((kind, number) -> defines.add(new CWriter.Define(CNames.trapMacro(kind), CNames.hex(number),
                trapDescription(kind) + disagreeing(spec, kind, number))));
        out.defines(defines);
    }

    private static String trapDescription(CallKind kind) {
        return switch (kind) {
            case FAST -> "fast trap: the function register selects the call";
            case CORE -> "core trap: unversioned calls, always available";
            case HYPERFAST -> "hyper-fast trap";
        };
    }

    /** Names the bindings whose trap number for {@code kind} differs from the shared one. */
    private static String disagreeing(ApiSpec spec, CallKind kind, long number) {
        StringBuilder s = new StringBuilder();
        for (Binding b : spec.bindings()) {
            Optional<Long> own = b.convention(kind).flatMap(Convention::trapNumber);
            if (own.isPresent() && own.get() != number) {
                s.append("; ").append(b.arch()).append(" uses ").append(CNames.hex(own.get()));
            }
        }
        return s.toString();
    }

    // ---- one API group --------------------------------------------------------------------

    private static void group(CWriter out, Context cx, ApiGroup group) {
        out.blank();
        List<String> body = new ArrayList<>();
        body.add("API group " + group.name() + " (" + CNames.groupMacro(group) + "), versions "
                + String.join(", ", group.versions().stream().map(Object::toString).toList())
                + (group.archs().isEmpty() ? "" : ", on " + String.join(", ", group.archs())) + ".");
        List<String> prose = CWriter.prose(group.doc());
        if (!prose.isEmpty()) {
            body.add("");
            body.addAll(prose);
        }
        out.comment(body);
        for (Call call : group.calls()) {
            out.blank();
            call(out, cx, group, call);
        }
        for (Layout layout : group.layouts()) {
            out.blank();
            CLayouts.write(out, group, layout);
        }
        for (ConstantSet set : group.constants()) {
            out.blank();
            constants(out, group, set);
        }
    }

    private static void call(CWriter out, Context cx, ApiGroup group, Call call) {
        String macro = CNames.callMacro(call);
        if (call.lifecycle().isRemoved()) {
            out.comment(List.of(call.name() + "(): removed in " + group.name() + " "
                    + call.lifecycle().removed().orElseThrow() + "; number reserved"));
        } else {
            out.lines(CCallBlock.lines(group, call, cx.traps().containsKey(call.kind()),
                    archsOf(cx.spec(), group, call), cx.stubbed().contains(call)));
        }
        out.defines(List.of(new CWriter.Define(macro, CNames.hex(call.number()), "")));
    }

    private static void constants(CWriter out, ApiGroup group, ConstantSet set) {
        String head = "constants " + set.name() + ": " + CText.lifecycle(group, set.lifecycle());
        if (set.lifecycle().isRemoved()) {
            out.comment(List.of(head + "; no longer defined"));
            return;
        }
        List<String> body = new ArrayList<>(List.of(head + "."));
        List<String> prose = CWriter.prose(set.doc());
        if (!prose.isEmpty()) {
            body.add("");
            body.addAll(prose);
        }
        out.comment(body);
        List<CWriter.Define> defines = new ArrayList<>();
        for (Constant c : set.constants()) {
            String since = c.since().equals(set.lifecycle().since()) ? ""
                    : (c.doc().isEmpty() ? "" : "; ") + "since " + group.name() + " " + c.since();
            defines.add(new CWriter.Define("HV_" + CNames.upper(c.name()), CNames.literal(c.value()),
                    c.doc() + since));
        }
        out.defines(defines);
    }

    // ---- stubs ----------------------------------------------------------------------------

    private static void stubs(CWriter out, ApiSpec spec, Map<CallKind, Long> traps) {
        out.blank();
        out.comment(List.of(
                "Call stubs, per architecture. Each returns the status (RET0) and stores RETn",
                "through its n-th pointer argument; a NULL pointer skips the store. The registers",
                "a convention names do not survive a call, all others do."));
        List<Binding> known = spec.bindings().stream().filter(b -> ARCH_PREDICATES.containsKey(b.arch())).toList();
        for (int i = 0; i < known.size(); i++) {
            Binding b = known.get(i);
            out.blank();
            out.line((i == 0 ? "#if " : "#elif ") + ARCH_PREDICATES.get(b.arch()) + " /* " + b.arch() + " */");
            bindingStubs(out, spec, b, new CStubs(b, traps));
        }
        if (!known.isEmpty()) {
            out.blank();
            out.line("#endif /* architecture */");
        }
        for (Binding b : spec.bindings()) {
            if (!known.contains(b)) {
                out.blank();
                out.comment(List.of("Binding " + b.arch() + ": no C predicate is known for this architecture,",
                        "so it has no stubs."));
            }
        }
    }

    private static void bindingStubs(CWriter out, ApiSpec spec, Binding binding, CStubs stubs) {
        for (Call call : offeredCalls(spec, binding)) {
            out.blank();
            Optional<String> problem = stubs.problem(call);
            if (problem.isPresent()) {
                out.comment(CText.wrap(call.name() + "(): no stub on " + binding.arch() + ": " + problem.get(),
                        CText.WIDTH));
            } else {
                stubs.write(out, call);
            }
        }
    }

    /** The calls a binding's architecture offers that are not removed, in source order. */
    private static List<Call> offeredCalls(ApiSpec spec, Binding binding) {
        List<Call> calls = new ArrayList<>();
        for (ApiGroup g : spec.groups()) {
            g.calls().stream()
                    .filter(c -> !c.lifecycle().isRemoved() && archsOf(spec, g, c).contains(binding.arch()))
                    .forEach(calls::add);
        }
        return calls;
    }

    /** The architectures offering a call; a group without an arch list is offered by every binding. */
    private static List<String> archsOf(ApiSpec spec, ApiGroup group, Call call) {
        List<String> archs = group.archsOf(call);
        return archs.isEmpty() ? spec.bindings().stream().map(Binding::arch).toList() : archs;
    }

    @Override
    public boolean owns(String path) {
        return path.equals(PATH);
    }
}
