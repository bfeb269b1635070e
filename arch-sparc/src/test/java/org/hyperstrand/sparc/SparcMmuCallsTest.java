package org.hyperstrand.sparc;

import static org.hyperstrand.core.hcall.api.HvErrors.EBADALIGN;
import static org.hyperstrand.core.hcall.api.HvErrors.EBADPGSZ;
import static org.hyperstrand.core.hcall.api.HvErrors.EBADTSB;
import static org.hyperstrand.core.hcall.api.HvErrors.EINVAL;
import static org.hyperstrand.core.hcall.api.HvErrors.ENOMAP;
import static org.hyperstrand.core.hcall.api.HvErrors.ENORADDR;
import static org.hyperstrand.core.hcall.api.HvErrors.ENOTSUPPORTED;
import static org.hyperstrand.core.hcall.api.HvErrors.EOK;
import static org.hyperstrand.core.hcall.api.HvErrors.ETOOMANY;
import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.CoreHandler;
import org.hyperstrand.core.hcall.api.HvCalls;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.sparc.mmu.PermanentMappings;
import org.hyperstrand.sparc.mmu.TsbDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every MMU hypercall and the real trap base calls: success, and each error the spec lists. */
class SparcMmuCallsTest {

    private static final long D = HvConstants.MMU_FLAG_DMMU;
    private static final long I = HvConstants.MMU_FLAG_IMMU;
    private static final long ALL = HvConstants.MMU_FLAG_ALL;
    /** Not a sign-extended 48-bit address. */
    private static final long HOLE = 0x0000_8000_0000_0000L;
    private static final long VA = 0x4000_0000L;
    private static final long PAST_MEMORY = TestGuest.SIZE;

    private final MmuRig rig = new MmuRig().program(MmuRig.STOP);
    private final CoreHandler calls = rig.calls;
    private final HcallFrame f = rig.frame();

    private static long tte(long ra, int size) {
        return MmuRig.tte(ra, size, 0);
    }

    // ---- real trap base ------------------------------------------------------------------------

    @Test
    void rtba() {
        assertEquals(EOK, calls.cpuGetRtba(f));
        assertEquals(MmuRig.RTBA, f.result(1));
        assertEquals(EOK, calls.cpuSetRtba(f, 0x5_0000));
        assertEquals(MmuRig.RTBA, f.result(1), "previous");
        assertEquals(0x5_0000, rig.s.rtba);
        assertEquals(MmuRig.TBA, rig.s.tba, "TBA unchanged");
        assertEquals(EOK, calls.cpuSetRtba(f, PAST_MEMORY - 0x100), "the last 256 bytes");
        assertEquals(EBADALIGN, calls.cpuSetRtba(f, 0x5_0080));
        assertEquals(ENORADDR, calls.cpuSetRtba(f, PAST_MEMORY));
        assertEquals(ENORADDR, calls.cpuSetRtba(f, -0x100L));
        assertEquals(PAST_MEMORY - 0x100, rig.s.rtba, "errors change nothing");
        assertEquals(EOK, calls.cpuGetRtba(f));
        assertEquals(PAST_MEMORY - 0x100, f.result(1));
    }

    // ---- TSBs -----------------------------------------------------------------------------

    private long tsbCall(boolean ctx0, long ntsb, long ra) {
        return ctx0 ? calls.mmuTsbCtx0(f, ntsb, ra) : calls.mmuTsbCtxnon0(f, ntsb, ra);
    }

    private long tsbInfo(boolean ctx0, long capacity, long buffer) {
        return ctx0 ? calls.mmuTsbCtx0Info(f, capacity, buffer) : calls.mmuTsbCtxnon0Info(f, capacity, buffer);
    }

    private int configured(boolean ctx0) {
        return rig.mmu.walker().tsbs(ctx0).length;
    }

    /** One descriptor with one field changed, registered; returns the status. */
    private long registerOne(boolean ctx0, TsbDescriptor d) {
        assertEquals(EOK, tsbCall(ctx0, 1, rig.descriptors(MmuRig.tsb(MmuRig.TSB0, 0))));
        assertEquals(1, configured(ctx0));
        long status = tsbCall(ctx0, 1, rig.descriptors(d));
        if (status != EOK) {
            assertEquals(0, configured(ctx0), "after an error no TSB is configured");
        }
        return status;
    }

