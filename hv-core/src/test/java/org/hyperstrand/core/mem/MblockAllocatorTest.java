package org.hyperstrand.core.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MblockAllocatorTest {

    private static final long M4 = 4L << 20;
    private final MblockAllocator mem = new MblockAllocator(64L << 20, M4);

    @Test
    void blocksComeFromTheLowestFreeAddressAtConsecutiveRealAddresses() {
        assertEquals(List.of(new MemoryBlock(0, 0, 8L << 20)), mem.allocate(0, 8L << 20));
        assertEquals(List.of(new MemoryBlock(0, 8L << 20, M4)), mem.allocate(0, M4));
        assertEquals(52L << 20, mem.freeBytes());
    }

    @Test
    void releasedMemoryIsReusedAndMergesWithItsNeighbours() {
        List<MemoryBlock> a = mem.allocate(0, 16L << 20);
        List<MemoryBlock> b = mem.allocate(0, 16L << 20);
        mem.allocate(0, 32L << 20);
        assertEquals(0, mem.freeBytes());
        mem.release(a);
        mem.release(b);
        assertEquals(List.of(new MemoryBlock(0, 0, 32L << 20)), mem.freeRanges(), "one range again");
        assertEquals(List.of(new MemoryBlock(0, 0, 32L << 20)), mem.allocate(0, 32L << 20));
    }

    @Test
    void aFragmentedRequestIsPiecedTogetherFromTheLowestHoles() {
        List<MemoryBlock> a = mem.allocate(0, 8L << 20);
        mem.allocate(0, 8L << 20);
        List<MemoryBlock> c = mem.allocate(0, 8L << 20);
        mem.allocate(0, 40L << 20);
        mem.release(a);
        mem.release(c);
        // two 8M holes at 0 and 16M; 12M fits in neither alone
        assertEquals(List.of(new MemoryBlock(0, 0, 8L << 20), new MemoryBlock(8L << 20, 16L << 20, M4)),
                mem.allocate(0, 12L << 20));
        assertEquals(List.of(new MemoryBlock(20L << 20, 20L << 20, M4)), mem.freeRanges());
    }

    @Test
    void aRequestThatFitsOneHoleIsNotSplit() {
        List<MemoryBlock> a = mem.allocate(0, M4);
        mem.allocate(0, M4);
        mem.release(a);
        assertEquals(List.of(new MemoryBlock(0, 8L << 20, 8L << 20)), mem.allocate(0, 8L << 20),
                "the 4M hole at 0 is too small; the range above is used whole");
    }

    @Test
    void exhaustionSaysHowMuchIsFreeAndTakesNothing() {
        mem.allocate(0, 60L << 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mem.allocate(0, 8L << 20));
        assertEquals("not enough free memory: asked for 8388608 bytes, 4194304 are free", e.getMessage());
        assertEquals(M4, mem.freeBytes());
    }

    @Test
    void sizesMustBeWholeUnits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mem.allocate(0, 1L << 20));
        assertEquals("memory must be a positive multiple of 4M, not 1048576 bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> mem.allocate(0, 0));
    }

    @Test
    void freeingTwiceIsRefused() {
        List<MemoryBlock> a = mem.allocate(0, M4);
        mem.release(a);
        assertThrows(IllegalStateException.class, () -> mem.release(a));
        assertEquals(64L << 20, mem.freeBytes());
    }

    @Test
    void theTopIsWithdrawnOnlyWhileFree() {
        assertEquals(60L << 20, mem.withdrawTop(M4));
        assertEquals(60L << 20, mem.freeBytes());
        mem.allocate(0, 60L << 20);
        assertEquals(-1, mem.withdrawTop(M4));
    }
}
