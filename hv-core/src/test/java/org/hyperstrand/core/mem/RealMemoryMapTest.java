package org.hyperstrand.core.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    @Test
    void importedPagesTranslateForCpusButAreNoHypercallArgument() {
        RealMemoryMap with = map.withImport(new ImportedPage(0x400000, 0xc000000, 0x2000, false))
                .withImport(new ImportedPage(0x402000, 0xc100000, 0x2000, true));
        assertEquals(List.of(), map.imports(), "the old map is unchanged");
        assertEquals(0xc000010L, with.toPhysical(0x400010, 8));
        assertEquals(-1, with.toPhysical(0x401ff8, 16), "not past the page");
        assertTrue(with.isMapped(0x400000, 0x2000));
        assertFalse(with.isMapped(0x400000, 0x4000), "one page at a time");
        assertFalse(with.isValid(0x400000, 8));
        assertFalse(with.isWritable(0x400000, 8));
        assertTrue(with.isWritable(0x402000, 8));
        assertTrue(with.isWritable(0x10, 8), "own memory");
        assertTrue(with.isImported(0x403fff));
        assertFalse(with.isImported(0x10));
        assertEquals(0x200000, with.memoryEnd());

        RealMemoryMap without = with.withoutImport(0x400000);
        assertEquals(-1, without.toPhysical(0x400010, 8));
        assertTrue(without.isMapped(0x402000, 8));
        assertSame(without, without.withoutImport(0x400000), "nothing to remove");
    }

    @Test
    void importedPagesOverlapNothing() {
        assertThrows(IllegalArgumentException.class, () -> map.withImport(new ImportedPage(0x1fe000, 0xc000000, 0x2000,
                true)), "own memory");
        RealMemoryMap with = map.withImport(new ImportedPage(0x400000, 0xc000000, 0x10000, true));
        assertThrows(IllegalArgumentException.class, () -> with.withImport(new ImportedPage(0x404000, 0xc000000,
                0x2000, true)), "another imported page");
        assertThrows(IllegalArgumentException.class, () -> new ImportedPage(0x401000, 0xc000000, 0x2000, true),
                "unaligned");
        assertThrows(IllegalArgumentException.class, () -> new ImportedPage(0x400000, 0xc001000, 0x2000, true),
                "host address not 8 KiB-aligned");
        assertEquals(0xc002000L, new ImportedPage(0x400000, 0xc002000, 0x400000, true).pa(),
                "a large page's host address need only be 8 KiB-aligned");
    }
}
