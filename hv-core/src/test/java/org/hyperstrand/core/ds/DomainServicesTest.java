package org.hyperstrand.core.ds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The domain services endpoint and the dr-cpu service, driven message by message as a guest would. */
class DomainServicesTest {

    private final List<DsMessage> sent = new ArrayList<>();
    private final DomainServices ds = new DomainServices(bytes -> sent.add(DsMessage.decode(bytes)));
    private final DrCpu drCpu = new DrCpu(ds);

    private static byte[] message(int type, ByteBuffer payload) {
        return new DsMessage(type, payload.array()).encode();
    }

    private static byte[] regReq(long handle, int major, String id) {
        byte[] name = (id + "\0").getBytes(StandardCharsets.US_ASCII);
        return message(DsMessage.REG_REQ, ByteBuffer.allocate(12 + name.length).putLong(handle)
                .putShort((short) major).putShort((short) 0).put(name));
    }

    private DsMessage last() {
        return sent.get(sent.size() - 1);
    }

    private void initAndRegister(long handle) {
        ds.received(message(DsMessage.INIT_REQ, ByteBuffer.allocate(4).putShort((short) 1).putShort((short) 0)));
        assertEquals(DsMessage.INIT_ACK, last().type());
        ds.received(regReq(handle, 1, DrCpu.ID));
        assertEquals(DsMessage.REG_ACK, last().type());
        assertEquals(handle, ByteBuffer.wrap(last().payload()).getLong());
    }

    @Test
    void theTagCountsThePayloadAndIsBigEndian() {
        byte[] bytes = new DsMessage(DsMessage.DATA, new byte[] {1, 2, 3}).encode();
        assertArrayEquals(new byte[] {0, 0, 0, 9, 0, 0, 0, 3, 1, 2, 3}, bytes);
        assertNull(DsMessage.decode(new byte[] {0, 0, 0, 9, 0, 0, 0, 4, 1, 2, 3}), "length disagrees");
        assertNull(DsMessage.decode(new byte[] {0, 0, 0}), "shorter than a tag");
    }

    @Test
    void initVersionTwoIsRefusedWithTheMajorOffered() {
        ds.received(message(DsMessage.INIT_REQ, ByteBuffer.allocate(4).putShort((short) 2).putShort((short) 0)));
        assertEquals(DsMessage.INIT_NACK, last().type());
        assertEquals(1, ByteBuffer.wrap(last().payload()).getShort());
        ds.received(regReq(7, 1, DrCpu.ID));
        assertEquals(1, sent.size(), "no registration before a successful INIT");
        assertFalse(drCpu.available());
    }

    @Test
    void unknownServicesAndVersionsAreRefusedAndDuplicatesNacked() {
        initAndRegister(0x1_0000_0042L);
        assertTrue(drCpu.available());
        ds.received(regReq(5, 1, "md-update"));
        assertEquals(DsMessage.REG_NACK, last().type());
        ByteBuffer p = ByteBuffer.wrap(last().payload());
        assertEquals(5, p.getLong());
        assertEquals(0, p.getShort(), "not offered at all");
        ds.received(regReq(6, 2, DrCpu.ID));
        assertEquals(DsMessage.REG_NACK, last().type());
        ds.received(regReq(8, 1, DrCpu.ID));
        assertEquals(DsMessage.NACK, last().type());
        p = ByteBuffer.wrap(last().payload());
        assertEquals(8, p.getLong());
        assertEquals(DsMessage.RESULT_REG_DUP, p.getLong());
    }

    @Test
    void dataForAnUnknownHandleAndUnknownTypesAreNacked() {
        initAndRegister(3);
        ds.received(message(DsMessage.DATA, ByteBuffer.allocate(12).putLong(99)));
        ByteBuffer p = ByteBuffer.wrap(last().payload());
        assertEquals(DsMessage.NACK, last().type());
        assertEquals(99, p.getLong());
        assertEquals(DsMessage.RESULT_INV_HDL, p.getLong());
        ds.received(message(0x77, ByteBuffer.allocate(0)));
        assertEquals(DsMessage.RESULT_TYPE_UNKNOWN, ByteBuffer.wrap(last().payload()).getLong(8));
    }

