package org.hyperstrand.core.mem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhysicalMemoryTest {

    private final PhysicalMemory mem = new PhysicalMemory(16L << 30);

    @Test
    void untouchedMemoryReadsZeroAndCostsNothing() {
        assertEquals(0, mem.read64BE(12L << 30));
        assertEquals(0, mem.allocatedBytes());
        assertFalse(mem.isTouched(12L << 30));
    }

    @Test
    void aWriteBacksOneChunk() {
        mem.write8(5L << 30, 0xab);
        assertEquals(PhysicalMemory.CHUNK_SIZE, mem.allocatedBytes());
        assertEquals(0xab, mem.read8(5L << 30));
    }

    @Test
    void bothByteOrdersSeeTheSameBytes() {
        mem.write64BE(0x1000, 0x0102030405060708L);
        assertEquals(0x0807060504030201L, mem.read64LE(0x1000));
        assertEquals(0x01020304, mem.read32BE(0x1000));
        assertEquals(0x0102, mem.read16BE(0x1000));
        assertEquals(0x0201, mem.read16LE(0x1000));
        mem.write32LE(0x2000, 0xdeadbeef);
        assertEquals(0xefbeadde, mem.read32BE(0x2000));
        mem.write16BE(0x3000, 0xfffe);
        assertEquals(0xfffe, mem.read16BE(0x3000));
    }

    @Test
    void unalignedAccessesMayCrossChunks() {
        long edge = PhysicalMemory.CHUNK_SIZE - 3;
        mem.writeUnalignedLE(edge, 8, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, mem.readUnalignedLE(edge, 8));
        assertEquals(0x88, mem.read8(edge));
        assertEquals(0x11, mem.read8(edge + 7));
    }

    @Test
    void bulkCopiesCrossChunks() {
        byte[] data = new byte[3 * PhysicalMemory.CHUNK_SIZE / 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        mem.write(PhysicalMemory.CHUNK_SIZE - 100, data, 0, data.length);
        byte[] back = new byte[data.length];
        mem.read(PhysicalMemory.CHUNK_SIZE - 100, back, 0, back.length);
        assertArrayEquals(data, back);
    }

    @Test
    void containsChecksTheWholeRange() {
        assertTrue(mem.contains(0, mem.size()));
        assertFalse(mem.contains(mem.size() - 4, 8));
        assertFalse(mem.contains(-1, 1));
        assertFalse(mem.contains(8, Long.MAX_VALUE));
    }

    @Test
    void aSizeThatIsNotWholeChunksIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PhysicalMemory(12345));
    }
}
