package org.hyperstrand.x86.cpu;

import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.x86.mmu.X86Memory;

/**
 * The reserved area of the x86-64 boot protocol: the top 16 KiB of the domain's memory block
 * (see {@link X86Core}), holding the boot GDT, a PML4 and a PDPT that identity-maps the
 * domain's memory with 1 GiB pages. Every start writes the same bytes again, so a secondary
 * CPU started later finds the tables unchanged (a guest that edits the boot tables in place
 * should copy them first); the fourth page is left alone.
 */
public final class BootLayout {

    private BootLayout() {
    }

    public static final long RESERVED_SIZE = 16 * 1024;
    /** Offsets in the reserved area. */
    public static final long GDT_OFFSET = 0;
    public static final long PML4_OFFSET = 0x1000;
    public static final long PDPT_OFFSET = 0x2000;
    public static final long SPARE_OFFSET = 0x3000;

    public static final int GDT_LIMIT = 0x27;
    public static final int SEL_KERNEL_CODE = 0x08;
    public static final int SEL_KERNEL_DATA = 0x10;
    public static final int SEL_USER_CODE = 0x18;
    public static final int SEL_USER_DATA = 0x20;

    /** 64-bit code, DPL 0 (P, S, execute/read, L, G, limit 0xFFFFF). */
    public static final long KERNEL_CODE = 0x00af_9a00_0000_ffffL;
    /** Writable data, DPL 0. */
    public static final long KERNEL_DATA = 0x00cf_9200_0000_ffffL;
    /** 64-bit code, DPL 3. */
    public static final long USER_CODE = 0x00af_fa00_0000_ffffL;
    /** Writable data, DPL 3. */
    public static final long USER_DATA = 0x00cf_f200_0000_ffffL;

    /** Guest-physical address of the reserved area of a domain whose memory block is {@code block}. */
    public static long reservedBase(MemoryBlock block) {
        return block.ra() + (block.size() & ~0xfffL) - RESERVED_SIZE;
    }

    /** True if {@code block} can hold the boot protocol: at guest-physical 0, larger than the reserved area. */
    public static boolean fits(MemoryBlock block) {
        return block.ra() == 0 && (block.size() & ~0xfffL) > RESERVED_SIZE;
    }

    /** Writes the GDT, PML4 and PDPT for {@code block} into guest memory. */
    public static void write(X86Memory mem, MemoryBlock block) {
        long base = reservedBase(block);
        long[] gdt = {0, KERNEL_CODE, KERNEL_DATA, USER_CODE, USER_DATA};
        for (int i = 0; i < gdt.length; i++) {
            put(mem, base + GDT_OFFSET + 8L * i, gdt[i]);
        }
        long pdpt = base + PDPT_OFFSET;
        put(mem, base + PML4_OFFSET, pdpt | X86Arch.PTE_P | X86Arch.PTE_RW);
        for (int i = 1; i < 512; i++) {
            put(mem, base + PML4_OFFSET + 8L * i, 0);
        }
        long gib = 1L << 30;
        long covered = (block.size() + gib - 1) / gib;
        for (int i = 0; i < 512; i++) {
            long entry = i < covered ? ((long) i << 30) | X86Arch.PTE_P | X86Arch.PTE_RW | X86Arch.PTE_PS : 0;
            put(mem, pdpt + 8L * i, entry);
        }
        long hpa = mem.gpaToHpa(base, (int) SPARE_OFFSET);
        for (long page = hpa >>> X86Arch.PAGE_SHIFT; page < (hpa + SPARE_OFFSET) >>> X86Arch.PAGE_SHIFT; page++) {
            mem.invalidateCodePage(page);
        }
    }

    private static void put(X86Memory mem, long gpa, long value) {
        mem.physical().write64LE(mem.gpaToHpa(gpa, 8), value);
    }
}
