package org.hyperstrand.spec.validate;

import java.util.List;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.Lifecycle;
import org.hyperstrand.spec.model.SourceLocation;
import org.hyperstrand.spec.model.Version;

/** Checks since/deprecated/removed against the versions the element's group offers. */
final class LifecycleChecker {

    private final ApiGroup group;
    private final List<Diagnostic> out;

    LifecycleChecker(ApiGroup group, List<Diagnostic> out) {
        this.group = group;
        this.out = out;
    }

    void check(Lifecycle life, SourceLocation at, String what) {
        checkOffered(life.since(), at, what + " is since " + life.since());
        life.deprecated().ifPresent(d -> {
            if (d.compareTo(life.since()) < 0) {
                out.add(new Diagnostic(at, what + " is deprecated in " + d + ", before it appeared in " + life.since()));
            }
            checkOffered(d, at, what + " is deprecated in " + d);
        });
        life.removed().ifPresent(r -> {
            if (r.minor() != 0 || r.major() <= life.since().major()) {
                out.add(new Diagnostic(at, what + " is removed in " + r
                        + "; removal needs a new major version (" + (life.since().major() + 1) + ".0 or later)"));
            }
            checkOffered(r, at, what + " is removed in " + r);
        });
    }

    private void checkOffered(Version v, SourceLocation at, String subject) {
        Version latest = group.latest();
        if (v.isAfter(latest)) {
            out.add(new Diagnostic(at, subject + ", newer than group " + group.name() + "'s latest version " + latest));
        } else if (!group.versions().contains(v)) {
            out.add(new Diagnostic(at, subject + ", which group " + group.name() + " does not offer (versions "
                    + group.versions().stream().map(Version::toString).reduce((a, b) -> a + ", " + b).orElse("")
                    + ")"));
        }
    }
}
