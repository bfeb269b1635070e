package org.hyperstrand.core.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** encode then decode gives the same graph, and decode then encode the same bytes. */
class MdRoundTripTest {

    private static void assertRoundTrip(MdGraph graph) {
        byte[] bytes = MdEncoder.encode(graph);
        MdGraph back = MdDecoder.decode(bytes);
        assertEquals(graph, back);
        assertArrayEquals(bytes, MdEncoder.encode(back));
    }

    @Test
    void tiny() {
        assertRoundTrip(MdTestData.tiny());
        assertEquals(MdTestData.tiny(), MdDecoder.decode(MdTestData.tinyBytes()));
    }

    @Test
    void emptyGraph() {
        assertRoundTrip(new MdBuilder().build());
    }

    @Test
    void everyKindOfValue() {
        MdBuilder md = new MdBuilder();
        md.node("n")
                .value("min", Long.MIN_VALUE).value("max", Long.MAX_VALUE).value("minus-one", -1)
                .string("empty", "").string("utf8", "héllo ✓")
                .data("nothing", new byte[0]).data("bytes", new byte[] {(byte) 0xff, 0, 0x7f})
                .strings("compatible", "SUNW,sun4v", "sun4v");
        md.node("bare");
        assertRoundTrip(md.build());
    }

    @Test
    void cyclesSelfArcsAndRepeatedNames() {
        MdBuilder md = new MdBuilder();
        MdBuilder.Node a = md.node("a");
        MdBuilder.Node b = md.node("b");
        a.link(b).fwd(a).value("x", 1).value("x", 2);
        b.fwd(a).back(b);
        assertRoundTrip(md.build());
    }

    @Test
    void decodedArcsAreTheDecodedNodes() {
        MdGraph g = MdDecoder.decode(MdTestData.tinyBytes());
        MdNode root = g.first("root").orElseThrow();
        MdNode cpu = g.first("cpu").orElseThrow();
        assertSame(cpu, root.fwd().get(0));
        assertSame(root, cpu.back().get(0));
        assertEquals(5, cpu.value("id").getAsLong());
        assertEquals("ab", cpu.string("name").orElseThrow());
        assertEquals(List.of(), root.back());
    }

    @Test
    void rawElementsShowTheNodeBlockAsStored() {
        List<MdElement> el = MdDecoder.elements(MdTestData.tinyBytes());
        assertEquals(10, el.size());
        assertEquals("NODE", el.get(3).tagName());
        assertEquals("cpu", el.get(3).name());
        assertEquals(9, el.get(3).value());
        assertEquals(3, el.get(7).dataLength());
        assertEquals(8, el.get(7).dataOffset());
        assertEquals("LIST_END", el.get(9).tagName());
    }

    @Test
    void manyNodes() {
        MdBuilder md = new MdBuilder();
        MdBuilder.Node root = md.node("root");
        for (int i = 0; i < 300; i++) {
            root.link(md.node("leaf").value("id", i).string("label", "leaf-" + i));
        }
        assertRoundTrip(md.build());
    }
}
