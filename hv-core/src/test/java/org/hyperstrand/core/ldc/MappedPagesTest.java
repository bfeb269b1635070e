package org.hyperstrand.core.ldc;

import static org.hyperstrand.core.hcall.api.HvConstants.LDC_COPY_IN;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MAPIN_WINDOW_ALIGN;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MAPIN_WINDOW_SIZE;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MEM_READ;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MEM_WRITE;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_COPY_R;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_COPY_W;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_EXEC;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_READ;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_WRITE;
import static org.hyperstrand.core.hcall.api.HvErrors.ECHANNEL;
import static org.hyperstrand.core.hcall.api.HvErrors.EINVAL;
import static org.hyperstrand.core.hcall.api.HvErrors.ENOACCESS;
import static org.hyperstrand.core.hcall.api.HvErrors.ENOMAP;
import static org.hyperstrand.core.hcall.api.HvErrors.ENORADDR;
import static org.hyperstrand.core.hcall.api.HvErrors.ENOTSUPPORTED;
import static org.hyperstrand.core.hcall.api.HvErrors.EOK;
import static org.hyperstrand.core.hcall.api.HvErrors.ETOOMANY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.junit.jupiter.api.Test;

/**
 * ldc_mapin, ldc_unmap and ldc_revoke between a big-endian importer (a) and a little-endian
 * exporter (b): where pages appear and with which rights, every hostile argument, and every way
 * a mapping ends, including while the importer's CPU is in the middle of a run.
 */
class MappedPagesTest {

    private static final long MEMORY = 8L << 20;
    private static final long B_MEMORY = 64L << 20;
    private static final long RX = 0x20000;
    private static final long TABLE = 0x4000;
    private static final long ENTRIES = 32;
    private static final long PAGE = 0x10000;
    private static final long MAP = LDC_MTE_READ | LDC_MTE_WRITE;

    private final LdcRig rig = new LdcRig();
    private final Domain a = rig.domain("a", ByteOrder.BIG_ENDIAN, true);
    private final Domain b = rig.domain("b", ByteOrder.LITTLE_ENDIAN, true, B_MEMORY);
    private final DomainChannels ca = rig.ldc(a);
    private final DomainChannels cb = rig.ldc(b);

    MappedPagesTest() {
        rig.machine.channels().connect(a, b, "link");
        assertEquals(EOK, ca.ldcRxQconf(rig.frame, 0, rig.ra(a, RX), 8));
        assertEquals(EOK, cb.ldcRxQconf(rig.frame, 0, rig.ra(b, RX), 8));
        assertEquals(EOK, cb.ldcSetMapTable(rig.frame, 0, rig.ra(b, TABLE), ENTRIES));
    }

    /** Writes entry {@code index} of b's table (little-endian) with revocation cookie {@code revoke}. */
    private void entry(long index, long mte, long revoke) {
        rig.write(b, rig.ra(b, TABLE) + 16 * index, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(mte).putLong(revoke).array());
    }

    private static long cookie(long code, long index, long offset) {
        return code << 60 | index << (13 + 3 * code) | offset;
    }

    private long mapin(long cookie) {
        rig.frame.setResult(1, -1);
        rig.frame.setResult(2, -1);
        return ca.ldcMapin(rig.frame, 0, cookie);
    }

    private long window() {
        return (rig.ra(a, MEMORY) + LDC_MAPIN_WINDOW_ALIGN - 1) & -LDC_MAPIN_WINDOW_ALIGN;
    }

    @Test
    void aMappedPageIsTheExportersPageWithTheRightsItsEntryGrants() {
        entry(0, rig.ra(b, PAGE) | MAP | LDC_MTE_EXEC, 0x77);
        entry(1, rig.ra(b, PAGE + 0x2000) | LDC_MTE_READ, 0x78);
        assertEquals(EOK, mapin(cookie(0, 0, 0)));
        long rw = rig.frame.result(1);
        assertEquals(window(), rw, "the first page goes to the start of the window");
        assertEquals(LDC_MEM_READ | LDC_MEM_WRITE, rig.frame.result(2), "never LDC_MEM_EXEC");
        assertEquals(EOK, mapin(cookie(0, 1, 0)));
        long ro = rig.frame.result(1);
        assertEquals(window() + 0x2000, ro);
        assertEquals(LDC_MEM_READ, rig.frame.result(2));

        RealMemoryMap map = a.realMemory();
        assertEquals(rig.pa(b, rig.ra(b, PAGE)) + 0x10, map.toPhysical(rw + 0x10, 8));
        assertEquals(rig.pa(b, rig.ra(b, PAGE + 0x2000)), map.toPhysical(ro, 8));
        assertTrue(map.isWritable(rw, 0x2000));
        assertFalse(map.isWritable(ro, 8), "read-only import");
        assertTrue(map.isMapped(ro, 0x2000));
        assertFalse(map.isMapped(ro, 0x2001), "not past the page");
        assertFalse(map.isValid(rw, 8), "no hypercall may name it");
        assertEquals(ENORADDR, ca.ldcCopy(rig.frame, 0, LDC_COPY_IN, cookie(0, 0, 0), rw, 8));
        assertTrue(b.realMemory().imports().isEmpty(), "the exporter's map is unchanged");
    }

