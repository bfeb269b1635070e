package org.hyperstrand.core.md;

/**
 * One 16-byte element of a binary MD's node block, with its name resolved (reference section
 * 8.1). The raw view behind {@link MdDecoder#elements}, for tools that dump an MD as stored.
 *
 * @param index position in the node block; a NODE's index is how arcs refer to it
 * @param tag   an MD_* tag constant
 * @param name  node type or property name; empty for NODE_END, LIST_END and NOOP
 * @param value the 8-byte val field
 */
public record MdElement(int index, int tag, String name, long value) {

    public String tagName() {
        return MdFormat.tagName(tag);
    }

    /** PROP_STR / PROP_DATA: the upper half of val. */
    public int dataLength() {
        return (int) (value >>> 32);
    }

    /** PROP_STR / PROP_DATA: the lower half of val, an offset in the data block. */
    public int dataOffset() {
        return (int) value;
    }

    @Override
    public String toString() {
        return String.format("%4d %-9s %-24s 0x%x", index, tagName(), name, value);
    }
}
