package org.hyperstrand.core.md;

import static org.hyperstrand.core.hcall.api.HvConstants.MD_ELEMENT_NAME_LEN_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_ELEMENT_NAME_OFFSET_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_ELEMENT_TAG_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_ELEMENT_VAL_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_HEADER_DATA_BLK_SZ_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_HEADER_NAME_BLK_SZ_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_HEADER_NODE_BLK_SZ_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_HEADER_TRANSPORT_VERSION_OFFSET;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a binary MD (reference section 8.1) back into an {@link MdGraph}, checking everything a
 * reader relies on: header and block sizes, known tags, names inside the name block and exactly
 * name_len long, LIST_END last, every NODE closed by NODE_END, each NODE's val pointing at the
 * element after its NODE_END, arcs landing on NODE elements, payloads inside the data block and
 * strings NUL-terminated. Any violation throws {@link MalformedMdException}. Fields that carry
 * nothing (reserved bytes, NODE_END / LIST_END / NOOP payloads, padding) are not checked.
 */
public final class MdDecoder {

    private final byte[] md;
    private final ByteBuffer buf;
    private final int count;
    private final int nameStart;
    private final int nameSize;
    private final int dataStart;
    private final int dataSize;

    private MdDecoder(byte[] md) {
        this.md = md;
        this.buf = ByteBuffer.wrap(md); // big-endian, as the MD is on every architecture
        if (md.length < MdFormat.HEADER_SIZE) {
            throw fail("truncated MD: %d bytes, less than the %d-byte header", md.length, MdFormat.HEADER_SIZE);
        }
        int version = buf.getInt(MD_HEADER_TRANSPORT_VERSION_OFFSET);
        if (version != MdFormat.TRANSPORT_VERSION) {
            throw fail("unsupported MD transport version 0x%x, expected 0x%x", version, MdFormat.TRANSPORT_VERSION);
        }
        long nodes = Integer.toUnsignedLong(buf.getInt(MD_HEADER_NODE_BLK_SZ_OFFSET));
        long names = Integer.toUnsignedLong(buf.getInt(MD_HEADER_NAME_BLK_SZ_OFFSET));
        long data = Integer.toUnsignedLong(buf.getInt(MD_HEADER_DATA_BLK_SZ_OFFSET));
        if (nodes == 0 || nodes % MdFormat.ELEMENT_SIZE != 0) {
            throw fail("node block size %d is not a positive multiple of %d", nodes, MdFormat.ELEMENT_SIZE);
        }
        long total = MdFormat.HEADER_SIZE + nodes + names + data;
        if (md.length < total) {
            throw fail("truncated MD: header declares %d bytes, got %d", total, md.length);
        }
        if (md.length > total) {
            throw fail("MD is %d bytes but its header declares %d", md.length, total);
        }
        this.count = (int) (nodes / MdFormat.ELEMENT_SIZE);
        this.nameStart = MdFormat.HEADER_SIZE + (int) nodes;
        this.nameSize = (int) names;
        this.dataStart = nameStart + nameSize;
        this.dataSize = (int) data;
    }

    /** Decodes and validates a whole MD. */
    public static MdGraph decode(byte[] md) {
        MdDecoder d = new MdDecoder(md);
        return d.graph(d.readElements());
    }

    /**
     * The node block as stored, names resolved. Checks the header, tags, names and the final
     * LIST_END, but not the node structure that {@link #decode} checks.
     */
    public static List<MdElement> elements(byte[] md) {
        return new MdDecoder(md).readElements();
    }

