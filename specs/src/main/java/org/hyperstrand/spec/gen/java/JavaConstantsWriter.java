package org.hyperstrand.spec.gen.java;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.hyperstrand.spec.gen.Names;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.Constant;
import org.hyperstrand.spec.model.ConstantSet;
import org.hyperstrand.spec.model.ErrorCode;
import org.hyperstrand.spec.model.Field;
import org.hyperstrand.spec.model.Layout;
import org.hyperstrand.spec.model.Version;

/** The constant classes: error codes, named constants and layouts, API groups, call numbers. */
final class JavaConstantsWriter {

    private final String javaPackage;

    JavaConstantsWriter(String javaPackage) {
        this.javaPackage = javaPackage;
    }

    static String literal(long v) {
        return v < 0 ? v + "L" : Names.hex(v) + "L";
    }

    String errors(ApiSpec spec) {
        JavaSource s = new JavaSource(javaPackage);
        s.javadoc("Status codes returned in the status register; 0 is success.");
        s.open("public final class HvErrors");
        List<ErrorCode> errors = spec.errors().sorted(Comparator.comparingLong(ErrorCode::number)).toList();
        for (ErrorCode e : errors) {
            s.specDoc(e.doc(), "Since " + groupOf(spec, e) + " " + e.lifecycle().since() + ".");
            s.line("public static final long " + e.name() + " = " + e.number() + "L;");
        }
        s.blank().line("private HvErrors() {").line("}").blank();
        s.javadoc("The name of a status code, or its number when the spec has no such code.");
        s.open("public static String name(long status)");
        s.open("return switch ((int) status)");
        for (ErrorCode e : errors) {
            s.line("case " + e.number() + " -> status == " + e.number() + "L ? \"" + e.name()
                    + "\" : Long.toString(status);");
        }
        s.line("default -> Long.toString(status);");
        s.close("};");
        s.close();
        s.close();
        return s.toString();
    }

    private static String groupOf(ApiSpec spec, ErrorCode e) {
        return spec.groups().stream().filter(g -> g.errors().contains(e)).map(ApiGroup::name).findFirst().orElse("");
    }

    String constants(ApiSpec spec) {
        JavaSource s = new JavaSource(javaPackage);
        s.javadoc("Named constants and the sizes and field offsets of the shared data layouts.");
        s.open("public final class HvConstants");
        for (ApiGroup g : spec.groups()) {
            for (ConstantSet set : g.constants()) {
                s.line("// ---- " + set.name() + " (" + g.name() + "): " + firstLine(set.doc()));
                for (Constant c : set.constants()) {
                    s.specDoc(c.doc(), "Since " + g.name() + " " + c.since() + ".");
                    s.line("public static final long " + Names.upper(c.name()) + " = " + literal(c.value()) + ";");
                }
                s.blank();
            }
            for (Layout l : g.layouts()) {
                String p = Names.upper(l.name());
                s.line("// ---- layout " + l.name() + " (" + g.name() + "): " + firstLine(l.doc()));
                s.line("public static final int " + p + "_SIZE = " + l.size() + ";");
                s.line("public static final int " + p + "_ALIGN = " + l.align() + ";");
                for (Field f : l.fields()) {
                    s.specDoc(f.doc() + " (" + f.type() + ")");
                    s.line("public static final int " + p + "_" + Names.upper(f.name()) + "_OFFSET = "
                            + Names.hex(f.offset()) + ";");
                }
                s.blank();
            }
        }
        s.line("private HvConstants() {").line("}");
        s.close();
        return s.toString();
    }

    static String firstLine(String doc) {
        int end = doc.indexOf("\n\n");
        return end < 0 ? doc : doc.substring(0, end);
    }

