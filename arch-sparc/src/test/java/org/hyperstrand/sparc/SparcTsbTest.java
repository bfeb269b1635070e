package org.hyperstrand.sparc;

import static org.hyperstrand.core.hcall.api.HvConstants.TTE_X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.sparc.mmu.PermanentMappings;
import org.hyperstrand.sparc.mmu.TsbDescriptor;
import org.hyperstrand.sparc.mmu.TsbWalker;
import org.hyperstrand.sparc.mmu.Tte;
import org.junit.jupiter.api.Test;

/** The TSB rules of section 4.4: index and tag per page size, the search order, shared TSBs. */
class SparcTsbTest {

    private static final long VA = 0x0000_1234_5678_9abcL;

    @Test
    void indexUsesTheIndexPageSizeAndTheEntryCount() {
        // 8 KiB: VA bits 13.. ; 64 KiB: 16.. ; 4 MiB: 22.. ; 256 MiB: 28..
        assertEquals((VA >>> 13) & 511, TsbWalker.index(VA, 0, 512));
        assertEquals(0x1c4, TsbWalker.index(VA, 0, 512));
        assertEquals((VA >>> 16) & 511, TsbWalker.index(VA, 1, 512));
        assertEquals(0x78, TsbWalker.index(VA, 1, 512));
        assertEquals((VA >>> 22) & 1023, TsbWalker.index(VA, 3, 1024));
        assertEquals(0x159, TsbWalker.index(VA, 3, 1024));
        assertEquals((VA >>> 28) & 4095, TsbWalker.index(VA, 5, 4096));
        assertEquals(0x345, TsbWalker.index(VA, 5, 4096));
        assertEquals(VA >>> 13 & ((512 << 15) - 1), TsbWalker.index(VA, 0, 512 << 15), "the largest TSB");
    }

    @Test
    void entryAddressIsBasePlusSixteenTimesTheIndex() {
        TsbDescriptor d = new TsbDescriptor(0, 1, 512, 0, 1, 0x8_0000, 0);
        assertEquals(0x8_0000 + 16 * 0x1c4, TsbWalker.entryAddress(d, VA));
        TsbDescriptor big = new TsbDescriptor(3, 1, 2048, 0, 8 | 32, 0x10_0000, 0);
        assertEquals(0x10_0000 + 16 * ((VA >>> 22) & 2047), TsbWalker.entryAddress(big, VA));
    }

    @Test
    void tagIsContextAndTheVaAbove22() {
        assertEquals(VA >>> 22, TsbWalker.tag(VA, 0));
        assertEquals(0x48d159L, TsbWalker.tag(VA, 0));
        assertEquals((0x1fffL << 48) | (VA >>> 22), TsbWalker.tag(VA, 0x1fff));
        long high = 0xffff_8000_0000_0000L;
        assertEquals(0x3ff_fe00_0000L, TsbWalker.tag(high, 0), "VA[63:22] of an upper-half address");
    }

    @Test
    void pageSizes() {
        assertEquals(13, Tte.shift(0));
        assertEquals(16, Tte.shift(1));
        assertEquals(22, Tte.shift(3));
        assertEquals(28, Tte.shift(5));
        for (long code : new long[] {0, 1, 3, 5}) {
            assertEquals(true, Tte.supportedSize(code));
        }
        for (long code : new long[] {2, 4, 6, 7, 8, 15, -1, 1L << 40}) {
            assertEquals(false, Tte.supportedSize(code), "code " + code);
        }
        assertEquals(0x40_0000L, Tte.realPage(0x8000_0000_0047_e5c3L, 22), "low RA bits dropped for a 4 MiB page");
        assertEquals(true, Tte.validVa(0x7fff_ffff_ffffL));
        assertEquals(true, Tte.validVa(0xffff_8000_0000_0000L));
        assertEquals(false, Tte.validVa(0x8000_0000_0000L));
        assertEquals(false, Tte.validVa(0x7fff_8000_0000_0000L));
    }

