package org.hyperstrand.core.md;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One node of a machine description: a type name ("cpu", "platform"...) and its properties in
 * order. Nodes only exist inside an {@link MdGraph}; {@link #ordinal()} is the node's position
 * there (not its element index in the binary MD, which depends on the sizes of earlier nodes).
 */
public final class MdNode {

    private final int ordinal;
    private final String type;
    private final List<MdProperty> properties;

    /** The list is filled by {@link MdGraph}'s constructor, which then publishes the node. */
    MdNode(int ordinal, String type, List<MdProperty> filledByGraph) {
        this.ordinal = ordinal;
        this.type = MdFormat.checkName(type);
        this.properties = Collections.unmodifiableList(filledByGraph);
    }

    public int ordinal() {
        return ordinal;
    }

    public String type() {
        return type;
    }

    public List<MdProperty> properties() {
        return properties;
    }

    /** The first property with this name (the format allows repeats, as for arcs). */
    public Optional<MdProperty> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public OptionalLong value(String name) {
        for (MdProperty p : properties) {
            if (p instanceof MdProperty.Val v && v.name().equals(name)) {
                return OptionalLong.of(v.value());
            }
        }
        return OptionalLong.empty();
    }

    public Optional<String> string(String name) {
        for (MdProperty p : properties) {
            if (p instanceof MdProperty.Str s && s.name().equals(name)) {
                return Optional.of(s.value());
            }
        }
        return Optional.empty();
    }

    /** The string list held in a PROP_DATA property, or an empty list if there is none. */
    public List<String> strings(String name) {
        for (MdProperty p : properties) {
            if (p instanceof MdProperty.Data d && d.name().equals(name)) {
                return d.strings();
            }
        }
        return List.of();
    }

    /** Targets of the arcs named {@code arcName}, in property order. */
    public List<MdNode> arcs(String arcName) {
        List<MdNode> out = new ArrayList<>();
        for (MdProperty p : properties) {
            if (p instanceof MdProperty.Arc a && a.name().equals(arcName)) {
                out.add(a.target());
            }
        }
        return out;
    }

    public List<MdNode> fwd() {
        return arcs(MdProperty.FWD);
    }

    public List<MdNode> back() {
        return arcs(MdProperty.BACK);
    }

    /** "cpu#3": type and ordinal, for arcs and messages. */
    public String label() {
        return type + "#" + ordinal;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MdNode n && ordinal == n.ordinal && type.equals(n.type) && properties.equals(n.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ordinal, type, properties);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(label()).append('\n');
        for (MdProperty p : properties) {
            sb.append("    ").append(p).append('\n');
        }
        return sb.toString();
    }
}
