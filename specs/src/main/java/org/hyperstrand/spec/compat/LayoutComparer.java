package org.hyperstrand.spec.compat;

import java.util.Map;
import java.util.Optional;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.Field;
import org.hyperstrand.spec.model.Layout;

/** Layout rules: size and every published field's offset and type are fixed. */
final class LayoutComparer {

    private final CompatChecker c;

    LayoutComparer(CompatChecker c) {
        this.c = c;
    }

    void compare() {
        for (ApiGroup og : c.before().groups()) {
            for (Layout old : og.layouts()) {
                Optional<Layout> now = c.after().groups().stream().flatMap(g -> g.layouts().stream())
                        .filter(l -> l.name().equals(old.name())).findFirst();
                if (now.isEmpty()) {
                    c.breaking(old.location(), "layout " + old.name() + " was deleted");
                } else {
                    compare(old, now.get());
                }
            }
        }
        for (ApiGroup g : c.after().groups()) {
            for (Layout l : g.layouts()) {
                boolean existed = c.before().groups().stream().flatMap(x -> x.layouts().stream())
                        .anyMatch(o -> o.name().equals(l.name()));
                if (!existed) {
                    c.checkAddition(g.name(), l.lifecycle(), l.location(), "layout " + l.name());
                }
            }
        }
    }

    private void compare(Layout old, Layout now) {
        String what = "layout " + now.name();
        if (old.size() != now.size()) {
            c.breaking(now.location(), what + " changed its size from " + old.size() + " to " + now.size());
        }
        Map<String, Field> fields = CompatChecker.byName(now.fields(), Field::name);
        for (Field f : old.fields()) {
            Field n = fields.get(f.name());
            if (n == null) {
                c.breaking(now.location(), what + ": field " + f.name() + " was removed");
            } else if (n.offset() != f.offset()) {
                c.breaking(n.location(), String.format("%s: field %s moved from offset 0x%x to 0x%x",
                        what, f.name(), f.offset(), n.offset()));
            } else if (!n.type().toString().equals(f.type().toString())) {
                c.breaking(n.location(), what + ": field " + f.name() + " changed its type from " + f.type()
                        + " to " + n.type());
            }
        }
        Map<String, Field> was = CompatChecker.byName(old.fields(), Field::name);
        for (Field n : now.fields()) {
            if (!was.containsKey(n.name())) {
                c.compatible(n.location(), what + ": field " + n.name() + " added in reserved space");
            }
        }
    }
}
