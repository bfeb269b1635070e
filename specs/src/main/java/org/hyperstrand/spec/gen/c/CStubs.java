package org.hyperstrand.spec.gen.c;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.Convention;
import org.hyperstrand.spec.model.Param;
import org.hyperstrand.spec.model.ScalarType;

/**
 * The static inline call stubs of one binding. Each stub pins its values to the convention's
 * registers with GCC register variables and issues the binding's instruction in one asm
 * statement; everything comes from the binding, nothing about the architecture is assumed.
 */
final class CStubs {

    private final Binding binding;
    private final Map<CallKind, Long> sharedTraps;

    /**
     * @param sharedTraps the values of the HV_FAST_TRAP-style macros, so a stub names the macro
     *                    when its binding uses the same trap number
     */
    CStubs(Binding binding, Map<CallKind, Long> sharedTraps) {
        this.binding = binding;
        this.sharedTraps = Map.copyOf(sharedTraps);
    }

    /** Why {@code call} gets no stub on this binding, or empty when it gets one. */
    Optional<String> problem(Call call) {
        Optional<Convention> convention = binding.convention(call.kind());
        if (binding.instruction().isEmpty()) {
            return Optional.of("binding " + binding.arch() + " names no instruction");
        }
        if (convention.isEmpty()) {
            return Optional.of("binding " + binding.arch() + " has no " + call.kind().keyword() + " convention");
        }
        Convention c = convention.get();
        if (c.status().isEmpty()) {
            return Optional.of("the " + call.kind().keyword() + " convention names no status register");
        }
        if (c.trapNumber().isPresent() && c.functionRegister().isEmpty()) {
            return Optional.of("the " + call.kind().keyword() + " convention has no way to select a function");
        }
        if (call.args().size() > c.args().size()) {
            return Optional.of(call.args().size() + " arguments, but the convention has " + c.args().size()
                    + " argument registers");
        }
        if (!call.noReturn() && call.results().size() > c.results().size()) {
            return Optional.of(call.results().size() + " results, but the convention has " + c.results().size()
                    + " result registers");
        }
        for (Param p : call.args()) {
            if (p.type().isArray() || ScalarType.of(p.type().name()).isEmpty()) {
                return Optional.of("argument " + p.name() + " has type " + p.type() + ", which is not a scalar");
            }
        }
        List<String> inputs = inputRegisters(call, c);
        if (new HashSet<>(inputs).size() != inputs.size()) {
            return Optional.of("two inputs share a register: " + String.join(", ", inputs));
        }
        return Optional.empty();
    }

    /** Writes the stub; call only when {@link #problem} is empty. */
    void write(CWriter out, Call call) {
        Convention c = binding.convention(call.kind()).orElseThrow();
        Map<String, String> inputs = inputs(call, c);
        List<String> outputs = outputOnlyRegisters(call, c, inputs.keySet());
        out.comment(List.of(call.name() + "(), see " + CNames.callMacro(call)));
        out.lines(prototype(call, true, "", CText.MAX_LINE));
        out.line("{");
        inputs.forEach((reg, value) -> out.line("    register uint64_t " + variable(reg) + " __asm__(\"" + reg
                + "\") = " + value + ";"));
        outputs.forEach(reg -> out.line("    register uint64_t " + variable(reg) + " __asm__(\"" + reg + "\");"));
        out.line("");
        writeAsm(out, c, call, inputs.keySet(), outputs);
        if (call.noReturn()) {
            out.line("    for (;;) {");
            out.line("    }");
        } else {
            writeResults(out, call, c);
            out.line("    return " + variable(c.status().orElseThrow()) + ";");
        }
        out.line("}");
    }

    /**
     * The C prototype of a call's stub: the arguments, then one out pointer per result. A call
     * that does not return has no results to store and returns void. {@code definition} adds
     * the storage class and attributes that the stub itself carries.
     */
    static List<String> prototype(Call call, boolean definition, String terminator, int width) {
        List<String> params = new ArrayList<>();
        for (Param p : call.args()) {
            params.add(ScalarType.of(p.type().name()).map(ScalarType::cType).orElse("uint64_t") + " "
                    + CNames.identifier(p.name()));
        }
        if (!call.noReturn()) {
            outNames(call).forEach(n -> params.add("uint64_t *" + n));
        }
        // __inline__ rather than inline, so that the header also builds with -std=c89
        String qualifiers = !definition ? "" : call.noReturn() ? "static __inline__ __attribute__((noreturn)) "
                : "static __inline__ ";
        String head = qualifiers + (call.noReturn() ? "void " : "uint64_t ") + CNames.stubName(call) + "(";
        return CText.wrapList(head, params.isEmpty() ? List.of("void") : params, ")" + terminator, width);
    }

