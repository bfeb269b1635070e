package org.hyperstrand.core.md;

/** The tiny MD the byte-level tests share: a root and one cpu with one property of every kind. */
final class MdTestData {

    private MdTestData() {
    }

    static MdGraph tiny() {
        MdBuilder md = new MdBuilder();
        MdBuilder.Node root = md.node("root");
        MdBuilder.Node cpu = md.node("cpu");
        root.fwd(cpu);
        cpu.back(root).value("id", 5).string("name", "ab").data("d", new byte[] {1, 2, 3});
        return md.build();
    }

    /** tiny() written out by hand from reference section 8.1. */
    static byte[] tinyBytes() {
        return bytes(
                // header: transport_version 1.0, node block 10 x 16, name block 28 -> 32, data block 11 -> 16
                0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xa0, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x10,
                // tag   len   resv        name_offset             val
                0x4e, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3,      // 0 NODE root, next node = 3
                0x61, 3, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 3,      // 1 ARC fwd -> 3
                0x45, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,      // 2 NODE_END
                0x4e, 3, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 9,      // 3 NODE cpu, next = LIST_END at 9
                0x61, 4, 0, 0, 0, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0, 0,     // 4 ARC back -> 0
                0x76, 2, 0, 0, 0, 0, 0, 18, 0, 0, 0, 0, 0, 0, 0, 5,     // 5 VAL id = 5
                0x73, 4, 0, 0, 0, 0, 0, 21, 0, 0, 0, 3, 0, 0, 0, 0,     // 6 STR name: len 3 ("ab" + NUL) @0
                0x64, 1, 0, 0, 0, 0, 0, 26, 0, 0, 0, 3, 0, 0, 0, 8,     // 7 DATA d: len 3 @8 (8-aligned)
                0x45, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,      // 8 NODE_END
                0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,      // 9 LIST_END
                // names: root\0 fwd\0 cpu\0 back\0 id\0 name\0 d\0, then 4 bytes of padding
                'r', 'o', 'o', 't', 0, 'f', 'w', 'd', 0, 'c', 'p', 'u', 0, 'b', 'a', 'c',
                'k', 0, 'i', 'd', 0, 'n', 'a', 'm', 'e', 0, 'd', 0, 0, 0, 0, 0,
                // data: "ab\0", pad to 8, 01 02 03, pad to 16
                'a', 'b', 0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
