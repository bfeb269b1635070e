package org.hyperstrand.spec.gen.md;

import static org.hyperstrand.spec.gen.md.MdFormat.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.Constant;
import org.hyperstrand.spec.model.ConstantSet;
import org.hyperstrand.spec.model.Lifecycle;
import org.hyperstrand.spec.model.Version;

/**
 * What each version of a group added, deprecated and removed, so a porter can see what a
 * negotiated version gives them.
 */
final class MdHistory {

    private static final String CALLS = "calls";
    private static final String ERRORS = "errors";
    private static final String LAYOUTS = "layouts";
    private static final String CONSTANTS = "constants";
    private static final List<String> CATEGORIES = List.of(CALLS, ERRORS, LAYOUTS, CONSTANTS);

    private final List<Element> elements;
    private final List<Version> versions;

    MdHistory(ApiGroup group) {
        this.elements = elementsOf(group);
        this.versions = group.versions().stream().sorted().toList();
    }

    /** True when there is no history to tell: a single version, or nothing in the group. */
    boolean isEmpty() {
        return elements.isEmpty() || versions.size() < 2;
    }

    /** One row per version; the first one's additions are simply "the initial set". */
    MdTable table() {
        MdTable t = new MdTable("Version", "Added", "Deprecated", "Removed");
        for (Version v : versions) {
            String added = v.equals(versions.get(0))
                    ? "the initial set: everything not added in a later version" : names(v, Lifecycle::since);
            t.row(v.toString(), added, names(v, l -> l.deprecated().orElse(null)),
                    names(v, l -> l.removed().orElse(null)));
        }
        return t;
    }

    /** The elements that changed in {@code v}, by category: "calls: a, b; errors: `E`". */
    private String names(Version v, Function<Lifecycle, Version> when) {
        List<String> parts = new ArrayList<>();
        for (String category : CATEGORIES) {
            List<String> names = elements.stream()
                    .filter(e -> e.category().equals(category) && v.equals(when.apply(e.life())))
                    .map(Element::name).toList();
            if (!names.isEmpty()) {
                parts.add(category + ": " + String.join(", ", names));
            }
        }
        return String.join("; ", parts);
    }

    /** Calls, errors, layouts, constant sets, and constants that came later than their set. */
    private static List<Element> elementsOf(ApiGroup group) {
        List<Element> out = new ArrayList<>();
        group.calls().stream().sorted(MdFormat.CALL_ORDER)
                .forEach(c -> out.add(new Element(CALLS, MdFormat.localLink(c.name(), c.name()), c.lifecycle())));
        group.errors().forEach(e -> out.add(new Element(ERRORS, code(e.name()), e.lifecycle())));
        group.layouts().forEach(l -> out.add(
                new Element(LAYOUTS, MdFormat.localLink(l.name(), MdDataBlocks.layoutHeading(l)), l.lifecycle())));
        for (ConstantSet set : group.constants()) {
            out.add(new Element(CONSTANTS, MdFormat.localLink(set.name(), MdDataBlocks.constantsHeading(set)), set.lifecycle()));
            set.constants().stream().filter(c -> !c.since().equals(set.lifecycle().since()))
                    .forEach(c -> out.add(new Element(CONSTANTS, code(c.name()), constantLife(c))));
        }
        return out;
    }

    private static Lifecycle constantLife(Constant c) {
        return new Lifecycle(c.since(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** One versioned thing in the group, as the history table names it. */
    private record Element(String category, String name, Lifecycle life) {
    }
}
