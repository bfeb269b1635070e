package org.hyperstrand.spec.gen.md;

import static org.hyperstrand.spec.gen.md.MdFormat.code;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Constant;
import org.hyperstrand.spec.model.ConstantSet;
import org.hyperstrand.spec.model.Field;
import org.hyperstrand.spec.model.Layout;
import org.hyperstrand.spec.model.Lifecycle;
import org.hyperstrand.spec.model.ScalarType;
import org.hyperstrand.spec.model.TypeRef;

/** Layouts (byte-exact structures in guest memory) and constant sets of one group page. */
final class MdDataBlocks {

    private final ApiSpec spec;

    MdDataBlocks(ApiSpec spec) {
        this.spec = spec;
    }

    /** The heading of a layout; "layout" keeps its anchor apart from a call of the same name. */
    static String layoutHeading(Layout layout) {
        return layout.name() + " layout";
    }

    static String constantsHeading(ConstantSet set) {
        return set.name() + " constants";
    }

    void layout(MdWriter md, Layout layout) {
        md.heading(3, layoutHeading(layout));
        md.doc(layout.doc());
        md.paragraph("Size " + layout.size() + " bytes, aligned to " + layout.align() + " bytes. "
                + since(layout.lifecycle()));
        MdTable t = new MdTable("Offset", "Size", "Field", "Type", "Meaning");
        long end = 0;
        for (Field f : layout.fields().stream().sorted(Comparator.comparingLong(Field::offset)).toList()) {
            padding(t, end, f.offset());
            OptionalLong size = sizeOf(f.type());
            t.row(MdFormat.hex(f.offset(), 2), size.isPresent() ? Long.toString(size.getAsLong()) : "?",
                    code(f.name()), MdFormat.type(spec, f.type()), MdFormat.text(f.doc()));
            end = size.isPresent() ? f.offset() + size.getAsLong() : f.offset();
        }
        padding(t, end, layout.size());
        md.table(t);
    }

    /** A row for bytes no field covers, so offsets read without gaps. */
    private static void padding(MdTable t, long from, long to) {
        if (from < to) {
            t.row(MdFormat.hex(from, 2), Long.toString(to - from), "*(padding)*", "", "unused");
        }
    }

    /** The size of a field type: a scalar or another layout, times the array length. */
    private OptionalLong sizeOf(TypeRef type) {
        long count = type.isArray() ? type.count() : 1;
        OptionalLong one = ScalarType.of(type.name()).map(s -> OptionalLong.of(s.size()))
                .orElseGet(() -> layoutSize(type.name()));
        return one.isPresent() ? OptionalLong.of(one.getAsLong() * count) : OptionalLong.empty();
    }

    private OptionalLong layoutSize(String name) {
        return spec.groups().stream().flatMap(g -> g.layouts().stream())
                .filter(l -> l.name().equals(name)).mapToLong(Layout::size).findFirst();
    }

    void constants(MdWriter md, ConstantSet set) {
        md.heading(3, constantsHeading(set));
        md.doc(set.doc());
        md.paragraph(since(set.lifecycle()));
        boolean mask = isBitMaskSet(set);
        MdTable t = new MdTable("Name", "Value", "Meaning", "Since");
        for (Constant c : set.constants()) {
            boolean hex = mask || c.name().toUpperCase(Locale.ROOT).contains("MASK");
            t.row(code(c.name()), value(c.value(), hex), MdFormat.text(c.doc()), c.since().toString());
        }
        md.table(t);
    }

    /**
     * Hex for bit masks and values of 16 or more, decimal for small codes and counts. Negative
     * values are decimal (-1), unless they are so large that they must be bit patterns
     * (0x8000000000000000 is bit 63, not a count).
     */
    static String value(long v, boolean bits) {
        if (v < 0) {
            return v >= -0x10000 ? Long.toString(v) : MdFormat.hex(v, 2);
        }
        return v >= 16 || bits ? MdFormat.hex(v, 2) : Long.toString(v);
    }

    /**
     * A set reads as bit masks when its name says so, or when it has three or more members that
     * are all non-zero and no two of which share a bit (single bits, or disjoint bit fields).
     */
    static boolean isBitMaskSet(ConstantSet set) {
        String name = set.name().toLowerCase(Locale.ROOT);
        if (name.contains("flag") || name.contains("mask")) {
            return true;
        }
        List<Long> values = set.constants().stream().map(Constant::value).toList();
        long seen = 0;
        for (long v : values) {
            if (v == 0 || (seen & v) != 0) {
                return false;
            }
            seen |= v;
        }
        return values.size() >= 3;
    }

    /** "Since 1.0.", with the deprecation note if there is one. */
    private static String since(Lifecycle life) {
        String since = "Since " + MdFormat.lifecycle(life) + ".";
        return life.deprecationNote().map(n -> since + " Deprecated: " + MdFormat.sentence(n)).orElse(since);
    }
}