    @Test
    void hostileArgumentsAreRefusedAndMapNothing() {
        entry(0, rig.ra(b, PAGE) | LDC_MTE_COPY_R | LDC_MTE_COPY_W, 0); // copy rights only
        entry(1, rig.ra(b, PAGE) | LDC_MTE_WRITE, 0); // write without read
        entry(2, rig.ra(b, PAGE + 0x2000) | MAP | 1, 0); // not aligned to its 64 KB
        entry(3, rig.ra(b, B_MEMORY) | MAP, 0); // just past b's memory
        entry(4, rig.ra(b, 0) | MAP | 4, 0); // 32 MB: larger than ldc_mapin maps
        entry(5, rig.ra(b, PAGE) | MAP, 0);
        RealMemoryMap before = a.realMemory();

        assertEquals(ECHANNEL, ca.ldcMapin(rig.frame, 3, cookie(0, 5, 0)), "no such channel");
        assertEquals(ENOACCESS, mapin(cookie(0, 0, 0)), "copy rights are not map rights");
        assertEquals(ENOACCESS, mapin(cookie(0, 1, 0)), "a page that may not be read is not mapped");
        assertEquals(ENOMAP, mapin(cookie(1, 2, 0)), "unaligned page");
        assertEquals(ENOMAP, mapin(cookie(0, 3, 0)), "page outside b's memory");
        assertEquals(EINVAL, mapin(cookie(4, 4, 0)), "page too large");
        assertEquals(ENOMAP, mapin(cookie(0, 6, 0)), "withdrawn entry");
        assertEquals(EINVAL, mapin(cookie(0, ENTRIES, 0)), "index past the table");
        assertEquals(EINVAL, mapin(Long.MIN_VALUE | cookie(0, 5, 0)), "bit 63");
        assertEquals(EINVAL, mapin(cookie(1, 5, 0)), "size code not the entry's");
        assertEquals(EINVAL, mapin(cookie(0, 5, 8)), "an offset in the page");
        assertEquals(-1, rig.frame.result(1), "no address for a refused mapin");
        assertEquals(before, a.realMemory(), "a's map is the same object: nothing changed");

        assertEquals(EINVAL, ca.ldcUnmap(rig.frame, window()), "unmap of an address never mapped");
        assertEquals(EINVAL, ca.ldcUnmap(rig.frame, rig.ra(a, 0)), "unmap of own memory");
        assertEquals(EINVAL, cb.ldcRevoke(rig.frame, 0, cookie(0, 5, 0), 0), "revoke of a cookie never mapped");
        assertEquals(ECHANNEL, cb.ldcRevoke(rig.frame, 4, cookie(0, 5, 0), 0), "no such channel");
        assertEquals(before, a.realMemory());
    }

    @Test
    void aChannelThatIsNotUpOrAnArchitectureWithoutSupportMapsNothing() {
        entry(0, rig.ra(b, PAGE) | MAP, 0);
        assertEquals(EOK, cb.ldcRxQconf(rig.frame, 0, 0, 0));
        assertEquals(ECHANNEL, mapin(cookie(0, 0, 0)), "the peer has no receive queue");

        Domain c = rig.domain("c", ByteOrder.LITTLE_ENDIAN, false);
        rig.machine.channels().connect(c, b, "other");
        DomainChannels cc = rig.ldc(c);
        assertEquals(ENOTSUPPORTED, cc.ldcMapin(rig.frame, 0, cookie(0, 0, 0)));
    }

    @Test
    void unmapRemovesTheMappingOnceAndFreesItsPlace() {
        entry(0, rig.ra(b, PAGE) | MAP, 0);
        assertEquals(EOK, mapin(cookie(0, 0, 0)));
        long ra = rig.frame.result(1);
        assertEquals(EOK, ca.ldcUnmap(rig.frame, ra));
        assertEquals(-1, a.realMemory().toPhysical(ra, 1), "gone from a's map");
        assertFalse(a.realMemory().isMapped(ra, 1));
        assertEquals(EINVAL, ca.ldcUnmap(rig.frame, ra), "double unmap");
        assertEquals(EINVAL, cb.ldcRevoke(rig.frame, 0, cookie(0, 0, 0), 0), "nothing left to revoke");
        assertEquals(EOK, mapin(cookie(0, 0, 0)));
        assertEquals(ra, rig.frame.result(1), "the place is free again");
        assertEquals(EINVAL, cb.ldcUnmap(rig.frame, ra), "only the importer unmaps its mapping");
    }

