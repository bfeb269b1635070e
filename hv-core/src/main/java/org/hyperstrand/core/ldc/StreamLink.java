package org.hyperstrand.core.ldc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.hyperstrand.core.hcall.api.HvConstants;

/**
 * The responding end of the LDC link protocol in STREAM mode (sun4v API reference section
 * 10.3), for Java services: it answers the guest's handshake (VERS 1.0 info, then RTS with
 * mode STREAM, answered with RTR; RDX brings the link up) and reassembles the guest's
 * messages from data packets (START on the first, STOP on the last, 48 bytes of data each,
 * after a 32-bit pad and a 32-bit ack id). Multi-byte header fields are big-endian on every
 * architecture, as in the sun4v link protocol.
 *
 * <p>Sequence ids: RTS carries the initiator's starting id, which both directions start from;
 * each data packet carries the previous id plus one. A packet out of sequence, data before
 * RDX, a message longer than {@link #MAX_MESSAGE} or anything malformed is dropped, and a new
 * VERS info restarts the handshake. Nothing a guest sends can make this throw.
 */
public final class StreamLink implements LdcService {

    /** What a service built on a stream link does with whole messages. */
    @FunctionalInterface
    public interface Messages {
        void received(StreamLink link, byte[] message);
    }

    /** The largest message reassembled: the MTU domain services use (section 8.4). */
    public static final int MAX_MESSAGE = 4096;
    /** Payload bytes per stream packet: 64 less the 8-byte header, the pad and the ack id. */
    public static final int PAYLOAD = 48;
    static final int PAYLOAD_OFFSET = 16;
    static final int ACKID_OFFSET = 12;
    static final int VERSION_MAJOR = 1;
    static final int VERSION_MINOR = 0;

    private enum State { CLOSED, VERSIONED, READY, UP }

    private final Messages messages;
    private LdcPort port;
    private State state = State.CLOSED;
    private int sndNext;
    private int rcvNext;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean inMessage;

    public StreamLink(Messages messages) {
        this.messages = messages;
    }

    /** True once the guest finished the handshake. */
    public boolean up() {
        return state == State.UP;
    }

    /** Sends a whole message to the guest, in packets of {@link #PAYLOAD} bytes; ignored while the link is down. */
    public void send(byte[] message) {
        if (state != State.UP || port == null) {
            return;
        }
        int off = 0;
        do {
            int n = Math.min(PAYLOAD, message.length - off);
            long env = n | (off == 0 ? HvConstants.LDC_ENV_START : 0)
                    | (off + n == message.length ? HvConstants.LDC_ENV_STOP : 0);
            ByteBuffer p = packet(HvConstants.LDC_TYPE_DATA, HvConstants.LDC_STYPE_INFO, 0, env, ++sndNext);
            p.putInt(ACKID_OFFSET, rcvNext);
            p.put(PAYLOAD_OFFSET, message, off, n);
            port.send(p.array());
            off += n;
        } while (off < message.length);
    }

    @Override
    public void linkChanged(LdcPort port, boolean up) {
        this.port = port;
        restart(State.CLOSED);
    }

    @Override
    public void received(LdcPort from, byte[] packet) {
        port = from;
        ByteBuffer p = ByteBuffer.wrap(packet); // big-endian
        int type = p.get(0) & 0xff;
        int stype = p.get(1) & 0xff;
        int ctrl = (int) (p.get(2) & HvConstants.LDC_CTRL_MASK);
        int env = p.get(3) & 0xff;
        int seqid = p.getInt(4);
        if (type == HvConstants.LDC_TYPE_CTRL && stype == HvConstants.LDC_STYPE_INFO) {
            control(ctrl, env, seqid, p);
        } else if (type == HvConstants.LDC_TYPE_DATA && stype == HvConstants.LDC_STYPE_INFO && state == State.UP) {
            data(env, seqid, packet);
        }
    }

    private void control(int ctrl, int env, int seqid, ByteBuffer p) {
        if (ctrl == HvConstants.LDC_CTRL_VERS) {
            restart(State.CLOSED);
            boolean ok = (p.getShort(8) & 0xffff) == VERSION_MAJOR;
            ByteBuffer answer = packet(HvConstants.LDC_TYPE_CTRL,
                    ok ? HvConstants.LDC_STYPE_ACK : HvConstants.LDC_STYPE_NACK, HvConstants.LDC_CTRL_VERS, 0, 0);
            answer.putShort(8, (short) VERSION_MAJOR).putShort(10, (short) VERSION_MINOR);
            port.send(answer.array());
            state = ok ? State.VERSIONED : State.CLOSED;
        } else if (ctrl == HvConstants.LDC_CTRL_RTS && state == State.VERSIONED) {
            if (env != HvConstants.LDC_MODE_STREAM) {
                port.send(packet(HvConstants.LDC_TYPE_CTRL, HvConstants.LDC_STYPE_NACK, HvConstants.LDC_CTRL_RTS,
                        HvConstants.LDC_MODE_STREAM, 0).array());
                return;
            }
            sndNext = seqid;
            rcvNext = seqid;
            port.send(packet(HvConstants.LDC_TYPE_CTRL, HvConstants.LDC_STYPE_INFO, HvConstants.LDC_CTRL_RTR,
                    HvConstants.LDC_MODE_STREAM, sndNext).array());
            state = State.READY;
        } else if (ctrl == HvConstants.LDC_CTRL_RDX && state == State.READY) {
            state = State.UP;
        }
    }

    private void data(int env, int seqid, byte[] packet) {
        if (seqid != rcvNext + 1) {
            return; // out of sequence: dropped
        }
        rcvNext = seqid;
        int n = (int) (env & HvConstants.LDC_ENV_LEN);
        if ((env & HvConstants.LDC_ENV_START) != 0) {
            partial.reset();
            inMessage = true;
        }
        if (!inMessage || n > PAYLOAD || partial.size() + n > MAX_MESSAGE) {
            inMessage = false;
            return;
        }
        partial.write(packet, PAYLOAD_OFFSET, n);
        if ((env & HvConstants.LDC_ENV_STOP) != 0) {
            inMessage = false;
            messages.received(this, partial.toByteArray());
        }
    }

    private void restart(State to) {
        state = to;
        partial.reset();
        inMessage = false;
    }

    private static ByteBuffer packet(long type, long stype, long ctrl, long env, int seqid) {
        ByteBuffer p = ByteBuffer.allocate(HvConstants.LDC_PACKET_SIZE);
        p.put(0, (byte) type).put(1, (byte) stype).put(2, (byte) ctrl).put(3, (byte) env).putInt(4, seqid);
        return p;
    }
}
