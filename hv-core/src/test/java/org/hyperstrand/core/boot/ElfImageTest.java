package org.hyperstrand.core.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.junit.jupiter.api.Test;

class ElfImageTest {

    /** A minimal ELF64 executable: one PT_LOAD of {@code code} at {@code paddr}, bss to memsz. */
    static byte[] elf(ByteOrder order, int machine, long entry, long paddr, byte[] code, long memsz) {
        ByteBuffer b = ByteBuffer.allocate(64 + 56 + code.length).order(order);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, (byte) (order == ByteOrder.BIG_ENDIAN ? 2 : 1), 1});
        b.position(16);
        b.putShort((short) 2).putShort((short) machine).putInt(1).putLong(entry).putLong(64).putLong(0)
                .putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1)
                .putShort((short) 64).putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(5).putLong(120).putLong(paddr).putLong(paddr).putLong(code.length).putLong(memsz)
                .putLong(8);
        b.put(code);
        return b.array();
    }

    private final PhysicalMemory mem = new PhysicalMemory(1L << 30);
    private final RealMemoryMap map = new RealMemoryMap(List.of(new MemoryBlock(0, 0x1000000, 4L << 20)));

    @Test
    void loadsSegmentsAtTheirRealAddressAndZeroesBss() throws Exception {
        mem.write64BE(0x1000000 + 0x100010, -1L); // garbage where bss will go
        byte[] image = elf(ByteOrder.BIG_ENDIAN, 43, 0x100000, 0x100000, new byte[] {1, 2, 3, 4}, 0x20);
        ElfImage e = ElfImage.parse("hello.elf", image);
        assertEquals(43, e.machine());
        assertEquals(ByteOrder.BIG_ENDIAN, e.byteOrder());
        assertEquals(0x100000, e.entry());
        e.load(mem, map);
        assertEquals(0x01020304, mem.read32BE(0x1100000));
        assertEquals(0, mem.read64BE(0x1100010));
    }

    @Test
    void badImagesGetOneLineErrors() {
        assertEquals("x: not an ELF image", message(new byte[100]));
        byte[] elf32 = elf(ByteOrder.BIG_ENDIAN, 43, 0, 0, new byte[4], 4);
        elf32[4] = 1;
        assertEquals("x: not a 64-bit ELF image (ELF class 1)", message(elf32));
        byte[] cut = java.util.Arrays.copyOf(elf(ByteOrder.LITTLE_ENDIAN, 62, 0, 0, new byte[4], 4), 80);
        assertEquals("x: program headers are missing or cut off", message(cut));
    }

    @Test
    void aSegmentOutsideMemoryIsRefusedBeforeAnythingIsWritten() throws Exception {
        ElfImage e = ElfImage.parse("big.elf", elf(ByteOrder.BIG_ENDIAN, 43, 0x3ff000, 0x3ff000, new byte[8], 0x2000));
        ImageException ex = assertThrows(ImageException.class, () -> e.load(mem, map));
        assertEquals("big.elf: segment at 0x3ff000 (0x2000 bytes) lies outside the domain's memory (0x0-0x3fffff)",
                ex.getMessage());
        assertEquals(0, mem.allocatedBytes());
    }

    @Test
    void anEntryOutsideMemoryIsRefused() throws Exception {
        ElfImage e = ElfImage.parse("e.elf", elf(ByteOrder.BIG_ENDIAN, 43, 0x900000, 0x1000, new byte[8], 8));
        assertEquals("e.elf: entry point 0x900000 lies outside the domain's memory (0x0-0x3fffff)",
                assertThrows(ImageException.class, () -> e.load(mem, map)).getMessage());
    }

    private static String message(byte[] bytes) {
        return assertThrows(ImageException.class, () -> ElfImage.parse("x", bytes)).getMessage();
    }
}
