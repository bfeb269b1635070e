package org.hyperstrand.core.md;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable machine description: its nodes in encoding order. Build one with
 * {@link MdBuilder}, turn it into bytes with {@link MdEncoder}, read bytes with {@link MdDecoder}.
 * Two graphs are equal when their nodes, in order, have equal types and properties.
 */
public final class MdGraph {

    private final List<MdNode> nodes;

    /** Ties the drafts into nodes; everything happens here so the final field publishes it all. */
    MdGraph(List<NodeDraft> drafts) {
        List<List<MdProperty>> lists = new ArrayList<>(drafts.size());
        List<MdNode> built = new ArrayList<>(drafts.size());
        for (NodeDraft d : drafts) {
            List<MdProperty> props = new ArrayList<>(d.props().size());
            lists.add(props);
            built.add(new MdNode(built.size(), d.type(), props));
        }
        for (int i = 0; i < drafts.size(); i++) {
            for (NodeDraft.Prop p : drafts.get(i).props()) {
                lists.get(i).add(p instanceof NodeDraft.ArcTo arc
                        ? new MdProperty.Arc(arc.name(), built.get(arc.target()))
                        : ((NodeDraft.Plain) p).property());
            }
        }
        this.nodes = List.copyOf(built);
    }

    public List<MdNode> nodes() {
        return nodes;
    }

    public MdNode node(int ordinal) {
        return nodes.get(ordinal);
    }

    public List<MdNode> nodesOfType(String type) {
        return nodes.stream().filter(n -> n.type().equals(type)).toList();
    }

    /** The first node of this type, as Linux finds "platform" by scanning the node chain. */
    public Optional<MdNode> first(String type) {
        return nodes.stream().filter(n -> n.type().equals(type)).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MdGraph g && nodes.equals(g.nodes);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode();
    }

    /** A readable dump, one node and its properties per paragraph; for tools and test failures. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        nodes.forEach(sb::append);
        return sb.toString();
    }
}
