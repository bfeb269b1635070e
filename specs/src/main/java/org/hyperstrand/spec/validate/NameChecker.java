package org.hyperstrand.spec.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.SourceLocation;

/**
 * Names become global C and Java identifiers, so each kind of element has one namespace across
 * all groups; group names are unique too.
 */
final class NameChecker {

    private final List<Diagnostic> out;

    NameChecker(List<Diagnostic> out) {
        this.out = out;
    }

    void check(ApiSpec spec) {
        Map<String, SourceLocation> groups = new HashMap<>();
        Map<String, SourceLocation> calls = new HashMap<>();
        Map<String, SourceLocation> errors = new HashMap<>();
        Map<String, SourceLocation> layouts = new HashMap<>();
        Map<String, SourceLocation> constantSets = new HashMap<>();
        Map<String, SourceLocation> constants = new HashMap<>();
        Map<String, String> layoutNames = new HashMap<>();
        for (ApiGroup g : spec.groups()) {
            g.layouts().forEach(l -> generatedLayoutNames(l).forEach(n -> layoutNames.put(n, l.name())));
        }
        for (ApiGroup g : spec.groups()) {
            unique(groups, "group", g.name(), g.location());
            g.calls().forEach(c -> unique(calls, "call", c.name(), c.location()));
            g.errors().forEach(e -> unique(errors, "error code", e.name(), e.location()));
            g.layouts().forEach(l -> unique(layouts, "layout", l.name(), l.location()));
            g.constants().forEach(s -> {
                unique(constantSets, "constant set", s.name(), s.location());
                s.constants().forEach(c -> {
                    unique(constants, "constant", c.name(), c.location());
                    String layout = layoutNames.get(c.name().toUpperCase(java.util.Locale.ROOT));
                    if (layout != null) {
                        out.add(new Diagnostic(c.location(), "constant " + c.name()
                                + " has the name generated for layout " + layout + "; choose another name"));
                    }
                });
            });
        }
    }

    /** The size, alignment and offset constants every generator derives from a layout. */
    static List<String> generatedLayoutNames(org.hyperstrand.spec.model.Layout l) {
        String p = l.name().toUpperCase(java.util.Locale.ROOT);
        java.util.List<String> names = new java.util.ArrayList<>(List.of(p + "_SIZE", p + "_ALIGN"));
        l.fields().forEach(f -> names.add(p + "_" + f.name().toUpperCase(java.util.Locale.ROOT) + "_OFFSET"));
        return names;
    }

    private void unique(Map<String, SourceLocation> seen, String kind, String name, SourceLocation at) {
        SourceLocation first = seen.putIfAbsent(name, at);
        if (first != null) {
            out.add(new Diagnostic(at, kind + " " + name + " is already declared at " + first));
        }
    }
}
