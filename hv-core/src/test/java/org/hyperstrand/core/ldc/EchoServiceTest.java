package org.hyperstrand.core.ldc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.junit.jupiter.api.Test;

/** The stream link's handshake and framing, driven packet by packet as a guest client would. */
class EchoServiceTest {

    private final List<ByteBuffer> out = new ArrayList<>();
    private final LdcPort port = new LdcPort() {
        @Override
        public long channelId() {
            return 0;
        }

        @Override
        public boolean peerReceiving() {
            return true;
        }

        @Override
        public void send(byte[] packet) {
            out.add(ByteBuffer.wrap(packet));
        }
    };
    private final StreamLink echo = EchoService.create();

    private static byte[] ctrl(long stype, long ctrl, long env, int seqid, int major) {
        ByteBuffer p = ByteBuffer.allocate(64);
        p.put(0, (byte) HvConstants.LDC_TYPE_CTRL).put(1, (byte) stype).put(2, (byte) ctrl).put(3, (byte) env)
                .putInt(4, seqid).putShort(8, (short) major);
        return p.array();
    }

    private static byte[] data(int seqid, int env, byte[] payload, int off, int n) {
        ByteBuffer p = ByteBuffer.allocate(64);
        p.put(0, (byte) HvConstants.LDC_TYPE_DATA).put(1, (byte) HvConstants.LDC_STYPE_INFO).put(3, (byte) (env | n))
                .putInt(4, seqid).put(16, payload, off, n);
        return p.array();
    }

    private void handshake(int seq) {
        echo.received(port, ctrl(HvConstants.LDC_STYPE_INFO, HvConstants.LDC_CTRL_VERS, 0, 0, 1));
        assertEquals(HvConstants.LDC_STYPE_ACK, out.get(out.size() - 1).get(1));
        echo.received(port, ctrl(HvConstants.LDC_STYPE_INFO, HvConstants.LDC_CTRL_RTS, HvConstants.LDC_MODE_STREAM,
                seq, 0));
        ByteBuffer rtr = out.get(out.size() - 1);
        assertEquals(HvConstants.LDC_CTRL_RTR, rtr.get(2));
        assertEquals(HvConstants.LDC_MODE_STREAM, rtr.get(3));
        assertFalse(echo.up());
        echo.received(port, ctrl(HvConstants.LDC_STYPE_INFO, HvConstants.LDC_CTRL_RDX, 0, seq, 0));
        assertTrue(echo.up());
    }

    @Test
    void aMessageOfSeveralPacketsComesBackWhole() {
        handshake(100);
        out.clear();
        byte[] msg = new byte[120];
        for (int i = 0; i < msg.length; i++) {
            msg[i] = (byte) (i * 7);
        }
        echo.received(port, data(101, (int) HvConstants.LDC_ENV_START, msg, 0, 48));
        echo.received(port, data(102, 0, msg, 48, 48));
        assertTrue(out.isEmpty(), "nothing before STOP");
        echo.received(port, data(103, (int) HvConstants.LDC_ENV_STOP, msg, 96, 24));
        assertEquals(3, out.size());
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            ByteBuffer p = out.get(i);
            assertEquals(101 + i, p.getInt(4), "seqids continue from RTS");
            assertEquals(103, p.getInt(12), "ack id: the last packet received");
            back.write(p.array(), 16, p.get(3) & 0x3f);
        }
        assertEquals((byte) (HvConstants.LDC_ENV_START | 48), out.get(0).get(3));
        assertEquals((byte) (HvConstants.LDC_ENV_STOP | 24), out.get(2).get(3));
        assertEquals(java.util.Arrays.toString(msg), java.util.Arrays.toString(back.toByteArray()));
    }

    @Test
    void badPacketsAreDroppedAndVersRestarts() {
        echo.received(port, data(1, (int) (HvConstants.LDC_ENV_START | HvConstants.LDC_ENV_STOP), new byte[4], 0, 4));
        assertTrue(out.isEmpty(), "data before the handshake");
        echo.received(port, ctrl(HvConstants.LDC_STYPE_INFO, HvConstants.LDC_CTRL_VERS, 0, 0, 2));
        assertEquals(HvConstants.LDC_STYPE_NACK, out.get(0).get(1), "version 2 refused");
        handshake(0);
        out.clear();
        echo.received(port, data(5, (int) (HvConstants.LDC_ENV_START | HvConstants.LDC_ENV_STOP), new byte[4], 0, 4));
        assertTrue(out.isEmpty(), "out of sequence");
        echo.received(port, data(1, (int) HvConstants.LDC_ENV_STOP, new byte[4], 0, 4));
        assertTrue(out.isEmpty(), "no START");
        echo.received(port, ctrl(HvConstants.LDC_STYPE_INFO, HvConstants.LDC_CTRL_VERS, 0, 0, 1));
        assertFalse(echo.up(), "a new handshake takes the link down");
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = new byte[64];
            r.nextBytes(junk);
            echo.received(port, junk);
        }
    }
}
