package org.hyperstrand.core.md;

import org.hyperstrand.core.hcall.api.HvConstants;

/**
 * Facts of the binary MD layout (reference section 8.1) shared by the encoder and the decoder.
 * Tags and offsets come from the spec-generated {@link HvConstants}; only what the spec does not
 * name (the split of val into data_len and data_offset, the alignments we choose) is defined here.
 */
final class MdFormat {

    static final int TAG_LIST_END = (int) HvConstants.MD_LIST_END;
    static final int TAG_NOOP = (int) HvConstants.MD_NOOP;
    static final int TAG_NODE = (int) HvConstants.MD_NODE;
    static final int TAG_NODE_END = (int) HvConstants.MD_NODE_END;
    static final int TAG_PROP_ARC = (int) HvConstants.MD_PROP_ARC;
    static final int TAG_PROP_VAL = (int) HvConstants.MD_PROP_VAL;
    static final int TAG_PROP_STR = (int) HvConstants.MD_PROP_STR;
    static final int TAG_PROP_DATA = (int) HvConstants.MD_PROP_DATA;

    static final int TRANSPORT_VERSION = (int) HvConstants.MD_TRANSPORT_VERSION;
    static final int HEADER_SIZE = HvConstants.MD_HEADER_SIZE;
    static final int ELEMENT_SIZE = HvConstants.MD_ELEMENT_SIZE;

    /** For PROP_STR and PROP_DATA the 8-byte val is u32 data_len then u32 data_offset (section 8.1). */
    static final int DATA_LEN_OFFSET = HvConstants.MD_ELEMENT_VAL_OFFSET;
    static final int DATA_OFFSET_OFFSET = HvConstants.MD_ELEMENT_VAL_OFFSET + 4;

    /**
     * Name and data blocks are zero-padded to the header's 16-byte alignment, as mdgen does: every
     * block then starts 16-aligned in the guest's 16-aligned buffer and the total size stays a
     * multiple of 16. The node block needs no padding, its elements are 16 bytes each.
     */
    static final int BLOCK_ALIGN = HvConstants.MD_HEADER_ALIGN;

    /** Each payload starts 8-aligned in the data block (mdgen does the same), so u64 data reads in place. */
    static final int PAYLOAD_ALIGN = 8;

    /** name_len is a u8 (section 8.1). */
    static final int MAX_NAME_LEN = 255;

    private MdFormat() {
    }

    static int alignUp(int n, int alignment) {
        return (n + alignment - 1) / alignment * alignment;
    }

    /** The Linux-style tag name, for messages and dumps; null for an unknown tag. */
    static String tagName(int tag) {
        return switch (tag) {
            case TAG_LIST_END -> "LIST_END";
            case TAG_NOOP -> "NOOP";
            case TAG_NODE -> "NODE";
            case TAG_NODE_END -> "NODE_END";
            case TAG_PROP_ARC -> "PROP_ARC";
            case TAG_PROP_VAL -> "PROP_VAL";
            case TAG_PROP_STR -> "PROP_STR";
            case TAG_PROP_DATA -> "PROP_DATA";
            default -> null;
        };
    }

    /** Checks a node type or property name: 1 to 255 visible ASCII characters, so it fits name_len. */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LEN) {
            throw new IllegalArgumentException("MD name must be 1 to " + MAX_NAME_LEN + " characters: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                throw new IllegalArgumentException("MD name must be visible ASCII: '" + name + "'");
            }
        }
        return name;
    }

    static boolean isNameChar(int c) {
        return c > 0x20 && c < 0x7f;
    }
}
