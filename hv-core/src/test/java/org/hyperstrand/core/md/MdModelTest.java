package org.hyperstrand.core.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory model and its builder. */
class MdModelTest {

    @Test
    void arcsOnlyToNodesOfTheSameBuilder() {
        MdBuilder.Node foreign = new MdBuilder().node("x");
        MdBuilder.Node local = new MdBuilder().node("y");
        assertThrows(IllegalArgumentException.class, () -> local.fwd(foreign));
    }

    @Test
    void arcNamesAreFwdOrBack() {
        MdBuilder md = new MdBuilder();
        MdBuilder.Node n = md.node("n");
        assertEquals("arc name must be fwd or back: up",
                assertThrows(IllegalArgumentException.class, () -> n.arc("up", n)).getMessage());
    }

    @Test
    void namesMustFitTheNameBlock() {
        MdBuilder md = new MdBuilder();
        assertThrows(IllegalArgumentException.class, () -> md.node(""));
        assertThrows(IllegalArgumentException.class, () -> md.node("two words"));
        assertThrows(IllegalArgumentException.class, () -> md.node("n").value("x".repeat(256), 0));
        md.node("n").value("x".repeat(255), 0);
    }

    @Test
    void stringsMayNotHoldANul() {
        MdBuilder.Node n = new MdBuilder().node("n");
        assertThrows(IllegalArgumentException.class, () -> n.string("s", "a\0b"));
        assertThrows(IllegalArgumentException.class, () -> n.strings("s", "a\0b"));
    }

    @Test
    void dataIsCopiedInAndOut() {
        byte[] in = {1, 2};
        MdBuilder md = new MdBuilder();
        md.node("n").data("d", in);
        in[0] = 9;
        MdProperty.Data d = (MdProperty.Data) md.build().node(0).properties().get(0);
        d.bytes()[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, d.bytes());
    }

    @Test
    void stringListsArePackedNulTerminated() {
        MdProperty.Data d = MdProperty.Data.ofStrings("compatible", List.of("SUNW,sun4v", "sun4v"));
        assertArrayEquals("SUNW,sun4v\0sun4v\0".getBytes(), d.bytes());
        assertEquals(List.of("SUNW,sun4v", "sun4v"), d.strings());
    }

    @Test
    void graphsAreImmutableSnapshots() {
        MdBuilder md = new MdBuilder();
        MdBuilder.Node n = md.node("n");
        MdGraph before = md.build();
        n.value("later", 1);
        assertTrue(before.node(0).properties().isEmpty());
        assertNotEquals(before, md.build());
        assertThrows(UnsupportedOperationException.class, () -> before.node(0).properties().clear());
    }

    @Test
    void dumpIsReadable() {
        assertEquals("root#0\n    fwd -> cpu#1\ncpu#1\n    back -> root#0\n    id = 0x5\n    name = \"ab\"\n"
                + "    d = [01 02 03]\n", MdTestData.tiny().toString());
    }
}