    @Test
    void aConfigureRequestCarriesTheCpusAndTheReplyCompletesIt() throws Exception {
        initAndRegister(0x44);
        CompletableFuture<DrCpuReply> f = drCpu.request(DrCpu.CONFIGURE, List.of(2, 3));
        DsMessage req = last();
        assertEquals(DsMessage.DATA, req.type());
        ByteBuffer p = ByteBuffer.wrap(req.payload());
        assertEquals(0x44, p.getLong(), "the guest's handle");
        long number = p.getLong();
        assertEquals('C', p.getInt());
        assertEquals(2, p.getInt());
        assertEquals(2, p.getInt());
        assertEquals(3, p.getInt());
        assertFalse(p.hasRemaining());
        assertFalse(f.isDone());

        DrCpuReply answer = new DrCpuReply(number, DrCpu.OK, List.of(
                new DrCpuReply.CpuRecord(2, DrCpu.RESULT_OK, DrCpu.STATUS_CONFIGURED, ""),
                new DrCpuReply.CpuRecord(3, DrCpu.RESULT_OK, DrCpu.STATUS_CONFIGURED, "")));
        ds.received(message(DsMessage.DATA, ByteBuffer.allocate(8 + answer.encode().length).putLong(0x44)
                .put(answer.encode())));
        assertTrue(f.get().ok());
        assertEquals(answer, f.get());
    }

    @Test
    void aReplyToAnotherRequestDoesNotCompleteIt() {
        initAndRegister(1);
        CompletableFuture<DrCpuReply> f = drCpu.request(DrCpu.UNCONFIGURE, List.of(1));
        byte[] other = new DrCpuReply(12345, DrCpu.OK, List.of()).encode();
        ds.received(message(DsMessage.DATA, ByteBuffer.allocate(8 + other.length).putLong(1).put(other)));
        assertFalse(f.isDone());
    }

    @Test
    void aGuestThatStartsOverFailsWhatWaitsAndMustRegisterAgain() {
        initAndRegister(1);
        CompletableFuture<DrCpuReply> f = drCpu.request(DrCpu.CONFIGURE, List.of(1));
        ds.received(message(DsMessage.INIT_REQ, ByteBuffer.allocate(4).putShort((short) 1).putShort((short) 0)));
        assertThrows(ExecutionException.class, f::get);
        assertFalse(drCpu.available());
        assertThrows(IllegalStateException.class, () -> drCpu.request(DrCpu.CONFIGURE, List.of(1)));
    }

    @Test
    void errorRecordsKeepTheGuestsReasons() {
        DrCpuReply r = new DrCpuReply(9, DrCpu.ERROR, List.of(
                new DrCpuReply.CpuRecord(4, DrCpu.RESULT_BLOCKED, DrCpu.STATUS_CONFIGURED, "cpu is busy"),
                new DrCpuReply.CpuRecord(5, DrCpu.RESULT_FAILURE, DrCpu.STATUS_CONFIGURED, "")));
        byte[] bytes = r.encode();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals(9, b.getLong());
        assertEquals('e', b.getInt());
        assertEquals(2, b.getInt());
        assertEquals(4, b.getInt());
        assertEquals(DrCpu.RESULT_BLOCKED, b.getInt());
        assertEquals(DrCpu.STATUS_CONFIGURED, b.getInt());
        assertEquals(48, b.getInt(), "the reason follows the records");
        DrCpuReply back = DrCpuReply.decode(bytes);
        assertEquals(r, back);
        assertFalse(back.ok());
        assertEquals("cpu is busy", back.records().get(0).why());
        assertEquals("failure", back.records().get(1).why());
    }

    @Test
    void malformedRepliesAreNotReplies() {
        assertNull(DrCpuReply.decode(new byte[8]));
        assertNull(DrCpuReply.decode(DrCpu.encodeRequest(1, DrCpu.CONFIGURE, List.of(1))), "a request");
        byte[] tooMany = ByteBuffer.allocate(16).putLong(1).putInt(DrCpu.OK).putInt(5).array();
        assertNull(DrCpuReply.decode(tooMany));
        byte[] badOffset = ByteBuffer.allocate(32).putLong(1).putInt(DrCpu.OK).putInt(1).putInt(0).putInt(0).putInt(2)
                .putInt(400).array();
        assertNull(DrCpuReply.decode(badOffset));
    }
}