    @Test
    void revokeRemovesEveryMappingOfThatCookieAndRevocationCookie() {
        entry(0, rig.ra(b, PAGE) | MAP, 0x1111);
        entry(1, rig.ra(b, PAGE + 0x2000) | MAP, 0x2222);
        assertEquals(EOK, mapin(cookie(0, 0, 0)));
        long first = rig.frame.result(1);
        assertEquals(EOK, mapin(cookie(0, 0, 0)));
        long second = rig.frame.result(1);
        assertEquals(EOK, mapin(cookie(0, 1, 0)));
        long other = rig.frame.result(1);

        assertEquals(EINVAL, cb.ldcRevoke(rig.frame, 0, cookie(0, 0, 0), 0x2222), "wrong revocation cookie");
        assertEquals(EINVAL, ca.ldcRevoke(rig.frame, 0, cookie(0, 0, 0), 0x1111), "a exported nothing");
        assertEquals(EOK, cb.ldcRevoke(rig.frame, 0, cookie(0, 0, 0), 0x1111));
        assertEquals(-1, a.realMemory().toPhysical(first, 1));
        assertEquals(-1, a.realMemory().toPhysical(second, 1));
        assertTrue(a.realMemory().isMapped(other, 1), "another page stays");
        assertEquals(EINVAL, cb.ldcRevoke(rig.frame, 0, cookie(0, 0, 0), 0x1111), "already revoked");
        assertEquals(EINVAL, ca.ldcUnmap(rig.frame, first), "revoked mappings are not unmapped again");

        assertEquals(EOK, cb.ldcSetMapTable(rig.frame, 0, rig.ra(b, TABLE), ENTRIES));
        assertFalse(a.realMemory().isMapped(other, 1), "a new map table ends every mapping");
    }

    @Test
    void theWindowFillsUp() {
        entry(0, rig.ra(b, 0x400000) | MAP | 3, 0); // a 4 MB page
        entry(1, rig.ra(b, PAGE) | MAP, 0);
        for (long i = 0; i < LDC_MAPIN_WINDOW_SIZE / 0x400000; i++) {
            assertEquals(EOK, mapin(cookie(3, 0, 0)));
            assertEquals(window() + i * 0x400000, rig.frame.result(1));
        }
        assertEquals(ETOOMANY, mapin(cookie(3, 0, 0)));
        assertEquals(ETOOMANY, mapin(cookie(0, 1, 0)), "no 8 KB place either");
        assertEquals(EOK, ca.ldcUnmap(rig.frame, window() + 0x400000));
        assertEquals(EOK, mapin(cookie(0, 1, 0)));
        assertEquals(window() + 0x400000, rig.frame.result(1), "a small page takes the freed place");
        assertEquals(ETOOMANY, mapin(cookie(3, 0, 0)), "which a large one no longer fits");
    }

    @Test
    void theExporterLeavingTakesTheImportersMappingsAway() {
        entry(0, rig.ra(b, PAGE) | MAP, 0);
        assertEquals(EOK, mapin(cookie(0, 0, 0)));
        long ra = rig.frame.result(1);
        b.stop();
        rig.machine.removeDomain(b);
        assertEquals(-1, a.realMemory().toPhysical(ra, 1));
        assertEquals(EINVAL, ca.ldcUnmap(rig.frame, ra));
    }

    @Test
    void theImporterLeavingDropsItsMappings() {
        entry(0, rig.ra(b, PAGE) | MAP, 0x5);
        assertEquals(EOK, mapin(cookie(0, 0, 0)));
        a.stop();
        rig.machine.removeDomain(a);
        assertEquals(EINVAL, cb.ldcRevoke(rig.frame, 0, cookie(0, 0, 0), 0x5), "no mapping is left to revoke");
    }

    @Test
    void unmapReturnsOnlyOnceACpuInTheMiddleOfARunHasFinishedIt() throws Exception {
        entry(0, rig.ra(b, PAGE) | MAP, 0);
        assertEquals(EOK, mapin(cookie(0, 0, 0)));
        long ra = rig.frame.result(1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        QueueCore core = rig.core(a, 1);
        RealMemoryMap[] seenAtStart = new RealMemoryMap[2];
        int[] runs = {0};
        core.onRun = () -> {
            seenAtStart[Math.min(runs[0]++, 1)] = a.realMemory();
            if (runs[0] == 1) {
                running.countDown();
                await(release);
            }
        };
        Thread cpu = new Thread(() -> a.runSlice(a.vcpu(1), 1000));
        cpu.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        CountDownLatch unmapped = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            ca.ldcUnmap(rig.frame, ra);
            unmapped.countDown();
        });
        caller.start();
        assertFalse(unmapped.await(200, TimeUnit.MILLISECONDS), "cpu 1 still runs with the page mapped");
        release.countDown();
        assertTrue(unmapped.await(10, TimeUnit.SECONDS), "returns once that run is over");
        cpu.join();
        caller.join();
        assertTrue(seenAtStart[0].isMapped(ra, 1));
        a.vcpu(1).wake();
        a.runSlice(a.vcpu(1), 1000);
        assertFalse(seenAtStart[1].isMapped(ra, 1), "the next run starts with the new map");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