    String groups(ApiSpec spec) {
        JavaSource s = new JavaSource(javaPackage);
        s.line("import java.util.List;").blank();
        s.javadoc("The API groups and the versions this hypervisor offers of each.");
        s.open("public final class HvApiGroups");
        s.javadoc("One group: its position in {@link #ALL}, name, id and offered versions (parallel arrays).");
        s.open("public record Group(int index, String name, long id, int[] majors, int[] minors, String[] archs)");
        s.javadoc("True if the group is offered on the named binding.");
        s.open("public boolean offeredOn(String binding)");
        s.open("for (String a : archs)");
        s.open("if (a.equals(binding))").line("return true;").close();
        s.close();
        s.line("return false;");
        s.close();
        s.close();
        s.blank();
        List<ApiGroup> groups = spec.groups();
        for (int i = 0; i < groups.size(); i++) {
            ApiGroup g = groups.get(i);
            String n = Names.upper(g.name());
            s.specDoc(g.doc());
            s.line("public static final long " + n + " = " + Names.hex(g.id()) + "L;");
            s.line("public static final int " + n + "_INDEX = " + i + ";");
        }
        s.blank();
        s.line("public static final List<Group> ALL = List.of(");
        for (int i = 0; i < groups.size(); i++) {
            ApiGroup g = groups.get(i);
            List<Version> vs = g.versions().stream().sorted().toList();
            String majors = String.join(", ", vs.stream().map(v -> Integer.toString(v.major())).toList());
            String minors = String.join(", ", vs.stream().map(v -> Integer.toString(v.minor())).toList());
            String archs = String.join(", ", g.archs().stream().map(JavaSource::quote).toList());
            s.line("        new Group(" + i + ", \"" + g.name() + "\", " + Names.hex(g.id()) + "L, new int[] {" + majors
                    + "}, new int[] {" + minors + "}, new String[] {" + archs + "})"
                    + (i + 1 < groups.size() ? "," : ");"));
        }
        s.blank().line("private HvApiGroups() {").line("}").blank();
        s.javadoc("The index of the group with this id in {@link #ALL}, or -1.");
        s.open("public static int indexOf(long id)");
        s.open("for (Group g : ALL)");
        s.open("if (g.id() == id)").line("return g.index();").close();
        s.close();
        s.line("return -1;");
        s.close();
        s.close();
        return s.toString();
    }

    String calls(ApiSpec spec) {
        JavaSource s = new JavaSource(javaPackage);
        s.javadoc("Call numbers: fast-trap function numbers, core-trap function numbers and hyper-fast trap numbers.");
        s.open("public final class HvCalls");
        for (CallKind kind : CallKind.values()) {
            for (Call c : byNumber(spec, kind)) {
                s.line("public static final long " + Names.upper(kind.name()) + "_" + Names.upper(c.name()) + " = "
                        + Names.hex(c.number()) + "L;");
            }
        }
        s.blank().line("private HvCalls() {").line("}");
        for (CallKind kind : CallKind.values()) {
            lookup(s, "The name of the " + kind.keyword() + " call with this number, or null.",
                    "String " + kind.keyword() + "Name", byNumber(spec, kind), c -> "\"" + c.name() + "\"");
        }
        s.close();
        return s.toString();
    }

    /** A static method that maps a call number of {@code calls} to {@code value} of that call, else null. */
    static void lookup(JavaSource s, String doc, String method, List<Call> calls, Function<Call, String> value) {
        s.blank();
        s.javadoc(doc);
        s.open("public static " + method + "(long number)");
        s.open("return switch ((int) number)");
        for (Call c : calls) {
            s.line("case " + Names.hex(c.number()) + " -> number == " + Names.hex(c.number()) + "L ? " + value.apply(c)
                    + " : null;");
        }
        s.line("default -> null;");
        s.close("};");
        s.close();
    }

    static List<Call> byNumber(ApiSpec spec, CallKind kind) {
        return spec.calls().filter(c -> c.kind() == kind).sorted(Comparator.comparingLong(Call::number)).toList();
    }
}