    @Test
    void descriptorRoundTripsItsBytes() {
        TsbDescriptor d = new TsbDescriptor(3, 1, 4096, 0xffff_ffffL, 0x28, 0x123_0000L, 0);
        byte[] b = new byte[40];
        d.write(b, 8);
        assertEquals(d, TsbDescriptor.parse(b, 8));
        assertEquals(true, d.shared());
        assertEquals(4096 * 16, d.bytes());
        assertEquals(3, b[9], "pgsz_idx is a big-endian u16 at +0");
        TsbDescriptor hostile = TsbDescriptor.parse(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}, 0);
        assertEquals(0xffff, hostile.pgszIdx(), "unsigned fields stay positive");
        assertEquals(0xffff_ffffL, hostile.numTtes());
    }

    /** A walker over a TestGuest, with TSBs written at real addresses 0x8_0000 and 0x8_4000. */
    private static final class Walk {
        final TestGuest guest = new TestGuest();
        final PermanentMappings perm = new PermanentMappings();
        final TsbWalker walker = new TsbWalker(guest, perm, 0);

        void entry(TsbDescriptor d, long va, long tag, long tte) {
            long at = TestGuest.PA_BASE + TsbWalker.entryAddress(d, va);
            guest.memory.write64BE(at, tag);
            guest.memory.write64BE(at + 8, tte);
        }
    }

    @Test
    void searchFollowsTheRulesAndTheOrder() {
        Walk w = new Walk();
        TsbDescriptor t0 = new TsbDescriptor(0, 1, 512, 0, 1, 0x8_0000, 0);
        TsbDescriptor t1 = new TsbDescriptor(3, 1, 512, 0, 8, 0x8_4000, 0);
        w.walker.configure(true, new TsbDescriptor[] {t0, t1});
        w.walker.configure(false, new TsbDescriptor[] {t0});
        long tte0 = MmuRig.tte(0x4_0000, 0, 0);
        long tte1 = MmuRig.tte(0x40_0000, 3, TTE_X);
        assertEquals(0, w.walker.search(VA, 0, false), "empty TSBs");
        w.entry(t1, VA, VA >>> 22, tte1);
        assertEquals(tte1, w.walker.search(VA, 0, false), "TSB #1");
        assertEquals(TsbWalker.Source.TSB, w.walker.lastSource());
        w.entry(t0, VA, VA >>> 22, tte0);
        assertEquals(tte0, w.walker.search(VA, 0, false), "TSB #0 comes first");
        assertEquals(tte1, w.walker.search(VA, 0, true), "a fetch skips the entry without X");
        assertEquals(tte0, w.walker.search(VA, 5, false), "non-shared: tag context 0 matches any context");
        w.entry(t0, VA, TsbWalker.tag(VA, 5), tte0);
        assertEquals(0, w.walker.search(VA, 5, false), "non-shared: a context in the tag never matches");
        w.entry(t0, VA, VA >>> 22, tte0 & ~Tte.V);
        assertEquals(tte1, w.walker.search(VA, 0, false), "TTE.V clear");
        w.entry(t0, VA, (VA >>> 22) | (1L << 47), tte0);
        assertEquals(tte1, w.walker.search(VA, 0, false), "Linux's lock bit in the tag forces a mismatch");
        assertEquals(0, w.walker.search(VA + (1L << 22), 0, false), "other VA, same index");
    }

    @Test
    void sharedTsbsCompareTheContext() {
        Walk w = new Walk();
        TsbDescriptor shared = new TsbDescriptor(0, 1, 512, TsbDescriptor.SHARED, 1, 0x8_0000, 0);
        w.walker.configure(false, new TsbDescriptor[] {shared});
        long tte = MmuRig.tte(0x4_0000, 0, 0);
        w.entry(shared, VA, TsbWalker.tag(VA, 9), tte);
        assertEquals(tte, w.walker.search(VA, 9, false));
        assertEquals(0, w.walker.search(VA, 10, false));
        assertEquals(0, w.walker.search(VA, 0, false), "context 0 uses the ctx0 TSBs");
    }

    @Test
    void permanentMappingsComeLastAndOnlyForContextZero() {
        Walk w = new Walk();
        long tte = MmuRig.tte(0x40_0000, 3, TTE_X);
        assertEquals(HvErrors.EOK, w.perm.map(0, VA + 0x1000, tte, true, false));
        assertEquals(tte, w.walker.search(VA, 0, true), "covers the whole 4 MiB page");
        assertEquals(TsbWalker.Source.PERMANENT, w.walker.lastSource());
        assertEquals(22, w.walker.lastShift());
        assertEquals(0, w.walker.search(VA, 0, false), "installed for fetches only");
        assertEquals(0, w.walker.search(VA, 1, true), "context 0 only");
        assertEquals(0, new TsbWalker(w.guest, w.perm, 1).search(VA, 0, true), "CPU 1 did not install it");
    }

    @Test
    void permanentMappingTable() {
        PermanentMappings p = new PermanentMappings();
        long tte = MmuRig.tte(0x4_0000, 0, 0);
        for (int i = 0; i < PermanentMappings.MAX; i++) {
            assertEquals(HvErrors.EOK, p.map(0, 0x10_0000L * i, tte, true, true));
        }
        assertEquals(HvErrors.ETOOMANY, p.map(0, 0x1000_0000L, tte, true, true));
        assertEquals(HvErrors.EOK, p.map(1, 0, tte, false, true), "another CPU joins an existing mapping");
        assertEquals(HvErrors.EOK, p.map(0, 0, tte, true, true), "again: nothing changes");
        assertEquals(HvErrors.EINVAL, p.map(1, 0, tte | TTE_X, true, true), "same VA, other TTE");
        assertEquals(HvErrors.ENOMAP, p.unmap(1, 0, true, false), "CPU 1 has only the data side");
        assertEquals(HvErrors.EOK, p.unmap(0, 0, true, true));
        assertEquals(PermanentMappings.MAX, p.size(), "CPU 1 still uses it");
        assertEquals(HvErrors.EOK, p.unmap(1, 0x100, false, true), "any address in the page");
        assertEquals(PermanentMappings.MAX - 1, p.size());
        assertEquals(HvErrors.ENOMAP, p.unmap(1, 0, false, true));
        p.forget(0);
        assertEquals(0, p.size());
        assertNotEquals(null, p);
    }
}
