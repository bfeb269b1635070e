package org.hyperstrand.spec.model;

import java.util.List;

/** A family of related constants, documented together. */
public record ConstantSet(String name, Lifecycle lifecycle, List<Constant> constants, String doc,
                          SourceLocation location) {

    public ConstantSet {
        constants = List.copyOf(constants);
    }
}
