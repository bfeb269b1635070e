package org.hyperstrand.core.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The encoder against hand-written bytes, reference section 8.1. */
class MdEncoderTest {

    @Test
    void tinyMdMatchesTheHandWrittenBytes() {
        assertArrayEquals(MdTestData.tinyBytes(), MdEncoder.encode(MdTestData.tiny()));
    }

    @Test
    void anEmptyGraphIsAHeaderAndALoneListEnd() {
        byte[] expected = MdTestData.bytes(
                0x00, 0x01, 0x00, 0x00, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertArrayEquals(expected, MdEncoder.encode(new MdBuilder().build()));
    }

    @Test
    void namesAreStoredOnceInOrderOfFirstUse() {
        MdBuilder md = new MdBuilder();
        MdBuilder.Node cpus = md.node("cpus");
        cpus.link(md.node("cpu").value("id", 0));
        cpus.link(md.node("cpu").value("id", 1));
        byte[] bytes = MdEncoder.encode(md.build());

        ByteBuffer b = ByteBuffer.wrap(bytes);
        int nodeSize = b.getInt(4);
        int nameSize = b.getInt(8);
        byte[] names = Arrays.copyOfRange(bytes, 16 + nodeSize, 16 + nodeSize + nameSize);
        byte[] expected = MdTestData.bytes('c', 'p', 'u', 's', 0, 'f', 'w', 'd', 0, 'c', 'p', 'u', 0,
                'i', 'd', 0, 'b', 'a', 'c', 'k', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertArrayEquals(expected, names);
        assertEquals(0, b.getInt(12), "no strings, so no data block");
    }

    @Test
    void everyBlockIsPaddedTo16Bytes() {
        MdBuilder md = new MdBuilder();
        md.node("n").string("s", "x").string("t", "yz");
        byte[] bytes = MdEncoder.encode(md.build());
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals(16, b.getInt(8), "n s t, 6 bytes, padded");
        assertEquals(16, b.getInt(12), "x\\0 at 0, yz\\0 at 8, 11 bytes, padded");
        assertEquals(0, bytes.length % 16);
    }

    @Test
    void theSameGraphAlwaysGivesTheSameBytes() {
        assertArrayEquals(MdEncoder.encode(MdTestData.tiny()), MdEncoder.encode(MdTestData.tiny()));
    }
}
