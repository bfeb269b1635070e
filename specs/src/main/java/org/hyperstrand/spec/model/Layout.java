package org.hyperstrand.spec.model;

import java.util.List;

/** A data structure shared between guest and hypervisor in guest memory. */
public record Layout(String name, long size, long align, Lifecycle lifecycle, List<Field> fields, String doc,
                     SourceLocation location) {

    public Layout {
        fields = List.copyOf(fields);
    }
}
