package org.hyperstrand.spec.gen.md;

import static org.hyperstrand.spec.gen.md.MdFormat.code;
import static org.hyperstrand.spec.gen.md.MdFormat.number;
import static org.hyperstrand.spec.gen.md.MdFormat.reg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.Convention;
import org.hyperstrand.spec.model.Param;

/** How a guest reaches the hypervisor on one architecture, in words and registers. */
final class MdTrap {

    /** What a register cell says when a convention has no register for that slot. */
    static final String NONE = "none";

    private MdTrap() {
    }

    /**
     * The trap rule of a convention, for any call of its kind: {@code `ta 0x80`},
     * {@code `vmmcall` with `%rax` = 0x80}, or the per-call forms.
     */
    static String rule(Binding binding, Convention c) {
        String number = c.trapNumber().map(MdFormat::number).orElse("the call's number");
        if (c.trapRegister().isPresent()) {
            return instruction(binding) + " with " + reg(c.trapRegister().get()) + " = " + number;
        }
        return c.trapNumber().isPresent()
                ? code(binding.instruction() + " " + number)
                : code(binding.instruction() + " <number>") + ", where the call's number is the trap number";
    }

    /** Where the function number goes, for any call of the convention's kind. */
    static String functionRule(Convention c) {
        return c.functionRegister().map(MdFormat::reg).orElse(NONE + " (the trap number selects the call)");
    }

    /** Everything a guest does to make one call, e.g. {@code `vmmcall` with `%rax` = 0x80, `%rcx` = 0x17}. */
    static String recipe(Binding binding, Convention c, Call call) {
        List<String> loads = selectors(c, call);
        String execute = execute(binding, c, call);
        return loads.isEmpty() ? execute : execute + " with " + String.join(", ", loads);
    }

    /** The registers that select the call: the trap number if it travels in one, the function number. */
    private static List<String> selectors(Convention c, Call call) {
        List<String> loads = new ArrayList<>();
        c.trapRegister().ifPresent(r -> loads.add(reg(r) + " = " + number(trapNumber(c, call))));
        c.functionRegister().ifPresent(r -> loads.add(reg(r) + " = " + number(call.number())));
        return loads;
    }

    /** The instruction to execute, with its trap number when the number is an immediate. */
    private static String execute(Binding binding, Convention c, Call call) {
        return c.trapRegister().isPresent()
                ? instruction(binding) : code(binding.instruction() + " " + number(trapNumber(c, call)));
    }

    /** A hyper-fast call is its own trap; the other kinds share the convention's trap. */
    private static long trapNumber(Convention c, Call call) {
        return c.trapNumber().orElse(call.number());
    }

    /**
     * A worked example in words: which registers to load, what to execute and where the answers
     * come back.
     */
    static String example(Binding binding, Convention c, Call call, String callLink) {
        List<String> loads = selectors(c, call);
        loads.addAll(pairs(c.args(), call.args(), " = "));
        String execute = execute(binding, c, call);
        String before = loads.isEmpty() ? "execute " + execute : "set " + joined(loads) + ", then execute " + execute;
        List<String> answers = new ArrayList<>();
        c.status().ifPresent(r -> answers.add(reg(r) + " holds the status"));
        answers.addAll(pairs(c.results(), call.results(), " holds "));
        String after = answers.isEmpty() ? "" : " On return " + joined(answers) + ".";
        return "To call " + callLink + " on " + binding.arch() + ", " + before + "." + after;
    }

    /** Each register with the parameter it carries, e.g. {@code `%o0` = *cpu*}. */
    private static List<String> pairs(List<String> registers, List<Param> params, String verb) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < params.size() && i < registers.size(); i++) {
            out.add(reg(registers.get(i)) + verb + "*" + params.get(i).name() + "*");
        }
        return out;
    }

    /** "a", "a and b", "a, b and c". */
    private static String joined(List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The register that carries argument {@code index} (ARGn), or {@link #NONE}. */
    static String arg(Optional<Convention> c, int index) {
        return c.map(Convention::args).map(regs -> slot(regs, index)).orElse(NONE);
    }

    /** The register that carries result RETn, {@code n} counting from 1. */
    static String ret(Optional<Convention> c, int n) {
        return c.map(Convention::results).map(regs -> slot(regs, n - 1)).orElse(NONE);
    }

    static String status(Optional<Convention> c) {
        return c.flatMap(Convention::status).map(MdFormat::reg).orElse(NONE);
    }

    private static String slot(List<String> registers, int index) {
        return index < registers.size() ? reg(registers.get(index)) : NONE;
    }

    private static String instruction(Binding binding) {
        return code(binding.instruction());
    }
}
