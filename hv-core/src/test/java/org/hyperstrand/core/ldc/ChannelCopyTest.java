package org.hyperstrand.core.ldc;

import static org.hyperstrand.core.hcall.api.HvConstants.LDC_COPY_IN;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_COPY_MAX;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_COPY_OUT;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_COPY_R;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_COPY_W;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_READ;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_WRITE;
import static org.hyperstrand.core.hcall.api.HvErrors.EBADALIGN;
import static org.hyperstrand.core.hcall.api.HvErrors.ECHANNEL;
import static org.hyperstrand.core.hcall.api.HvErrors.EINVAL;
import static org.hyperstrand.core.hcall.api.HvErrors.ENOACCESS;
import static org.hyperstrand.core.hcall.api.HvErrors.ENOMAP;
import static org.hyperstrand.core.hcall.api.HvErrors.ENORADDR;
import static org.hyperstrand.core.hcall.api.HvErrors.EOK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.md.ChannelSpec;
import org.junit.jupiter.api.Test;

/**
 * ldc_copy between a big-endian domain (a, the caller) and a little-endian one (b, the exporter)
 * and back: what is copied, where it stops, and every way a hostile caller or a careless
 * exporter can get it wrong, none of which may touch memory outside the exported page.
 */
class ChannelCopyTest {

    private static final long MEMORY = 8L << 20;
    private static final long RX = 0x20000;
    private static final long TABLE = 0x4000;
    private static final long ENTRIES = 8;
    private static final long PAGE = 0x10000;
    private static final long LOCAL = 0x40000;
    private static final long COPY = LDC_MTE_COPY_R | LDC_MTE_COPY_W;

    private final LdcRig rig = new LdcRig();
    private final Domain a = rig.domain("a", ByteOrder.BIG_ENDIAN);
    private final Domain b = rig.domain("b", ByteOrder.LITTLE_ENDIAN);
    private final DomainChannels ca = rig.ldc(a);
    private final DomainChannels cb = rig.ldc(b);

    ChannelCopyTest() {
        rig.machine.channels().connect(a, b, "link");
    }

    /** Both ends get receive queues (the channel is up) and b registers its map table. */
    private void up() {
        assertEquals(EOK, ca.ldcRxQconf(rig.frame, 0, rig.ra(a, RX), 8));
        assertEquals(EOK, cb.ldcRxQconf(rig.frame, 0, rig.ra(b, RX), 8));
        assertEquals(EOK, cb.ldcSetMapTable(rig.frame, 0, rig.ra(b, TABLE), ENTRIES));
    }

    /** Writes map-table entry {@code index} of {@code d}'s table in d's byte order. */
    private void entry(Domain d, long index, long mte) {
        ByteOrder order = d == a ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        rig.write(d, rig.ra(d, TABLE) + 16 * index, ByteBuffer.allocate(16).order(order).putLong(mte)
                .putLong(0x1234).array());
    }

    /** An 8 KB page of {@code d} at {@code offset}, exported with {@code perms}. */
    private long mte8k(Domain d, long offset, long perms) {
        return rig.ra(d, offset) | perms;
    }

    private static long cookie(long code, long index, long offset) {
        return code << 60 | index << (13 + 3 * code) | offset;
    }

    private long copy(long direction, long cookie, long local, long length) {
        rig.frame.setResult(1, -1);
        return ca.ldcCopy(rig.frame, 0, direction, cookie, local, length);
    }

