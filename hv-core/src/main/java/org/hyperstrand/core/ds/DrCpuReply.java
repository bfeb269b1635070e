package org.hyperstrand.core.ds;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest's answer to a dr-cpu request (sun4v API reference section 8.4): the dr_cpu_tag
 * {u64 req_num, u32 type, u32 num_records} with type OK ('o') or ERROR ('e'), then one record
 * {u32 cpu, u32 result, u32 stat, u32 str_off} per cpu; a non-zero str_off is the offset, from
 * the start of the payload, of a NUL-terminated reason the guest gives.
 *
 * @param request the req_num of the request answered
 * @param type    {@link DrCpu#OK} or {@link DrCpu#ERROR}
 * @param records one per cpu the guest reports on
 */
public record DrCpuReply(long request, int type, List<CpuRecord> records) {

    static final int TAG = 16;
    static final int RECORD = 16;

    /**
     * What the guest did with one cpu.
     *
     * @param cpu    the cpu id
     * @param result {@link DrCpu#RESULT_OK} ... {@link DrCpu#RESULT_NOT_IN_MD}
     * @param status {@link DrCpu#STATUS_NOT_PRESENT}, {@link DrCpu#STATUS_UNCONFIGURED} or {@link DrCpu#STATUS_CONFIGURED}
     * @param reason the guest's words, empty if it gave none
     */
    public record CpuRecord(int cpu, int result, int status, String reason) {

        /** Why this cpu failed, in a few words: the guest's reason, else the result's name. */
        public String why() {
            return !reason.isEmpty() ? reason : DrCpu.resultName(result);
        }
    }

    public DrCpuReply {
        records = List.copyOf(records);
    }

    /** True if the guest answered OK and every record says OK. */
    public boolean ok() {
        return type == DrCpu.OK && records.stream().allMatch(r -> r.result() == DrCpu.RESULT_OK);
    }

    /** The payload as a guest sends it (reasons after the records). */
    public byte[] encode() {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        int stringsAt = TAG + RECORD * records.size();
        ByteBuffer b = ByteBuffer.allocate(stringsAt).putLong(request).putInt(type).putInt(records.size());
        for (CpuRecord r : records) {
            int off = 0;
            if (!r.reason().isEmpty()) {
                off = stringsAt + strings.size();
                strings.writeBytes(r.reason().getBytes(StandardCharsets.US_ASCII));
                strings.write(0);
            }
            b.putInt(r.cpu()).putInt(r.result()).putInt(r.status()).putInt(off);
        }
        return ByteBuffer.allocate(stringsAt + strings.size()).put(b.array()).put(strings.toByteArray()).array();
    }

    /** The reply in {@code payload}, or null if it is not one (too short, a request type, bad offsets). */
    public static DrCpuReply decode(byte[] payload) {
        if (payload.length < TAG) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        long request = b.getLong();
        int type = b.getInt();
        long n = Integer.toUnsignedLong(b.getInt());
        if ((type != DrCpu.OK && type != DrCpu.ERROR) || n > (payload.length - TAG) / RECORD) {
            return null;
        }
        List<CpuRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int cpu = b.getInt();
            int result = b.getInt();
            int status = b.getInt();
            long off = Integer.toUnsignedLong(b.getInt());
            String reason = "";
            if (off != 0) {
                if (off >= payload.length) {
                    return null;
                }
                int end = (int) off;
                while (end < payload.length && payload[end] != 0) {
                    end++;
                }
                reason = new String(payload, (int) off, end - (int) off, StandardCharsets.US_ASCII);
            }
            records.add(new CpuRecord(cpu, result, status, reason));
        }
        return new DrCpuReply(request, type, records);
    }
}
