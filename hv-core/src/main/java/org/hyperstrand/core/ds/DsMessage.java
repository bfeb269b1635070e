package org.hyperstrand.core.ds;

import java.nio.ByteBuffer;

/**
 * One domain services message (sun4v API reference section 8.4): a tag {u32 type, u32 len}, len
 * counting the payload bytes that follow. Hyperstrand encodes every multi-byte field big-endian
 * on both architectures, as the link layer below does.
 *
 * @param type    the message type, one of the constants here
 * @param payload the bytes after the tag
 */
public record DsMessage(int type, byte[] payload) {

    public static final int INIT_REQ = 0x00;
    public static final int INIT_ACK = 0x01;
    public static final int INIT_NACK = 0x02;
    public static final int REG_REQ = 0x03;
    public static final int REG_ACK = 0x04;
    public static final int REG_NACK = 0x05;
    public static final int UNREG_REQ = 0x06;
    public static final int UNREG_ACK = 0x07;
    public static final int UNREG_NACK = 0x08;
    public static final int DATA = 0x09;
    public static final int NACK = 0x0a;

    /** NACK results. */
    public static final long RESULT_OK = 0;
    public static final long RESULT_REG_VER_NACK = 1;
    public static final long RESULT_REG_DUP = 2;
    public static final long RESULT_INV_HDL = 3;
    public static final long RESULT_TYPE_UNKNOWN = 4;

    static final int TAG = 8;

    /** The message as it travels: tag, then payload. */
    public byte[] encode() {
        return ByteBuffer.allocate(TAG + payload.length).putInt(type).putInt(payload.length).put(payload).array();
    }

    /** The message in {@code bytes}, or null if the tag's length does not match what arrived. */
    public static DsMessage decode(byte[] bytes) {
        if (bytes.length < TAG) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int type = b.getInt();
        long len = Integer.toUnsignedLong(b.getInt());
        if (len != bytes.length - TAG) {
            return null;
        }
        byte[] payload = new byte[(int) len];
        b.get(payload);
        return new DsMessage(type, payload);
    }

    /** A payload builder of the given size, big-endian. */
    static ByteBuffer payload(int size) {
        return ByteBuffer.allocate(size);
    }
}
