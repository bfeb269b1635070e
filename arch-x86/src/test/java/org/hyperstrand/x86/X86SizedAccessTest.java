package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.x86.mmu.X86Memory;
import org.junit.jupiter.api.Test;

/**
 * The fixed-size accessors of X86Memory (read8, read32, write8, write32) against the general
 * read and write: the same values at every offset up to and across a page boundary.
 */
class X86SizedAccessTest {

    private static final long PAGE_END = X86Rig.DATA + 0x1000;

    @Test
    void readsMatchTheGeneralReadUpToAndAcrossAPageBoundary() {
        X86Rig rig = new X86Rig().program(X86Rig.HLT);
        for (int i = 0; i < 16; i++) {
            rig.write8(PAGE_END - 8 + i, 0x81 + 7 * i);
        }
        X86Memory mem = rig.s.mem;
        for (long la = PAGE_END - 8; la < PAGE_END + 4; la++) {
            assertEquals(mem.read(la, 2), mem.read32(la), "read32 at " + Long.toHexString(la));
            assertEquals(mem.read(la, 0), mem.read8(la), "read8 at " + Long.toHexString(la));
        }
        assertEquals(0xa4L | 0xabL << 8 | 0xb2L << 16 | 0xb9L << 24, mem.read32(PAGE_END - 3), "little-endian, crossing");
    }

    @Test
    void writesStoreTheSameBytesAsTheGeneralWrite() {
        X86Rig rig = new X86Rig().program(X86Rig.HLT);
        X86Memory mem = rig.s.mem;
        for (long la = PAGE_END - 6; la < PAGE_END + 2; la++) {
            mem.write32(la, 0x1_1223_3445L);                    // bits above 32 are not stored
            assertEquals(0x1223_3445L, mem.read(la, 2));
            mem.write(la, 2, 0);
            mem.write8(la, 0x1ff);
            assertEquals(0xffL, mem.read(la, 0));
            assertEquals(0, mem.read(la + 1, 0), "one byte only");
        }
        mem.write32(PAGE_END - 2, 0x4433_2211L);
        assertEquals(0x11, rig.read8(PAGE_END - 2));
        assertEquals(0x22, rig.read8(PAGE_END - 1));
        assertEquals(0x33, rig.read8(PAGE_END));
        assertEquals(0x44, rig.read8(PAGE_END + 1));
    }
}
