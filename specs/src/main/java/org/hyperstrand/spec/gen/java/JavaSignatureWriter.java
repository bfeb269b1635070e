package org.hyperstrand.spec.gen.java;

import java.util.List;
import org.hyperstrand.spec.gen.Names;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.Param;

/**
 * HvCallSignatures: each call's group, argument and result names and types as constants, so
 * the hypervisor can show a call in the spec's words (a trace) without parsing the spec at run
 * time. Lookups return shared instances and allocate nothing.
 */
final class JavaSignatureWriter {

    static final String CLASS_NAME = "HvCallSignatures";

    private final String javaPackage;

    JavaSignatureWriter(String javaPackage) {
        this.javaPackage = javaPackage;
    }

    String signatures(ApiSpec spec) {
        JavaSource s = new JavaSource(javaPackage);
        s.line("import java.util.List;").blank();
        s.javadoc("Each call's group, arguments and results as the spec names them, by kind and number.");
        s.open("public final class " + CLASS_NAME);
        s.javadoc("One argument or result: its name and its spec type (u64, ra, cpuid...).");
        s.open("public record Param(String name, String type)").close();
        s.blank();
        s.javadoc("One call: name, group, arguments from ARG0, results from RET1, and whether it returns on success.");
        s.open("public record Signature(String name, String group, List<Param> args, List<Param> results, "
                + "boolean noReturn)").close();
        s.blank();
        for (CallKind kind : CallKind.values()) {
            for (Call c : JavaConstantsWriter.byNumber(spec, kind)) {
                String group = spec.groupOf(c).map(ApiGroup::name).orElse("");
                s.line("private static final Signature " + constant(kind, c) + " = new Signature(\"" + c.name()
                        + "\", \"" + group + "\", " + params(c.args()) + ", " + params(c.results()) + ", "
                        + c.noReturn() + ");");
            }
        }
        s.blank().line("private " + CLASS_NAME + "() {").line("}");
        for (CallKind kind : CallKind.values()) {
            JavaConstantsWriter.lookup(s,
                    "The " + kind.keyword() + " call with this number, or null when the spec has none.",
                    "Signature " + kind.keyword(), JavaConstantsWriter.byNumber(spec, kind), c -> constant(kind, c));
        }
        s.close();
        return s.toString();
    }

    private static String constant(CallKind kind, Call c) {
        return Names.upper(kind.name()) + "_" + Names.upper(c.name());
    }

    private static String params(List<Param> params) {
        if (params.isEmpty()) {
            return "List.of()";
        }
        return "List.of(" + String.join(", ", params.stream()
                .map(p -> "new Param(\"" + p.name() + "\", \"" + p.type() + "\")").toList()) + ")";
    }
}