    /** Out-pointer names: the result's name, with "_out" added if an argument has it already. */
    private static List<String> outNames(Call call) {
        Set<String> args = new HashSet<>();
        call.args().forEach(a -> args.add(CNames.identifier(a.name())));
        return call.results().stream().map(r -> CNames.identifier(r.name()))
                .map(n -> args.contains(n) ? n + "_out" : n).toList();
    }

    private void writeAsm(CWriter out, Convention c, Call call, Set<String> inputs, List<String> outputs) {
        List<String> operands = new ArrayList<>();
        inputs.forEach(reg -> operands.add("\"+r\" (" + variable(reg) + ")"));
        outputs.forEach(reg -> operands.add("\"=r\" (" + variable(reg) + ")"));
        List<String> clobbers = new ArrayList<>();
        conventionRegisters(c).stream().filter(r -> !inputs.contains(r) && !outputs.contains(r))
                .forEach(r -> clobbers.add("\"" + r + "\""));
        clobbers.add("\"memory\"");
        out.line("    __asm__ __volatile__(\"" + instruction(call, c) + "\"");
        out.lines(CText.wrapList("        : ", operands, "", CText.MAX_LINE));
        out.line("        :");
        out.lines(CText.wrapList("        : ", clobbers, ");", CText.MAX_LINE));
    }

    private void writeResults(CWriter out, Call call, Convention c) {
        List<String> names = outNames(call);
        for (int i = 0; i < names.size(); i++) {
            out.line("    if (" + names.get(i) + ")");
            out.line("        *" + names.get(i) + " = " + variable(c.results().get(i)) + ";");
        }
    }

    /**
     * The instruction text. Without a trap register the trap number is the instruction's
     * immediate (sparc Tcc); with one, it is loaded into that register instead (x86 VMMCALL).
     */
    private String instruction(Call call, Convention c) {
        return c.trapRegister().isPresent() ? binding.instruction()
                : binding.instruction() + " " + CNames.hex(c.trapNumber().orElse(call.number()));
    }

    /** Registers that carry a value in, each with the C expression it gets; in convention order. */
    private Map<String, String> inputs(Call call, Convention c) {
        Map<String, String> inputs = new LinkedHashMap<>();
        c.trapRegister().ifPresent(r -> inputs.put(r, trapValue(call, c)));
        c.functionRegister().ifPresent(r -> inputs.put(r, CNames.callMacro(call)));
        for (int i = 0; i < call.args().size(); i++) {
            inputs.put(c.args().get(i), argValue(call.args().get(i)));
        }
        return inputs;
    }

    private static List<String> inputRegisters(Call call, Convention c) {
        List<String> regs = new ArrayList<>();
        c.trapRegister().ifPresent(regs::add);
        c.functionRegister().ifPresent(regs::add);
        regs.addAll(c.args().subList(0, call.args().size()));
        return regs;
    }

    /** The status register and the used result registers that are not also inputs. */
    private static List<String> outputOnlyRegisters(Call call, Convention c, Set<String> inputs) {
        Set<String> outputs = new LinkedHashSet<>();
        if (!call.noReturn()) {
            outputs.add(c.status().orElseThrow());
            outputs.addAll(c.results().subList(0, call.results().size()));
        }
        outputs.removeAll(inputs);
        return List.copyOf(outputs);
    }

    /** Every register the convention names; those a stub does not use as operands are clobbered. */
    private static List<String> conventionRegisters(Convention c) {
        return Stream.of(c.trapRegister().stream(), c.functionRegister().stream(), c.args().stream(),
                c.status().stream(), c.results().stream()).flatMap(s -> s).distinct().toList();
    }

    private String trapValue(Call call, Convention c) {
        if (c.trapNumber().isEmpty()) {
            return CNames.callMacro(call);
        }
        long trap = c.trapNumber().get();
        Long shared = sharedTraps.get(call.kind());
        return shared != null && shared == trap ? CNames.trapMacro(call.kind()) : CNames.hex(trap);
    }

    /** A char is passed zero-extended, so the hypervisor sees the same byte on every architecture. */
    private static String argValue(Param p) {
        String name = CNames.identifier(p.name());
        return ScalarType.of(p.type().name()).orElseThrow() == ScalarType.CHAR ? "(unsigned char)" + name : name;
    }

    private static String variable(String register) {
        return "reg_" + register;
    }
}
