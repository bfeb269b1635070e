package org.hyperstrand.core.md;

import java.util.List;

/**
 * A node before the graph exists: arcs name their target by ordinal, because with fwd and back
 * arcs the graph has cycles and the target may not be built yet. Used by the builder and decoder.
 */
record NodeDraft(String type, List<Prop> props) {

    sealed interface Prop permits Plain, ArcTo {
    }

    record Plain(MdProperty property) implements Prop {
    }

    record ArcTo(String name, int target) implements Prop {
    }
}
