package org.hyperstrand.sparc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.sparc.mmu.Tlb;
import org.junit.jupiter.api.Test;

/** The architectural TLB: lookups per page size and context, auto-demap, locking, replacement. */
class SparcTlbTest {

    private final List<String> removed = new ArrayList<>();
    private final Tlb tlb = new Tlb(8, (va, shift, ctx) -> removed.add(Long.toHexString(va) + "/" + shift + "@" + ctx));

    @Test
    void lookupMatchesPageAndContext() {
        int e = tlb.insert(0x4000_1234L, 3, 0x8000_0000_0004_0000L, 0x4_0000, 13, false);
        assertEquals(0x4000_0000L, tlb.va(e), "aligned to the page");
        assertEquals(e, tlb.lookup(0x4000_1fffL, 3));
        assertEquals(-1, tlb.lookup(0x4000_2000L, 3));
        assertEquals(-1, tlb.lookup(0x4000_0000L, 4), "other context");
        int big = tlb.insert(0x1040_0000L, 3, 0, 0x40_0000, 22, false);
        assertEquals(big, tlb.lookup(0x107f_fff8L, 3), "4 MiB page");
        assertEquals(e, tlb.lookup(0x4000_0008L, 3), "both sizes are probed");
        assertEquals(2, tlb.size());
    }

    @Test
    void loadingRemovesOverlappingEntriesOfTheContext() {
        tlb.insert(0x40_0000L, 1, 0, 0, 13, false);
        tlb.insert(0x40_2000L, 1, 0, 0, 13, false);
        tlb.insert(0x40_2000L, 2, 0, 0, 13, false);
        tlb.insert(0x40_0000L, 1, 0, 0, 16, false);  // 64 KiB over both 8 KiB pages of context 1
        assertEquals(List.of("400000/13@1", "402000/13@1"), removed);
        assertTrue(tlb.lookup(0x40_2000L, 2) >= 0, "context 2 untouched");
        tlb.insert(0x40_4000L, 1, 0, 0, 13, false);  // 8 KiB inside the 64 KiB page replaces it
        assertEquals("400000/16@1", removed.get(2));
        assertEquals(2, tlb.size());
    }

    @Test
    void roundRobinSkipsLockedEntries() {
        tlb.insert(0, 0, 0, 0, 22, true);
        for (int i = 1; i <= 7; i++) {
            tlb.insert(0x100_0000L * i, 0, 0, 0, 13, false);
        }
        assertEquals(8, tlb.size());
        tlb.insert(0x900_0000L, 0, 0, 0, 13, false);
        assertEquals(List.of("1000000/13@0"), removed, "the oldest unlocked entry goes");
        tlb.insert(0xa00_0000L, 0, 0, 0, 13, false);
        assertEquals("2000000/13@0", removed.get(1));
        assertTrue(tlb.lookup(0x123, 0) >= 0, "the locked entry stays");
    }

    @Test
    void demapsSpareLockedEntries() {
        tlb.insert(0, 0, 0, 0, 22, true);
        tlb.insert(0x2000, 0, 0, 0, 13, false);  // overlaps the locked page: kept beside it
        tlb.insert(0x100_0000L, 5, 0, 0, 13, false);
        tlb.demapPage(0x2000, 0);
        assertEquals(List.of("2000/13@0"), removed);
        assertTrue(tlb.lookup(0x2000, 0) >= 0, "the locked 4 MiB page still translates it");
        tlb.demapAll();
        assertEquals(1, tlb.size());
        tlb.removeLocked(0x3f_fff8L);
        assertEquals(0, tlb.size());
        tlb.insert(0x100_0000L, 5, 0, 0, 13, false);
        tlb.insert(0x100_2000L, 6, 0, 0, 13, false);
        tlb.demapContext(5);
        assertEquals(-1, tlb.lookup(0x100_0000L, 5));
        assertTrue(tlb.lookup(0x100_2000L, 6) >= 0);
        tlb.flush();
        assertEquals(0, tlb.size());
    }
}