    private byte[] memoryOf(Domain d) {
        return rig.read(d, rig.ra(d, 0), (int) MEMORY);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void copiesInAndOutOfAnExportedPage() {
        up();
        entry(b, 3, mte8k(b, PAGE, COPY));
        rig.write(b, rig.ra(b, PAGE) + 0x100, text("exported by b, read by a"));

        assertEquals(EOK, copy(LDC_COPY_IN, cookie(0, 3, 0x100), rig.ra(a, LOCAL), 24));
        assertEquals(24, rig.frame.result(1));
        assertArrayEquals(text("exported by b, read by a"), rig.read(a, rig.ra(a, LOCAL), 24));

        rig.write(a, rig.ra(a, LOCAL + 0x800), text("written by a into b's.."));
        assertEquals(EOK, copy(LDC_COPY_OUT, cookie(0, 3, 0x1ff8), rig.ra(a, LOCAL + 0x800), 8));
        assertEquals(8, rig.frame.result(1));
        assertArrayEquals(text("written "), rig.read(b, rig.ra(b, PAGE) + 0x1ff8, 8));
    }

    @Test
    void theExporterOfEitherByteOrderIsReadInItsOwn() {
        up();
        assertEquals(EOK, ca.ldcSetMapTable(rig.frame, 0, rig.ra(a, TABLE), 2));
        entry(a, 1, mte8k(a, PAGE, LDC_MTE_COPY_R));
        rig.write(a, rig.ra(a, PAGE), text("from a"));
        rig.frame.setResult(1, -1);
        assertEquals(EOK, cb.ldcCopy(rig.frame, 0, LDC_COPY_IN, cookie(0, 1, 0), rig.ra(b, LOCAL), 8));
        assertEquals(8, rig.frame.result(1));
        assertArrayEquals(text("from a"), Arrays.copyOf(rig.read(b, rig.ra(b, LOCAL), 8), 6));
    }

    @Test
    void aCopyStopsAtTheEndOfThePageAndAtTheLimit() {
        up();
        entry(b, 0, mte8k(b, PAGE, COPY));
        byte[] before = rig.read(a, rig.ra(a, LOCAL), 64);
        assertEquals(EOK, copy(LDC_COPY_IN, cookie(0, 0, 0x2000 - 16), rig.ra(a, LOCAL), 64));
        assertEquals(16, rig.frame.result(1), "the rest of the page only");
        assertArrayEquals(Arrays.copyOfRange(before, 16, 64),
                Arrays.copyOfRange(rig.read(a, rig.ra(a, LOCAL), 64), 16, 64), "nothing past it");

        entry(b, 1, rig.ra(b, 0x80000) | COPY | 2); // a 512 KB page
        assertEquals(EOK, copy(LDC_COPY_OUT, cookie(2, 1, 0x8), rig.ra(a, 0x100000), 0x20000));
        assertEquals(LDC_COPY_MAX, rig.frame.result(1));
        assertEquals(EOK, copy(LDC_COPY_OUT, cookie(2, 1, 0x80000 - 0x100), rig.ra(a, 0x100000), 0x20000));
        assertEquals(0x100, rig.frame.result(1));
    }

    @Test
    void clearingTheEntryWithdrawsThePageAtOnce() {
        up();
        entry(b, 2, mte8k(b, PAGE, COPY));
        assertEquals(EOK, copy(LDC_COPY_IN, cookie(0, 2, 0), rig.ra(a, LOCAL), 8));
        entry(b, 2, 0);
        assertEquals(ENOMAP, copy(LDC_COPY_IN, cookie(0, 2, 0), rig.ra(a, LOCAL), 8));
        assertEquals(EOK, cb.ldcSetMapTable(rig.frame, 0, 0, 0));
        assertEquals(EINVAL, copy(LDC_COPY_IN, cookie(0, 2, 0), rig.ra(a, LOCAL), 8), "no table at all");
    }

    @Test
    void hostileArgumentsAreRefusedWithoutTouchingEitherDomain() {
        up();
        entry(b, 0, mte8k(b, PAGE, LDC_MTE_COPY_R));
        entry(b, 1, mte8k(b, PAGE + 0x2000, LDC_MTE_COPY_W));
        entry(b, 2, mte8k(b, PAGE + 0x4000, LDC_MTE_READ | LDC_MTE_WRITE));
        entry(b, 3, rig.ra(b, PAGE + 0x2000) | COPY | 1); // not aligned to its 64 KB
        entry(b, 4, rig.ra(b, MEMORY) | COPY); // just past b's memory
        entry(b, 5, rig.ra(b, 0) | COPY | 4); // a 32 MB page reaching past it
        entry(b, 6, mte8k(b, PAGE, COPY | 1)); // says 64 KB
        byte[] memA = memoryOf(a);
        byte[] memB = memoryOf(b);
        long local = rig.ra(a, LOCAL);

        assertEquals(ECHANNEL, ca.ldcCopy(rig.frame, 7, LDC_COPY_IN, cookie(0, 0, 0), local, 8), "no such channel");
        assertEquals(EINVAL, copy(2, cookie(0, 0, 0), local, 8), "direction");
        assertEquals(EINVAL, copy(-1, cookie(0, 0, 0), local, 8), "direction");
        assertEquals(EBADALIGN, copy(LDC_COPY_IN, cookie(0, 0, 4), local, 8), "cookie offset");
        assertEquals(EBADALIGN, copy(LDC_COPY_IN, cookie(0, 0, 0), local + 1, 8), "local");
        assertEquals(EBADALIGN, copy(LDC_COPY_IN, cookie(0, 0, 0), local, 12), "length");
        assertEquals(ENORADDR, copy(LDC_COPY_IN, cookie(0, 0, 0), rig.ra(a, MEMORY), 8), "past a's memory");
        assertEquals(ENORADDR, copy(LDC_COPY_IN, cookie(0, 0, 0), rig.ra(a, MEMORY - 8), 16), "straddles its end");
        assertEquals(ENORADDR, copy(LDC_COPY_IN, cookie(0, 0, 0), local, -8), "a length that wraps");
        assertEquals(ENORADDR, copy(LDC_COPY_IN, cookie(0, 0, 0), -8, 8), "a negative address");
        assertEquals(EINVAL, copy(LDC_COPY_IN, Long.MIN_VALUE | cookie(0, 0, 0), local, 8), "bit 63");
        assertEquals(EINVAL, copy(LDC_COPY_IN, cookie(0, ENTRIES, 0), local, 8), "index past the table");
        assertEquals(EINVAL, copy(LDC_COPY_IN, cookie(0, 1L << 40, 0), local, 8), "index far past the table");
        assertEquals(ENOMAP, copy(LDC_COPY_IN, cookie(0, 7, 0), local, 8), "entry 0 exports nothing");
        assertEquals(ENOACCESS, copy(LDC_COPY_OUT, cookie(0, 0, 0), local, 8), "read-only for copies");
        assertEquals(ENOACCESS, copy(LDC_COPY_IN, cookie(0, 1, 0), local, 8), "write-only for copies");
        assertEquals(ENOACCESS, copy(LDC_COPY_IN, cookie(0, 2, 0), local, 8), "mapin rights are not copy rights");
        assertEquals(ENOMAP, copy(LDC_COPY_IN, cookie(1, 3, 0), local, 8), "unaligned page");
        assertEquals(ENOMAP, copy(LDC_COPY_OUT, cookie(0, 4, 0), local, 8), "page outside b's memory");
        assertEquals(ENOMAP, copy(LDC_COPY_OUT, cookie(4, 5, 0), local, 8), "large page partly outside");
        assertEquals(EINVAL, copy(LDC_COPY_IN, cookie(0, 6, 0), local, 8), "the cookie's size is not the entry's");
        assertEquals(EINVAL, copy(LDC_COPY_IN, cookie(1, 0, 0), local, 8), "nor the other way round");
        assertEquals(-1, rig.frame.result(1), "no count for a refused copy");

        assertArrayEquals(memA, memoryOf(a), "a's memory untouched");
        assertArrayEquals(memB, memoryOf(b), "b's memory untouched");
    }

    @Test
    void theTableIsReadWhereTheExporterKeepsItAtEveryCall() {
        up();
        entry(b, 0, mte8k(b, PAGE, COPY));
        rig.write(b, rig.ra(b, PAGE), text("old page"));
        rig.write(b, rig.ra(b, PAGE + 0x2000), text("new page"));
        assertEquals(EOK, copy(LDC_COPY_IN, cookie(0, 0, 0), rig.ra(a, LOCAL), 8));
        assertArrayEquals(text("old page"), rig.read(a, rig.ra(a, LOCAL), 8));
        entry(b, 0, mte8k(b, PAGE + 0x2000, COPY));
        assertEquals(EOK, copy(LDC_COPY_IN, cookie(0, 0, 0), rig.ra(a, LOCAL), 8));
        assertArrayEquals(text("new page"), rig.read(a, rig.ra(a, LOCAL), 8));
    }

    @Test
    void theChannelMustBeUpAndItsOtherEndAGuest() {
        assertEquals(EOK, cb.ldcSetMapTable(rig.frame, 0, rig.ra(b, TABLE), ENTRIES));
        entry(b, 0, mte8k(b, PAGE, COPY));
        long local = rig.ra(a, LOCAL);
        assertEquals(ECHANNEL, copy(LDC_COPY_IN, cookie(0, 0, 0), local, 8), "no receive queues");
        assertEquals(EOK, ca.ldcRxQconf(rig.frame, 0, rig.ra(a, RX), 8));
        assertEquals(ECHANNEL, copy(LDC_COPY_IN, cookie(0, 0, 0), local, 8), "b has none");
        assertEquals(EOK, cb.ldcRxQconf(rig.frame, 0, rig.ra(b, RX), 8));
        assertEquals(EOK, copy(LDC_COPY_IN, cookie(0, 0, 0), local, 8));
        assertEquals(EOK, cb.ldcRxQconf(rig.frame, 0, 0, 0));
        assertEquals(ECHANNEL, copy(LDC_COPY_IN, cookie(0, 0, 0), local, 8), "b took its queue away");

        LdcPort service = rig.machine.channels().attach(a, ChannelSpec.Port.VIRTUAL_DEVICE, "svc", new LdcService() {
            @Override
            public void received(LdcPort port, byte[] packet) {
            }

            @Override
            public void linkChanged(LdcPort port, boolean up) {
            }
        });
        assertEquals(EOK, ca.ldcRxQconf(rig.frame, service.channelId(), rig.ra(a, RX + 0x1000), 8));
        assertEquals(ECHANNEL, ca.ldcCopy(rig.frame, service.channelId(), LDC_COPY_IN, cookie(0, 0, 0), local, 8),
                "a service exports no memory");
    }

    @Test
    void aDomainThatLeftTheMachineIsOutOfReach() {
        up();
        entry(b, 0, mte8k(b, PAGE, COPY));
        assertEquals(EOK, copy(LDC_COPY_OUT, cookie(0, 0, 0), rig.ra(a, LOCAL), 8));
        b.stop();
        rig.machine.removeDomain(b);
        assertEquals(ECHANNEL, copy(LDC_COPY_OUT, cookie(0, 0, 0), rig.ra(a, LOCAL), 8));
    }
}