    private List<MdElement> readElements() {
        List<MdElement> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int base = MdFormat.HEADER_SIZE + i * MdFormat.ELEMENT_SIZE;
            int tag = buf.get(base + MD_ELEMENT_TAG_OFFSET) & 0xff;
            String tagName = MdFormat.tagName(tag);
            if (tagName == null) {
                throw fail("element %d: bad tag 0x%02x", i, tag);
            }
            if (tag == MdFormat.TAG_LIST_END && i != count - 1) {
                throw fail("element %d: LIST_END before the end of the node block (%d elements)", i, count);
            }
            boolean named = tag != MdFormat.TAG_LIST_END && tag != MdFormat.TAG_NODE_END && tag != MdFormat.TAG_NOOP;
            String name = named ? readName(i, tagName, buf.get(base + MD_ELEMENT_NAME_LEN_OFFSET) & 0xff,
                    Integer.toUnsignedLong(buf.getInt(base + MD_ELEMENT_NAME_OFFSET_OFFSET))) : "";
            out.add(new MdElement(i, tag, name, buf.getLong(base + MD_ELEMENT_VAL_OFFSET)));
        }
        if (out.get(count - 1).tag() != MdFormat.TAG_LIST_END) {
            throw fail("node block does not end with LIST_END");
        }
        return out;
    }

    /** A name is name_len visible characters followed by a NUL, inside the name block. */
    private String readName(int index, String tagName, int len, long offset) {
        if (len == 0) {
            throw fail("element %d: %s with an empty name", index, tagName);
        }
        if (offset + len >= nameSize) {
            throw fail("element %d: name offset 0x%x (length %d) is outside the %d-byte name block",
                    index, offset, len, nameSize);
        }
        int at = nameStart + (int) offset;
        for (int k = 0; k < len; k++) {
            int b = md[at + k] & 0xff;
            if (b == 0) {
                throw fail("element %d: name at offset 0x%x is shorter than name_len %d", index, offset, len);
            }
            if (!MdFormat.isNameChar(b)) {
                throw fail("element %d: name at offset 0x%x has byte 0x%02x, not visible ASCII", index, offset, b);
            }
        }
        if (md[at + len] != 0) {
            throw fail("element %d: name at offset 0x%x is longer than name_len %d", index, offset, len);
        }
        return new String(md, at, len, StandardCharsets.US_ASCII);
    }

    private MdGraph graph(List<MdElement> el) {
        // Pass 1: node boundaries and the element index -> node ordinal map that arcs need.
        int[] ordinalAt = new int[count];
        Arrays.fill(ordinalAt, -1);
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (el.get(i).tag() != MdFormat.TAG_LIST_END) {
            MdElement node = el.get(i);
            if (node.tag() != MdFormat.TAG_NODE) {
                throw fail("element %d: expected NODE or LIST_END, found %s", i, node.tagName());
            }
            int j = i + 1;
            while (el.get(j).tag() != MdFormat.TAG_NODE_END) {
                int tag = el.get(j).tag();
                if (tag == MdFormat.TAG_NODE || tag == MdFormat.TAG_LIST_END) {
                    throw fail("element %d: %s inside node '%s' (element %d), which has no NODE_END",
                            j, el.get(j).tagName(), node.name(), i);
                }
                j++;
            }
            if (node.value() != j + 1) {
                throw fail("element %d: node '%s' gives next node %s, expected %d",
                        i, node.name(), Long.toUnsignedString(node.value()), j + 1);
            }
            ordinalAt[i] = spans.size();
            spans.add(new int[] {i, j});
            i = j + 1;
        }
        // Pass 2: properties, with arcs translated to ordinals.
        List<NodeDraft> drafts = new ArrayList<>(spans.size());
        for (int[] span : spans) {
            List<NodeDraft.Prop> props = new ArrayList<>();
            for (int k = span[0] + 1; k < span[1]; k++) {
                NodeDraft.Prop p = property(el.get(k), ordinalAt);
                if (p != null) {
                    props.add(p);
                }
            }
            drafts.add(new NodeDraft(el.get(span[0]).name(), props));
        }
        return new MdGraph(drafts);
    }

    /** One property element; null for a NOOP, which readers skip. */
    private NodeDraft.Prop property(MdElement e, int[] ordinalAt) {
        String name = e.name();
        switch (e.tag()) {
            case MdFormat.TAG_NOOP:
                return null;
            case MdFormat.TAG_PROP_VAL:
                return new NodeDraft.Plain(new MdProperty.Val(name, e.value()));
            case MdFormat.TAG_PROP_STR:
                return new NodeDraft.Plain(new MdProperty.Str(name, string(e)));
            case MdFormat.TAG_PROP_DATA:
                return new NodeDraft.Plain(new MdProperty.Data(name, payload(e)));
            case MdFormat.TAG_PROP_ARC:
                if (!MdProperty.FWD.equals(name) && !MdProperty.BACK.equals(name)) {
                    throw fail("element %d: arc name '%s' is not fwd or back", e.index(), name);
                }
                long t = e.value();
                if (t < 0 || t >= count || ordinalAt[(int) t] < 0) {
                    throw fail("element %d: arc '%s' points to element %s, which is not a NODE",
                            e.index(), name, Long.toUnsignedString(t));
                }
                return new NodeDraft.ArcTo(name, ordinalAt[(int) t]);
            default:
                throw new IllegalStateException("pass 1 let " + e.tagName() + " into a node");
        }
    }

    private byte[] payload(MdElement e) {
        long len = Integer.toUnsignedLong(e.dataLength());
        long off = Integer.toUnsignedLong(e.dataOffset());
        if (off + len > dataSize) {
            throw fail("element %d: data of '%s' (offset 0x%x, length %d) is outside the %d-byte data block",
                    e.index(), e.name(), off, len, dataSize);
        }
        return Arrays.copyOfRange(md, dataStart + (int) off, dataStart + (int) (off + len));
    }

    /** data_len counts the NUL (section 8.1); exactly one NUL, at the end. */
    private String string(MdElement e) {
        byte[] b = payload(e);
        if (b.length == 0 || b[b.length - 1] != 0) {
            throw fail("element %d: string '%s' is not NUL-terminated", e.index(), e.name());
        }
        for (int k = 0; k < b.length - 1; k++) {
            if (b[k] == 0) {
                throw fail("element %d: string '%s' has a NUL before its end", e.index(), e.name());
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, b.length - 1)).toString();
        } catch (CharacterCodingException x) {
            throw fail("element %d: string '%s' is not valid UTF-8", e.index(), e.name());
        }
    }

    private static MalformedMdException fail(String format, Object... args) {
        return new MalformedMdException(String.format(format, args));
    }
}
