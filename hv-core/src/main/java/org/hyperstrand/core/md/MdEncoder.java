package org.hyperstrand.core.md;

import static org.hyperstrand.core.hcall.api.HvConstants.MD_ELEMENT_NAME_LEN_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_ELEMENT_NAME_OFFSET_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_ELEMENT_TAG_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_ELEMENT_VAL_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_HEADER_DATA_BLK_SZ_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_HEADER_NAME_BLK_SZ_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_HEADER_NODE_BLK_SZ_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MD_HEADER_TRANSPORT_VERSION_OFFSET;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link MdGraph} as the binary MD of reference section 8.1, big-endian on every
 * architecture: header, node block (NODE, properties, NODE_END per node, then LIST_END), name
 * block (each name once, NUL-terminated, in order of first use), data block (string and data
 * payloads in element order, each 8-aligned). Name and data blocks are zero-padded to 16 bytes
 * (see {@link MdFormat#BLOCK_ALIGN}). The output depends only on the graph.
 */
public final class MdEncoder {

    private final ByteBuffer nodeBlock;
    private final Map<String, Integer> nameOffsets = new LinkedHashMap<>();
    private final ByteArrayOutputStream names = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    private MdEncoder(int elementCount) {
        nodeBlock = ByteBuffer.allocate(elementCount * MdFormat.ELEMENT_SIZE); // big-endian by default
    }

    public static byte[] encode(MdGraph graph) {
        List<MdNode> nodes = graph.nodes();
        // A node is referred to by the element index of its NODE (section 8.1): NODE + properties + NODE_END.
        int[] start = new int[nodes.size() + 1];
        for (int i = 0; i < nodes.size(); i++) {
            start[i + 1] = start[i] + nodes.get(i).properties().size() + 2;
        }
        int listEnd = start[nodes.size()];
        MdEncoder enc = new MdEncoder(listEnd + 1);
        for (int i = 0; i < nodes.size(); i++) {
            enc.writeNode(nodes.get(i), start[i + 1], start);
        }
        enc.element(MdFormat.TAG_LIST_END, null, 0);
        return enc.assemble();
    }

    /** {@code next} is the element after this node's NODE_END: the next NODE, or LIST_END for the last node. */
    private void writeNode(MdNode node, int next, int[] start) {
        element(MdFormat.TAG_NODE, node.type(), next);
        for (MdProperty p : node.properties()) {
            if (p instanceof MdProperty.Val v) {
                element(MdFormat.TAG_PROP_VAL, v.name(), v.value());
            } else if (p instanceof MdProperty.Str s) {
                payload(MdFormat.TAG_PROP_STR, s.name(), (s.value() + '\0').getBytes(StandardCharsets.UTF_8));
            } else if (p instanceof MdProperty.Data d) {
                payload(MdFormat.TAG_PROP_DATA, d.name(), d.bytes());
            } else {
                MdProperty.Arc a = (MdProperty.Arc) p;
                element(MdFormat.TAG_PROP_ARC, a.name(), start[a.target().ordinal()]);
            }
        }
        element(MdFormat.TAG_NODE_END, null, 0);
    }

    /** PROP_STR / PROP_DATA: val is data_len (NUL included for strings) and data_offset. */
    private void payload(int tag, String name, byte[] bytes) {
        padTo(data, MdFormat.alignUp(data.size(), MdFormat.PAYLOAD_ALIGN));
        long offset = data.size();
        data.writeBytes(bytes);
        element(tag, name, ((long) bytes.length << 32) | offset);
    }

    /** NODE_END and LIST_END carry no name: name_len and name_offset stay 0. */
    private void element(int tag, String name, long val) {
        int base = nodeBlock.position();
        nodeBlock.put(base + MD_ELEMENT_TAG_OFFSET, (byte) tag);
        if (name != null) {
            nodeBlock.put(base + MD_ELEMENT_NAME_LEN_OFFSET, (byte) name.length());
            nodeBlock.putInt(base + MD_ELEMENT_NAME_OFFSET_OFFSET, nameOffset(name));
        }
        nodeBlock.putLong(base + MD_ELEMENT_VAL_OFFSET, val);
        nodeBlock.position(base + MdFormat.ELEMENT_SIZE);
    }

    /** Names are visible ASCII (checked by the model), so strlen equals the character count. */
    private int nameOffset(String name) {
        return nameOffsets.computeIfAbsent(name, n -> {
            int offset = names.size();
            names.writeBytes(n.getBytes(StandardCharsets.US_ASCII));
            names.write(0);
            return offset;
        });
    }

    private byte[] assemble() {
        padTo(names, MdFormat.alignUp(names.size(), MdFormat.BLOCK_ALIGN));
        padTo(data, MdFormat.alignUp(data.size(), MdFormat.BLOCK_ALIGN));
        int nodeSize = nodeBlock.capacity();
        ByteBuffer md = ByteBuffer.allocate(MdFormat.HEADER_SIZE + nodeSize + names.size() + data.size());
        md.putInt(MD_HEADER_TRANSPORT_VERSION_OFFSET, MdFormat.TRANSPORT_VERSION);
        md.putInt(MD_HEADER_NODE_BLK_SZ_OFFSET, nodeSize);
        md.putInt(MD_HEADER_NAME_BLK_SZ_OFFSET, names.size());
        md.putInt(MD_HEADER_DATA_BLK_SZ_OFFSET, data.size());
        md.position(MdFormat.HEADER_SIZE);
        md.put(nodeBlock.array()).put(names.toByteArray()).put(data.toByteArray());
        return md.array();
    }

    private static void padTo(ByteArrayOutputStream out, int size) {
        while (out.size() < size) {
            out.write(0);
        }
    }
}
