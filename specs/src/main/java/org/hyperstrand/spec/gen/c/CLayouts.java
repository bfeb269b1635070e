package org.hyperstrand.spec.gen.c;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.Field;
import org.hyperstrand.spec.model.Layout;
import org.hyperstrand.spec.model.ScalarType;

/**
 * Shared data layouts as C structs. The spec fixes every byte offset; the struct reproduces
 * them with explicit padding members, and a size check makes a compiler that disagrees fail.
 */
final class CLayouts {

    /** One struct member: its declaration and the comment that goes with it. */
    private record Member(String declaration, String comment) {
    }

    private CLayouts() {
    }

    static void write(CWriter out, ApiGroup group, Layout layout) {
        if (layout.lifecycle().isRemoved()) {
            out.comment(List.of("layout " + layout.name() + ": " + CText.lifecycle(group, layout.lifecycle())
                    + "; no longer defined"));
            return;
        }
        String struct = "struct " + CNames.structName(layout.name());
        List<String> body = new ArrayList<>();
        body.add(layout.name() + ": " + layout.size() + " bytes, aligned to " + layout.align() + " bytes; "
                + CText.lifecycle(group, layout.lifecycle()) + ".");
        List<String> prose = CWriter.prose(layout.doc());
        if (!prose.isEmpty()) {
            body.add("");
            body.addAll(prose);
        }
        out.comment(body);
        out.declare(struct);
        out.line(struct + " {");
        writeMembers(out, members(layout));
        out.line("};");
        out.defines(defines(layout));
        String check = CNames.structName(layout.name()) + "_size_check";
        out.declare(check);
        // A negative array size is the C99 way to stop the build; a file-scope typedef draws no warning.
        String test = "(sizeof(" + struct + ") == " + sizeMacro(layout) + ") ? 1 : -1];";
        String typedef = "typedef char " + check + "[";
        if (typedef.length() + test.length() <= CText.MAX_LINE) {
            out.line(typedef + test);
        } else {
            out.line(typedef);
            out.line("    " + test);
        }
    }

    /** The members in offset order, with padding members where the spec leaves a gap. */
    private static List<Member> members(Layout layout) {
        List<Field> fields = layout.fields().stream().sorted(Comparator.comparingLong(Field::offset)).toList();
        List<Member> members = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long position = 0;
        int maxAlign = 1;
        for (Field f : fields) {
            ScalarType type = type(layout, f);
            if (f.offset() < position) {
                throw problem(layout, f, "overlaps the field before it");
            }
            if (f.offset() % type.size() != 0) {
                throw problem(layout, f, "is not aligned for its type " + type.cType());
            }
            addPadding(members, names, position, f.offset());
            String name = CNames.identifier(f.name());
            String array = f.type().isArray() ? "[" + f.type().count() + "]" : "";
            addMember(members, names, name, type.cType() + " " + name + array + ";",
                    CNames.hex(f.offset()) + ": " + CText.flat(f.doc()));
            position = f.offset() + (long) type.size() * Math.max(1, f.type().count());
            maxAlign = Math.max(maxAlign, type.size());
        }
        if (position > layout.size()) {
            throw new IllegalArgumentException(layout.location() + ": layout " + layout.name()
                    + " has fields past its size " + layout.size());
        }
        if (layout.size() % maxAlign != 0) {
            throw new IllegalArgumentException(layout.location() + ": layout " + layout.name() + " size "
                    + layout.size() + " is not a multiple of its alignment " + maxAlign
                    + "; C would pad the struct");
        }
        addPadding(members, names, position, layout.size());
        return members;
    }

    private static void addPadding(List<Member> members, Set<String> names, long from, long to) {
        if (to > from) {
            String name = "_pad" + from;
            addMember(members, names, name, "uint8_t " + name + "[" + (to - from) + "];",
                    CNames.hex(from) + ": padding");
        }
    }

    private static void addMember(List<Member> members, Set<String> names, String name, String declaration,
                                  String comment) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("layout member " + name + " is declared twice");
        }
        members.add(new Member(declaration, comment));
    }

    /** Members with their comments in one column. */
    private static void writeMembers(CWriter out, List<Member> members) {
        int width = members.stream().mapToInt(m -> m.declaration().length()).max().orElse(0);
        for (Member m : members) {
            out.lines(CWriter.trailingComment("    " + CText.pad(m.declaration(), width) + " ", m.comment()));
        }
    }

    private static List<CWriter.Define> defines(Layout layout) {
        List<CWriter.Define> defines = new ArrayList<>();
        defines.add(new CWriter.Define(sizeMacro(layout), CNames.literal(layout.size()), ""));
        defines.add(new CWriter.Define("HV_" + CNames.upper(layout.name()) + "_ALIGN", CNames.literal(layout.align()),
                ""));
        for (Field f : layout.fields()) {
            defines.add(new CWriter.Define("HV_" + CNames.upper(layout.name()) + "_" + CNames.upper(f.name())
                    + "_OFFSET", CNames.hex(f.offset()), ""));
        }
        return defines;
    }

    private static String sizeMacro(Layout layout) {
        return "HV_" + CNames.upper(layout.name()) + "_SIZE";
    }

    private static ScalarType type(Layout layout, Field f) {
        return ScalarType.of(f.type().name())
                .orElseThrow(() -> problem(layout, f, "has type " + f.type().name() + ", which is not a scalar"));
    }

    private static IllegalArgumentException problem(Layout layout, Field f, String what) {
        return new IllegalArgumentException(f.location() + ": field " + f.name() + " of layout " + layout.name()
                + " at " + CNames.hex(f.offset()) + " " + what);
    }
}
