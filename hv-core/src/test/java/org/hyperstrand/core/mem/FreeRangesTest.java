package org.hyperstrand.core.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FreeRangesTest {

    @Test
    void touchingRangesMergeAndSplitAgain() {
        FreeRanges f = new FreeRanges();
        f.add(0x3000, 0x1000);
        f.add(0x1000, 0x1000);
        f.add(0x2000, 0x1000); // fills the gap: one range
        assertEquals(Map.of(0x1000L, 0x3000L), f.view());
        assertEquals(0x1000, f.firstFit(0x3000));
        assertEquals(-1, f.firstFit(0x4000));
        f.remove(0x2000, 0x1000);
        assertEquals(Map.of(0x1000L, 0x1000L, 0x3000L, 0x1000L), f.view());
        assertEquals(0x2000, f.total());
        assertTrue(f.covers(0x3000, 0x1000));
        assertFalse(f.covers(0x1000, 0x2000), "the middle is taken");
        assertTrue(f.overlaps(0x1800, 0x1000));
        assertFalse(f.overlaps(0x2000, 0x1000));
    }
}
