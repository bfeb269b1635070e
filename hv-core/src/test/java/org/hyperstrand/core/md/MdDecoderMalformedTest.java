package org.hyperstrand.core.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each test breaks one rule of reference section 8.1 in the tiny MD and expects the exact complaint. */
class MdDecoderMalformedTest {

    private final byte[] md = MdTestData.tinyBytes();
    private final ByteBuffer buf = ByteBuffer.wrap(md);

    private static int element(int index) {
        return 16 + 16 * index;
    }

    private void assertMalformed(String message, byte[] bytes) {
        MalformedMdException e = assertThrows(MalformedMdException.class, () -> MdDecoder.decode(bytes));
        assertEquals(message, e.getMessage());
    }

    private void assertMalformed(String message) {
        assertMalformed(message, md);
    }

    @Test
    void truncatedHeader() {
        assertMalformed("truncated MD: 10 bytes, less than the 16-byte header", Arrays.copyOf(md, 10));
    }

    @Test
    void truncatedBody() {
        assertMalformed("truncated MD: header declares 224 bytes, got 200", Arrays.copyOf(md, 200));
    }

    @Test
    void trailingBytes() {
        assertMalformed("MD is 240 bytes but its header declares 224", Arrays.copyOf(md, 240));
    }

    @Test
    void wrongTransportVersion() {
        buf.putInt(0, 0x20000);
        assertMalformed("unsupported MD transport version 0x20000, expected 0x10000");
    }

    @Test
    void nodeBlockNotWholeElements() {
        buf.putInt(4, 24);
        assertMalformed("node block size 24 is not a positive multiple of 16");
    }

    @Test
    void badTag() {
        md[element(5)] = 'z';
        assertMalformed("element 5: bad tag 0x7a");
    }

    @Test
    void arcToANonNode() {
        buf.putLong(element(1) + 8, 4);
        assertMalformed("element 1: arc 'fwd' points to element 4, which is not a NODE");
    }

    @Test
    void arcOutsideTheNodeBlock() {
        buf.putLong(element(1) + 8, 99);
        assertMalformed("element 1: arc 'fwd' points to element 99, which is not a NODE");
        buf.putLong(element(1) + 8, -1);
        assertMalformed("element 1: arc 'fwd' points to element 18446744073709551615, which is not a NODE");
    }

    @Test
    void arcWithAnotherName() {
        buf.putInt(element(1) + 4, 9); // "cpu"
        assertMalformed("element 1: arc name 'cpu' is not fwd or back");
    }

    @Test
    void nameOffsetOutOfRange() {
        buf.putInt(element(5) + 4, 0x40);
        assertMalformed("element 5: name offset 0x40 (length 2) is outside the 32-byte name block");
    }

    @Test
    void nameWithoutRoomForItsNul() {
        buf.putInt(element(5) + 4, 30);
        assertMalformed("element 5: name offset 0x1e (length 2) is outside the 32-byte name block");
    }

    @Test
    void nameLenDisagreesWithTheNul() {
        md[element(5) + 1] = 3;
        assertMalformed("element 5: name at offset 0x12 is shorter than name_len 3");
        md[element(5) + 1] = 1;
        assertMalformed("element 5: name at offset 0x12 is longer than name_len 1");
    }

    @Test
    void emptyName() {
        md[element(5) + 1] = 0;
        assertMalformed("element 5: PROP_VAL with an empty name");
    }

    @Test
    void nameWithAnInvisibleByte() {
        md[16 + 160 + 18] = ' '; // the 'i' of "id"
        assertMalformed("element 5: name at offset 0x12 has byte 0x20, not visible ASCII");
    }

    @Test
    void listEndTooEarly() {
        md[element(8)] = 0;
        assertMalformed("element 8: LIST_END before the end of the node block (10 elements)");
    }

    @Test
    void noListEnd() {
        md[element(9)] = 0x45;
        assertMalformed("node block does not end with LIST_END");
    }

    @Test
    void nodeWithoutNodeEnd() {
        md[element(2)] = 0x20; // NOOP instead of root's NODE_END
        assertMalformed("element 3: NODE inside node 'root' (element 0), which has no NODE_END");
    }

    @Test
    void nextPointerNotAfterNodeEnd() {
        buf.putLong(element(0) + 8, 4);
        assertMalformed("element 0: node 'root' gives next node 4, expected 3");
        buf.putLong(element(0) + 8, 3);
        buf.putLong(element(3) + 8, 0);
        assertMalformed("element 3: node 'cpu' gives next node 0, expected 9");
    }

    @Test
    void propertyOutsideANode() {
        md[element(3)] = 0x76;
        assertMalformed("element 3: expected NODE or LIST_END, found PROP_VAL");
    }

    @Test
    void dataOutsideTheDataBlock() {
        buf.putInt(element(7) + 12, 14);
        assertMalformed("element 7: data of 'd' (offset 0xe, length 3) is outside the 16-byte data block");
    }

    @Test
    void stringWithoutItsNul() {
        buf.putInt(element(6) + 8, 2);
        assertMalformed("element 6: string 'name' is not NUL-terminated");
        buf.putInt(element(6) + 8, 0);
        assertMalformed("element 6: string 'name' is not NUL-terminated");
    }

    @Test
    void stringWithANulInside() {
        buf.putInt(element(6) + 8, 4); // "ab\0\0"
        assertMalformed("element 6: string 'name' has a NUL before its end");
    }

    @Test
    void stringThatIsNotUtf8() {
        md[16 + 160 + 32] = (byte) 0xc3; // "\xc3b": a lead byte followed by ASCII
        assertMalformed("element 6: string 'name' is not valid UTF-8");
    }

    @Test
    void noopInsideANodeIsSkipped() {
        md[element(5)] = 0x20; // the id property becomes a NOOP
        MdNode cpu = MdDecoder.decode(md).first("cpu").orElseThrow();
        assertTrue(cpu.value("id").isEmpty());
        assertEquals(3, cpu.properties().size());
    }
}