    private static TsbDescriptor desc(int pgszIdx, int assoc, long numTtes, long ctxIdx, long mask, long base,
            long resv) {
        return new TsbDescriptor(pgszIdx, assoc, numTtes, ctxIdx, mask, base, resv);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tsbRegistrationAndInfo(boolean ctx0) {
        TsbDescriptor a = MmuRig.tsb(MmuRig.TSB0, 0);
        TsbDescriptor b = desc(3, 1, 512, TsbDescriptor.SHARED, 8 | 32, MmuRig.TSB1, 0);
        assertEquals(EOK, tsbCall(ctx0, 2, rig.descriptors(a, b)));
        assertEquals(2, configured(ctx0));
        assertEquals(0, configured(!ctx0), "the other class is untouched");
        rig.descriptors(desc(0, 0, 0, 0, 0, 0, 0), desc(0, 0, 0, 0, 0, 0, 0));
        assertEquals(a, rig.mmu.walker().tsbs(ctx0)[0], "the descriptors were copied");

        long buffer = 0x9_0000;
        assertEquals(EOK, tsbInfo(ctx0, 4, buffer));
        assertEquals(2, f.result(1));
        byte[] out = new byte[64];
        rig.guest.memory.read(TestGuest.PA_BASE + buffer, out, 0, 64);
        assertEquals(a, TsbDescriptor.parse(out, 0));
        assertEquals(b, TsbDescriptor.parse(out, 32));

        assertEquals(EINVAL, tsbInfo(ctx0, 1, buffer), "buffer too small");
        assertEquals(2, f.result(1), "ntsb is set on EINVAL too");
        assertEquals(EBADALIGN, tsbInfo(ctx0, 2, buffer + 4));
        assertEquals(ENORADDR, tsbInfo(ctx0, 2, PAST_MEMORY - 32));
        assertEquals(ENORADDR, tsbInfo(ctx0, 2, -64));

        assertEquals(EOK, tsbCall(ctx0, 0, 0xdead_beefL), "0 removes them; the array is not looked at");
        assertEquals(0, configured(ctx0));
        assertEquals(EOK, tsbInfo(ctx0, 0, 3), "none configured: EOK whatever the buffer");
        assertEquals(0, f.result(1));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tsbRegistrationErrors(boolean ctx0) {
        TsbDescriptor good = MmuRig.tsb(MmuRig.TSB0, 0);
        long ra = rig.descriptors(good);
        assertEquals(EINVAL, tsbCall(ctx0, 5, ra), "more than mmu-max-#tsbs");
        assertEquals(EINVAL, tsbCall(ctx0, -1L, ra));
        assertEquals(EOK, tsbCall(ctx0, 4, rig.descriptors(good, good, good, good)), "four are allowed");
        assertEquals(EBADALIGN, tsbCall(ctx0, 1, ra + 4));
        assertEquals(0, configured(ctx0), "the previous list is gone after an error");
        assertEquals(ENORADDR, tsbCall(ctx0, 1, PAST_MEMORY - 16));
        assertEquals(ENORADDR, tsbCall(ctx0, 1, -32));

        long base = MmuRig.TSB0;
        assertEquals(EBADPGSZ, registerOne(ctx0, desc(2, 1, 512, 0, 4, base, 0)), "512 KiB: not on this CPU");
        assertEquals(EBADPGSZ, registerOne(ctx0, desc(8, 1, 512, 0, 0x100, base, 0)));
        assertEquals(EBADPGSZ, registerOne(ctx0, desc(0xffff, 1, 512, 0, 1, base, 0)));
        assertEquals(EINVAL, registerOne(ctx0, desc(1, 1, 512, 0, 1, base, 0)), "pgsz_idx not in the mask");
        assertEquals(EINVAL, registerOne(ctx0, desc(1, 1, 512, 0, 3, base, 0)), "pgsz_idx not the lowest bit");
        assertEquals(EBADTSB, registerOne(ctx0, desc(0, 2, 512, 0, 1, base, 0)));
        assertEquals(EBADTSB, registerOne(ctx0, desc(0, 0, 512, 0, 1, base, 0)));
        assertEquals(EBADTSB, registerOne(ctx0, desc(0, 1, 1000, 0, 1, base, 0)), "not a power of two");
        assertEquals(EBADTSB, registerOne(ctx0, desc(0, 1, 256, 0, 1, base, 0)), "under 512");
        assertEquals(EBADTSB, registerOne(ctx0, desc(0, 1, 0, 0, 1, base, 0)));
        assertEquals(EBADTSB, registerOne(ctx0, desc(0, 1, 512L << 16, 0, 1, base, 0)), "over 512 << 15");
        assertEquals(EINVAL, registerOne(ctx0, desc(0, 1, 512, 2, 1, base, 0)), "ctx_idx");
        assertEquals(EINVAL, registerOne(ctx0, desc(0, 1, 512, 0xffff_fffeL, 1, base, 0)));
        assertEquals(EOK, registerOne(ctx0, desc(0, 1, 512, 1, 1, base, 0)), "the secondary context register");
        assertEquals(EOK, registerOne(ctx0, desc(0, 1, 512, TsbDescriptor.SHARED, 1, base, 0)), "shared");
        assertEquals(EINVAL, registerOne(ctx0, desc(0, 1, 512, 0, 1, base, 1)), "resv");
        assertEquals(ENORADDR, registerOne(ctx0, desc(0, 1, 512, 0, 1, PAST_MEMORY - 0x1000, 0)));
        assertEquals(ENORADDR, registerOne(ctx0, desc(0, 1, 1 << 17, 0, 1, 0, 0)), "2 MiB TSB in 1 MiB of memory");
        assertEquals(EOK, registerOne(ctx0, desc(0, 1, 1 << 16, 0, 1, 0, 0)), "1 MiB TSB: all of memory");
        assertEquals(EBADALIGN, registerOne(ctx0, desc(0, 1, 512, 0, 1, base + 0x1000, 0)),
                "aligned to its size (8 KiB)");
        assertEquals(EOK, registerOne(ctx0, desc(0, 1, 1024, 0, 1, 0x8_0000, 0)));
        assertEquals(EBADALIGN, registerOne(ctx0, desc(0, 1, 1024, 0, 1, 0x8_2000, 0)), "16 KiB TSB at 8 KiB");

        // the second descriptor is wrong: nothing is configured
        assertEquals(EBADTSB, tsbCall(ctx0, 2, rig.descriptors(good, desc(0, 3, 512, 0, 1, base, 0))));
        assertEquals(0, configured(ctx0));
    }

    // ---- demaps -----------------------------------------------------------------------------

    private void loadBoth() {
        rig.mmu.mapAddr(VA, 0, tte(MmuRig.DATA, 0), true, true);
        rig.mmu.mapAddr(VA, 5, tte(MmuRig.DATA, 0), true, true);
        rig.mmu.mapAddr(VA + 0x2000, 5, tte(MmuRig.DATA, 0), true, true);
    }

    private boolean inD(long va, int ctx) {
        return rig.mmu.dtlb().lookup(va, ctx) >= 0;
    }

    private boolean inI(long va, int ctx) {
        return rig.mmu.itlb().lookup(va, ctx) >= 0;
    }

    @Test
    void demapPage() {
        loadBoth();
        assertEquals(EOK, calls.mmuDemapPage(f, 0, 0, VA + 0x10, 5, D));
        assertFalse(inD(VA, 5));
        assertTrue(inI(VA, 5), "only the data TLB");
        assertTrue(inD(VA, 0), "only context 5");
        assertTrue(inD(VA + 0x2000, 5), "only that page");
        assertEquals(EOK, calls.mmuDemapPage(f, 0, 0, VA, 5, ALL));
        assertFalse(inI(VA, 5));

        assertEquals(ENOTSUPPORTED, calls.mmuDemapPage(f, 1, 0, VA, 5, D));
        assertEquals(ENOTSUPPORTED, calls.mmuDemapPage(f, 0, 1, VA, 5, D));
        assertEquals(EINVAL, calls.mmuDemapPage(f, 0, 0, HOLE, 5, D));
        assertEquals(EINVAL, calls.mmuDemapPage(f, 0, 0, VA, 8192, D));
        assertEquals(EINVAL, calls.mmuDemapPage(f, 0, 0, VA, -1, D));
        assertEquals(EINVAL, calls.mmuDemapPage(f, 0, 0, VA, 5, 0));
        assertEquals(EINVAL, calls.mmuDemapPage(f, 0, 0, VA, 5, 4));
        assertTrue(inD(VA + 0x2000, 5), "errors demap nothing");
    }

    @Test
    void demapContext() {
        loadBoth();
        assertEquals(EOK, calls.mmuDemapCtx(f, 0, 0, 5, I));
        assertFalse(inI(VA, 5));
        assertFalse(inI(VA + 0x2000, 5));
        assertTrue(inD(VA, 5));
        assertTrue(inI(VA, 0));
        assertEquals(ENOTSUPPORTED, calls.mmuDemapCtx(f, 0, 7, 5, I));
        assertEquals(EINVAL, calls.mmuDemapCtx(f, 0, 0, 8192, I));
        assertEquals(EINVAL, calls.mmuDemapCtx(f, 0, 0, 5, 0));
        assertEquals(EINVAL, calls.mmuDemapCtx(f, 0, 0, 5, -1));
    }

    @Test
    void demapAllKeepsPermanentMappings() {
        loadBoth();
        assertEquals(EOK, calls.mmuMapPermAddr(f, 0x6000_0000L, 0, tte(MmuRig.DATA, 0), ALL));
        rig.mmu.dtlb().insert(0x6000_0000L, 0, tte(MmuRig.DATA, 0), MmuRig.DATA, 13, true);
        assertEquals(EOK, calls.mmuDemapAll(f, 0, 0, D));
        assertFalse(inD(VA, 0));
        assertFalse(inD(VA, 5));
        assertTrue(inI(VA, 5));
        assertTrue(inD(0x6000_0000L, 0), "permanent");
        assertEquals(ENOTSUPPORTED, calls.mmuDemapAll(f, 3, 0, D));
        assertEquals(EINVAL, calls.mmuDemapAll(f, 0, 0, 0));
        assertEquals(EINVAL, calls.mmuDemapAll(f, 0, 0, 8));
    }

    // ---- mappings ---------------------------------------------------------------------------

    @Test
    void mapAddrLoadsTheSelectedTlbs() {
        assertEquals(EOK, calls.mmuMapAddr(f, VA + 0x123, 9, tte(MmuRig.DATA, 0), D));
        assertTrue(inD(VA, 9));
        assertFalse(inI(VA, 9));
        assertEquals(EOK, calls.mmuMapAddr(f, VA, 9, tte(0x1_0000, 1), I));
        assertTrue(inI(VA + 0xffff, 9), "a 64 KiB page");
        assertEquals(EOK, calls.mmuMapAddr(f, VA + 0x10_0000, 9, tte(MmuRig.DATA, 0) & ~HvConstants.TTE_V, D));
        assertFalse(inD(VA + 0x10_0000, 9), "TTE_V clear: nothing loaded");

        assertEquals(EINVAL, calls.mmuMapAddr(f, HOLE, 9, tte(MmuRig.DATA, 0), D));
        assertEquals(EINVAL, calls.mmuMapAddr(f, VA, 8192, tte(MmuRig.DATA, 0), D));
        assertEquals(EINVAL, calls.mmuMapAddr(f, VA, 9, tte(MmuRig.DATA, 0), 0));
        assertEquals(EINVAL, calls.mmuMapAddr(f, VA, 9, tte(MmuRig.DATA, 0), 7));
        assertEquals(EBADPGSZ, calls.mmuMapAddr(f, VA, 9, tte(MmuRig.DATA, 2), D));
        assertEquals(EBADPGSZ, calls.mmuMapAddr(f, VA, 9, tte(MmuRig.DATA, 0) | 0xf, D));
        assertEquals(ENORADDR, calls.mmuMapAddr(f, VA, 9, tte(PAST_MEMORY, 0), D));
        assertEquals(ENORADDR, calls.mmuMapAddr(f, VA, 9, tte(0, 5), D), "256 MiB page in 1 MiB");
        assertEquals(ENORADDR, calls.mmuMapAddr(f, VA, 9, tte(0xf_0000, 3), D), "page rounds down to RA 0..4M");
    }

    @Test
    void unmapAddr() {
        loadBoth();
        assertEquals(EOK, calls.mmuUnmapAddr(f, VA + 8, 5, ALL));
        assertFalse(inD(VA, 5));
        assertFalse(inI(VA, 5));
        assertTrue(inD(VA, 0));
        assertEquals(EINVAL, calls.mmuUnmapAddr(f, HOLE, 5, ALL));
        assertEquals(EINVAL, calls.mmuUnmapAddr(f, VA, 1L << 13, ALL));
        assertEquals(EINVAL, calls.mmuUnmapAddr(f, VA, 5, 0));
    }

    @Test
    void mapPermAddr() {
        long t = tte(MmuRig.DATA, 0);
        assertEquals(EOK, calls.mmuMapPermAddr(f, VA, 0, t, ALL));
        assertEquals(1, rig.mmu.permanentMappings().size());
        assertEquals(EOK, calls.mmuMapPermAddr(f, VA, 0, t, ALL), "again by the same CPU: no change");
        assertEquals(EINVAL, calls.mmuMapPermAddr(f, VA, 0, tte(MmuRig.DATA + 0x2000, 0), ALL),
                "already mapped to another page");
        assertEquals(EINVAL, calls.mmuMapPermAddr(f, HOLE, 0, t, ALL));
        assertEquals(EINVAL, calls.mmuMapPermAddr(f, VA, 1, t, ALL), "reserved");
        assertEquals(EINVAL, calls.mmuMapPermAddr(f, VA, 0, t, 0));
        assertEquals(EINVAL, calls.mmuMapPermAddr(f, VA, 0, t, 4));
        assertEquals(EINVAL, calls.mmuMapPermAddr(f, VA, 0, t & ~HvConstants.TTE_V, ALL), "TTE_V must be set");
        assertEquals(EBADPGSZ, calls.mmuMapPermAddr(f, VA, 0, tte(MmuRig.DATA, 4), ALL));
        assertEquals(EBADPGSZ, calls.mmuMapPermAddr(f, VA, 0, tte(MmuRig.DATA, 8), ALL));
        assertEquals(ENORADDR, calls.mmuMapPermAddr(f, VA, 0, tte(PAST_MEMORY + 0x2000, 0), ALL));
        assertEquals(ENORADDR, calls.mmuMapPermAddr(f, VA, 0, tte(0, 3), ALL), "a 4 MiB page in 1 MiB");
        for (int i = 1; i < PermanentMappings.MAX; i++) {
            assertEquals(EOK, calls.mmuMapPermAddr(f, VA + 0x2000L * i, 0, t, D));
        }
        assertEquals(ETOOMANY, calls.mmuMapPermAddr(f, VA + 0x10_0000, 0, t, D));
        assertEquals(EOK, calls.mmuMapPermAddr(f, VA, 0, t, D), "an existing one can still be joined");
    }

    @Test
    void unmapPermAddr() {
        long t = tte(MmuRig.DATA, 1);
        assertEquals(EOK, calls.mmuMapPermAddr(f, VA, 0, t, I));
        assertEquals(ENOMAP, calls.mmuUnmapPermAddr(f, VA, 0, D), "mapped for fetches only");
        assertEquals(ENOMAP, calls.mmuUnmapPermAddr(f, VA + 0x1_0000, 0, I), "outside the 64 KiB page");
        assertEquals(EINVAL, calls.mmuUnmapPermAddr(f, HOLE, 0, I));
        assertEquals(EINVAL, calls.mmuUnmapPermAddr(f, VA, 0, 0));
        assertEquals(EINVAL, calls.mmuUnmapPermAddr(f, VA, 0, 0x10));
        assertEquals(EINVAL, calls.mmuUnmapPermAddr(f, VA, 2, I), "reserved");
        assertEquals(EOK, calls.mmuUnmapPermAddr(f, VA + 0x8000, 0, ALL));
        assertEquals(0, rig.mmu.permanentMappings().size());
        assertEquals(ENOMAP, calls.mmuUnmapPermAddr(f, VA, 0, I));
    }

    // ---- fault area -----------------------------------------------------------------------------

    @Test
    void faultArea() {
        assertEquals(EOK, calls.mmuFaultAreaInfo(f));
        assertEquals(0, f.result(1));
        assertEquals(EOK, calls.mmuFaultAreaConf(f, MmuRig.FAULT_AREA));
        assertEquals(0, f.result(1), "no previous area");
        assertEquals(EOK, calls.mmuFaultAreaConf(f, PAST_MEMORY - 0x80));
        assertEquals(MmuRig.FAULT_AREA, f.result(1));
        assertEquals(EBADALIGN, calls.mmuFaultAreaConf(f, MmuRig.FAULT_AREA + 0x20));
        assertEquals(ENORADDR, calls.mmuFaultAreaConf(f, 0));
        assertEquals(ENORADDR, calls.mmuFaultAreaConf(f, PAST_MEMORY - 0x40), "the 0x80 bytes must fit");
        assertEquals(ENORADDR, calls.mmuFaultAreaConf(f, -0x80));
        assertEquals(EOK, calls.mmuFaultAreaInfo(f));
        assertEquals(PAST_MEMORY - 0x80, f.result(1), "errors keep the area");
    }

    // ---- mmu_enable -----------------------------------------------------------------------------

    @Test
    void mmuEnableErrors() {
        assertEquals(EINVAL, calls.mmuEnable(f, 0, MmuRig.CODE), "already off");
        assertEquals(EBADALIGN, calls.mmuEnable(f, 1, MmuRig.CODE + 2));
        assertFalse(rig.mmu.enabled());
        assertEquals(EOK, calls.mmuEnable(f, 5, MmuRig.CODE), "any nonzero value enables");
        assertTrue(rig.mmu.enabled());
        assertEquals(EINVAL, calls.mmuEnable(f, 1, MmuRig.CODE), "already on");
        assertEquals(ENORADDR, calls.mmuEnable(f, 0, PAST_MEMORY));
        assertEquals(EBADALIGN, calls.mmuEnable(f, 0, MmuRig.CODE + 1));
        assertTrue(rig.mmu.enabled());
    }

    @Test
    void mmuEnableContinuesAtTheTarget() {
        // enable to a VA that only the MMU makes point at the code, then disable to a real address
        long vaCode = 0x7000_0000L;
        int enable = 0x27;
        int[] program = SparcRig.code(
                movi(O0, 1), setx(O1, G1, vaCode + 0x100), movi(O5, enable), ta(0x80),
                movi(L0, 0xbad), MmuRig.STOP);
        rig.put(MmuRig.CODE, program);
        long target = MmuRig.CODE + 0x100;
        rig.put(target, SparcRig.code(
                rd(L1, PC),                                          // where we are
                movi(O0, 0), set32(O1, MmuRig.CODE + 0x200), movi(O5, enable), ta(0x80),
                movi(L0, 0xbad), MmuRig.STOP));
        rig.put(MmuRig.CODE + 0x200, SparcRig.code(rd(L2, PC), mov(L3, O0), MmuRig.STOP));
        rig.core.start(MmuRig.CODE, 0);
        assertEquals(EOK, rig.mmu.mapPermanent(vaCode, MmuRig.tte(MmuRig.CODE, 1, HvConstants.TTE_X), true, false));
        rig.runToStop();
        assertEquals(0, rig.s.r[L0], "neither call returned to its caller");
        assertEquals(vaCode + 0x100, rig.s.r[L1], "ran at the virtual target");
        assertEquals(MmuRig.CODE + 0x200, rig.s.r[L2], "then at the real one");
        assertEquals(EOK, rig.s.r[L3]);
        assertFalse(rig.mmu.enabled());
        assertEquals(MmuRig.CODE + 0x200 + 8, rig.s.pc, "at the stop");
    }

    @Test
    void mmuEnableFailureReturnsToTheCaller() {
        rig.put(MmuRig.CODE, SparcRig.code(movi(O0, 0), movi(O1, 0x100), movi(O5, 0x27), ta(0x80), mov(L0, O0),
                MmuRig.STOP));
        rig.core.start(MmuRig.CODE, 0);
        rig.runToStop();
        assertEquals(EINVAL, rig.s.r[L0]);
    }

    // ---- hostile arguments ------------------------------------------------------------------------

    @Test
    void randomArgumentsNeverThrow() {
        Random r = new Random(42);
        long[] interesting = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, MmuRig.DESCRIPTORS, PAST_MEMORY - 8,
            HOLE, 8191, 8192, 0xffff_ffffL};
        for (int n = 0; n < 20_000; n++) {
            long[] a = new long[5];
            for (int i = 0; i < 5; i++) {
                a[i] = r.nextInt(3) == 0 ? interesting[r.nextInt(interesting.length)]
                        : r.nextBoolean() ? r.nextLong() : r.nextInt(1 << 20);
            }
            // random descriptor bytes too
            byte[] junk = new byte[128];
            r.nextBytes(junk);
            rig.guest.memory.write(TestGuest.PA_BASE + MmuRig.DESCRIPTORS, junk, 0, junk.length);
            switch (r.nextInt(17)) {
                case 0 -> calls.mmuTsbCtx0(f, a[0] & 7, a[1]);
                case 1 -> calls.mmuTsbCtxnon0(f, a[0], a[1]);
                case 2 -> calls.mmuTsbCtx0Info(f, a[0], a[1]);
                case 3 -> calls.mmuTsbCtxnon0Info(f, a[0], a[1]);
                case 4 -> calls.mmuDemapPage(f, a[0] & 1, 0, a[2], a[3], a[4]);
                case 5 -> calls.mmuDemapCtx(f, 0, 0, a[2], a[3]);
                case 6 -> calls.mmuDemapAll(f, 0, 0, a[2]);
                case 7 -> calls.mmuMapPermAddr(f, a[0], a[1] & 1, a[2], a[3] & 7);
                case 8 -> calls.mmuUnmapPermAddr(f, a[0], 0, a[2] & 3);
                case 9 -> calls.mmuFaultAreaConf(f, a[0]);
                case 10 -> calls.mmuFaultAreaInfo(f);
                case 11 -> calls.mmuMapAddr(f, a[0], a[1] & 0x3fff, a[2], a[3] & 7);
                case 12 -> calls.mmuUnmapAddr(f, a[0], a[1], a[2]);
                case 13 -> calls.cpuSetRtba(f, a[0]);
                case 14 -> calls.cpuGetRtba(f);
                case 15 -> calls.mmuEnable(f, a[0], a[1]);
                default -> calls.mmuMapAddr(f, a[0] & 0x7fff_ffffL, a[1] & 7, a[2] | Long.MIN_VALUE, 3);
            }
        }
        assertTrue(rig.mmu.permanentMappings().size() <= PermanentMappings.MAX);
    }

    @Test
    void callsReachTheBackendThroughTheDispatcher() {
        rig.put(MmuRig.CODE, SparcRig.code(set32(O0, MmuRig.FAULT_AREA), movi(O5, (int) HvCalls.FAST_MMU_FAULT_AREA_CONF),
                ta(0x80), mov(L0, O0), movi(O5, (int) HvCalls.FAST_MMU_FAULT_AREA_INFO), ta(0x80), mov(L1, O1),
                MmuRig.STOP));
        rig.core.start(MmuRig.CODE, 0);
        rig.runToStop();
        assertEquals(EOK, rig.s.r[L0]);
        assertEquals(MmuRig.FAULT_AREA, rig.s.r[L1]);
        assertEquals(VcpuExit.KIND_CORE, rig.core.hypercallKind());
    }
}
