package org.hyperstrand.core.md;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fluent construction of an {@link MdGraph}. Nodes are encoded in the order they are created,
 * properties in the order they are added, so the same calls always give the same bytes.
 *
 * <pre>
 * MdBuilder md = new MdBuilder();
 * MdBuilder.Node root = md.node("root");
 * root.link(md.node("cpu").value("id", 0));   // fwd root->cpu, back cpu->root
 * MdGraph graph = md.build();
 * </pre>
 */
public final class MdBuilder {

    private final List<Node> nodes = new ArrayList<>();

    public Node node(String type) {
        Node n = new Node(nodes.size(), MdFormat.checkName(type));
        nodes.add(n);
        return n;
    }

    /** Snapshots the nodes made so far; the builder stays usable. */
    public MdGraph build() {
        List<NodeDraft> drafts = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            drafts.add(new NodeDraft(n.type, List.copyOf(n.props)));
        }
        return new MdGraph(drafts);
    }

    /** A node under construction; arcs may only point at nodes of the same builder. */
    public final class Node {
        private final int ordinal;
        private final String type;
        private final List<NodeDraft.Prop> props = new ArrayList<>();

        private Node(int ordinal, String type) {
            this.ordinal = ordinal;
            this.type = type;
        }

        public String type() {
            return type;
        }

        public Node value(String name, long value) {
            return add(new MdProperty.Val(name, value));
        }

        public Node string(String name, String value) {
            return add(new MdProperty.Str(name, value));
        }

        public Node data(String name, byte[] bytes) {
            return add(new MdProperty.Data(name, bytes));
        }

        /** A string list, packed NUL-terminated in a PROP_DATA (section 8.1). */
        public Node strings(String name, String... values) {
            return add(MdProperty.Data.ofStrings(name, Arrays.asList(values)));
        }

        public Node arc(String name, Node target) {
            if (target.owner() != MdBuilder.this) {
                throw new IllegalArgumentException("arc target " + target.type + " belongs to another MdBuilder");
            }
            // validates the arc name now rather than at build()
            if (!MdProperty.FWD.equals(name) && !MdProperty.BACK.equals(name)) {
                throw new IllegalArgumentException("arc name must be fwd or back: " + name);
            }
            props.add(new NodeDraft.ArcTo(name, target.ordinal));
            return this;
        }

        public Node fwd(Node target) {
            return arc(MdProperty.FWD, target);
        }

        public Node back(Node target) {
            return arc(MdProperty.BACK, target);
        }

        /** Makes {@code child} a child of this node: a fwd arc here and a back arc on the child. */
        public Node link(Node child) {
            fwd(child);
            child.back(this);
            return this;
        }

        private Node add(MdProperty p) {
            props.add(new NodeDraft.Plain(p));
            return this;
        }

        private MdBuilder owner() {
            return MdBuilder.this;
        }
    }
}
