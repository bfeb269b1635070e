package org.hyperstrand.core.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RealMemoryMapTest {

    private final RealMemoryMap map = new RealMemoryMap(List.of(
            new MemoryBlock(0x100000, 0x4000000, 0x100000),
            new MemoryBlock(0, 0x8000000, 0x100000)));

    @Test
    void translatesInsideABlock() {
        assertEquals(0x8000010L, map.toPhysical(0x10, 8));
        assertEquals(0x40fff00L, map.toPhysical(0x1fff00, 0x100));
    }

    @Test
    void refusesAnythingOutside() {
        assertEquals(-1, map.toPhysical(0x200000, 1));
        assertEquals(-1, map.toPhysical(-8, 8));
        assertEquals(-1, map.toPhysical(0x1fffff, 2));
        assertEquals(-1, map.toPhysical(0, -1));
    }

    @Test
    void aSingleTranslationNeverSpansBlocks() {
        assertEquals(-1, map.toPhysical(0xffff0, 0x20));
        assertTrue(map.isValid(0xffff0, 0x20));
        assertFalse(map.isValid(0x1ffff0, 0x20));
        assertFalse(map.isValid(Long.MAX_VALUE, 2));
    }

    @Test
    void overlappingBlocksAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RealMemoryMap(List.of(
                new MemoryBlock(0, 0, 0x2000), new MemoryBlock(0x1000, 0x10000, 0x2000))));
    }

    @Test
    void sizeAddsUpBlocks() {
        assertEquals(0x200000, map.size());
    }
}
