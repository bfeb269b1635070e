package org.hyperstrand.spec.model;

import java.util.List;

/**
 * An API group (sun4v API, reference section 2): a numbered, separately versioned set of
 * calls that a guest enables with api_set_version.
 */
public record ApiGroup(String name, long id, List<Version> versions, List<String> archs, List<Call> calls,
                       List<ErrorCode> errors, List<Layout> layouts, List<ConstantSet> constants, String doc,
                       SourceLocation location) {

    public ApiGroup {
        versions = List.copyOf(versions);
        archs = List.copyOf(archs);
        calls = List.copyOf(calls);
        errors = List.copyOf(errors);
        layouts = List.copyOf(layouts);
        constants = List.copyOf(constants);
    }

    public Version latest() {
        return versions.stream().max(Version::compareTo).orElse(new Version(0, 0));
    }

    /** The architectures that offer {@code call}: its own list, else the group's. */
    public List<String> archsOf(Call call) {
        return call.archs().isEmpty() ? archs : call.archs();
    }
}
