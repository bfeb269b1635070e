package org.hyperstrand.spec.gen.java;

import java.util.List;
import org.hyperstrand.spec.gen.Names;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.Version;

/**
 * The dispatcher: one switch per call kind. A call answers EBADTRAP unless its binding offers
 * it, its group has a handler, and the guest negotiated a group version that includes it
 * (sun4v API reference section 2.2); core-trap calls skip the version check.
 */
final class JavaDispatcherWriter {

    private final String javaPackage;
    private final String runtimePackage;

    JavaDispatcherWriter(String javaPackage, String runtimePackage) {
        this.javaPackage = javaPackage;
        this.runtimePackage = runtimePackage;
    }

    String dispatcher(ApiSpec spec) {
        List<ApiGroup> groups = spec.groups().stream().filter(g -> !g.calls().isEmpty()).toList();
        List<Call> calls = spec.calls().toList();
        JavaSource s = new JavaSource(javaPackage);
        s.line("import " + runtimePackage + ".ApiVersions;");
        s.line("import " + runtimePackage + ".HcallFrame;").blank();
        s.javadoc("Routes a hypercall to its group's handler after the availability checks.",
                "Built once per domain and binding; dispatching allocates nothing.");
        s.open("public final class HcallDispatcher");
        s.line("private static final String[][] CALL_ARCHS = {");
        for (Call c : calls) {
            ApiGroup g = spec.groupOf(c).orElseThrow();
            s.line("        {" + String.join(", ", g.archsOf(c).stream().map(JavaSource::quote).toList()) + "}, // "
                    + c.name());
        }
        s.line("};");
        s.blank();
        s.line("private final String binding;");
        s.line("private final boolean[] offered = new boolean[CALL_ARCHS.length];");
        for (ApiGroup g : groups) {
            s.line("private final " + JavaHandlerWriter.interfaceName(g) + " " + field(g) + ";");
        }
        s.blank();
        constructor(s, groups);
        accessors(s, spec.groups());
        for (CallKind kind : CallKind.values()) {
            dispatchMethod(s, spec, calls, kind);
        }
        builder(s, groups);
        s.close();
        return s.toString();
    }

    private static String field(ApiGroup g) {
        return Names.camel(g.name());
    }

    private void constructor(JavaSource s, List<ApiGroup> groups) {
        s.open("private HcallDispatcher(Builder b)");
        s.line("this.binding = b.binding;");
        for (ApiGroup g : groups) {
            s.line("this." + field(g) + " = b." + field(g) + ";");
        }
        s.open("for (int i = 0; i < CALL_ARCHS.length; i++)");
        s.open("for (String a : CALL_ARCHS[i])");
        s.line("offered[i] |= a.equals(binding);");
        s.close();
        s.close();
        s.close();
        s.blank();
        s.javadoc("A builder for the dispatcher of one binding (architecture name as in the spec).");
        s.open("public static Builder builder(String binding)");
        s.line("return new Builder(binding);");
        s.close();
        s.blank();
    }

    private void accessors(JavaSource s, List<ApiGroup> groups) {
        s.javadoc("The binding this dispatcher serves.");
        s.open("public String binding()").line("return binding;").close().blank();
        s.javadoc("True if the group with this index in HvApiGroups.ALL can be enabled here: it has a handler,",
                "or it has no calls to handle (such a group only records a version, like sun4v's errata group).");
        s.open("public boolean implemented(int groupIndex)");
        s.open("return switch (groupIndex)");
        for (ApiGroup g : groups) {
            String index = "case HvApiGroups." + Names.upper(g.name()) + "_INDEX -> ";
            s.line(index + (g.calls().isEmpty() ? "true;" : field(g) + " != null;"));
        }
        s.line("default -> false;");
        s.close("};");
        s.close();
        s.blank();
    }

    private void dispatchMethod(JavaSource s, ApiSpec spec, List<Call> calls, CallKind kind) {
        String method = "dispatch" + Names.pascal(kind.keyword());
        String numberName = kind == CallKind.HYPERFAST ? "trap" : "function";
        String extra = kind.isVersioned() ? ", ApiVersions versions" : "";
        s.javadoc("Runs the " + kind.keyword() + " call selected by {@code " + numberName + "}.",
                "@return the status for the guest; EBADTRAP for an unknown, unoffered or unnegotiated call");
        s.open("public long " + method + "(long " + numberName + ", HcallFrame frame" + extra + ")");
        s.open("switch ((int) " + numberName + ")");
        for (Call c : JavaConstantsWriter.byNumber(spec, kind)) {
            ApiGroup g = spec.groupOf(c).orElseThrow();
            int index = calls.indexOf(c);
            s.caseLabel(Names.hex(c.number()));
            StringBuilder guard = new StringBuilder(numberName + " != " + Names.hex(c.number()) + "L || !offered["
                    + index + "] || " + field(g) + " == null");
            if (kind.isVersioned()) {
                Version since = c.lifecycle().since();
                Version removed = c.lifecycle().removed().orElse(null);
                guard.append(" || !versions.allows(HvApiGroups.").append(Names.upper(g.name())).append("_INDEX, ")
                        .append(since.major()).append(", ").append(since.minor()).append(", ")
                        .append(removed == null ? "Integer.MAX_VALUE" : Integer.toString(removed.major()))
                        .append(", ").append(removed == null ? "0" : Integer.toString(removed.minor())).append(")");
            }
            s.open("if (" + guard + ")").line("return HvErrors.EBADTRAP;").close();
            StringBuilder call = new StringBuilder("return " + field(g) + "." + JavaHandlerWriter.methodName(c)
                    + "(frame");
            for (int i = 0; i < c.args().size(); i++) {
                call.append(", frame.arg(").append(i).append(")");
            }
            s.line(call + ");");
            s.endCase();
        }
        s.line("default:");
        s.line("    return HvErrors.EBADTRAP;");
        s.close();
        s.close();
        s.blank();
    }

    private void builder(JavaSource s, List<ApiGroup> groups) {
        s.javadoc("Collects the handlers; a group without one answers EBADTRAP to every call.");
        s.open("public static final class Builder");
        s.line("private final String binding;");
        for (ApiGroup g : groups) {
            s.line("private " + JavaHandlerWriter.interfaceName(g) + " " + field(g) + ";");
        }
        s.blank();
        s.open("private Builder(String binding)").line("this.binding = binding;").close();
        for (ApiGroup g : groups) {
            s.blank();
            s.javadoc("The handler of group " + g.name() + ".");
            s.open("public Builder " + field(g) + "(" + JavaHandlerWriter.interfaceName(g) + " handler)");
            s.line("this." + field(g) + " = handler;").line("return this;");
            s.close();
        }
        s.blank();
        s.open("public HcallDispatcher build()").line("return new HcallDispatcher(this);").close();
        s.close();
    }
}
