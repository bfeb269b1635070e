package org.hyperstrand.spec.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hyperstrand.spec.model.Field;
import org.hyperstrand.spec.model.Layout;
import org.hyperstrand.spec.model.ScalarType;

/** A layout's fields must lie inside it, naturally aligned, without overlapping. */
final class LayoutChecker {

    private final List<Diagnostic> out;

    LayoutChecker(List<Diagnostic> out) {
        this.out = out;
    }

    void check(Layout l, LifecycleChecker life) {
        String what = "layout " + l.name();
        if (l.doc().isBlank()) {
            out.add(new Diagnostic(l.location(), what + " has no documentation"));
        }
        life.check(l.lifecycle(), l.location(), what);
        if (l.align() <= 0 || Long.bitCount(l.align()) != 1) {
            out.add(new Diagnostic(l.location(), what + " has alignment " + l.align() + ", not a power of two"));
        } else if (l.size() % l.align() != 0) {
            out.add(new Diagnostic(l.location(), what + " has size " + l.size()
                    + ", not a multiple of its alignment " + l.align()));
        }
        if (l.size() <= 0) {
            out.add(new Diagnostic(l.location(), what + " has size 0"));
        }
        Set<String> names = new HashSet<>();
        Field previous = null;
        long previousEnd = 0;
        // overlap is judged in offset order, whatever order the fields are written in
        for (Field f : l.fields().stream().sorted(java.util.Comparator.comparingLong(Field::offset)).toList()) {
            String fw = "field " + f.name() + " of " + what;
            if (!names.add(f.name())) {
                out.add(new Diagnostic(f.location(), what + " has two fields named " + f.name()));
            }
            if (f.doc().isBlank()) {
                out.add(new Diagnostic(f.location(), fw + " has no documentation"));
            }
            Optional<ScalarType> t = TypeChecks.checkScalar(f.type(), out);
            if (t.isEmpty()) {
                continue;
            }
            int elem = t.get().size();
            long end = f.offset() + (long) elem * Math.max(1, f.type().count());
            if (f.offset() % elem != 0) {
                out.add(new Diagnostic(f.location(), String.format("%s at 0x%x is not aligned to its %d-byte type",
                        fw, f.offset(), elem)));
            }
            if (end > l.size()) {
                out.add(new Diagnostic(f.location(), String.format("%s ends at 0x%x, beyond the layout's size 0x%x",
                        fw, end, l.size())));
            }
            if (previous != null && f.offset() < previousEnd) {
                out.add(new Diagnostic(f.location(), String.format("%s at 0x%x overlaps field %s (ends at 0x%x)",
                        fw, f.offset(), previous.name(), previousEnd)));
            }
            previous = f;
            previousEnd = Math.max(previousEnd, end);
        }
    }
}
