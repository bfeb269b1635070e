package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.cpu.X86Arch.MAXPHYADDR;
import static org.hyperstrand.x86.cpu.X86Arch.PAGE_OFFSET_MASK;
import static org.hyperstrand.x86.cpu.X86Arch.PAGE_SIZE;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_ADDR;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_NX;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_P;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_PS;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_RW;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_US;

import java.util.function.IntToLongFunction;
import org.hyperstrand.core.mem.ImportedPage;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;

/**
 * Nested page tables (N_CR3) that map a domain's guest-physical memory, block by block, onto
 * the host memory backing it. They use the host's 4-level long-mode format (reference/amd-v-svm.md
 * 5.1); every entry is P | R/W | U/S (nested accesses are user accesses) and executable, and
 * everything outside the blocks is not present, so a guest access there is an NPF #VMEXIT.
 * A stretch uses a 2 MiB page where its guest and host addresses are both 2 MiB-aligned and
 * the block covers the whole 2 MiB, 4 KiB pages otherwise.
 *
 * <p>Pages of other domains mapped in (ldc_mapin) get 4 KiB entries that are never executable
 * (NX) and writable only if the page was mapped writable, so a fetch from one, or a write to a
 * read-only one, is an NPF. They come and go in place ({@link #mapImport}, {@link #unmapImport}):
 * only their leaf entries change, and the tables above them, made once for their guest-physical
 * range, are used again by the next page mapped there.
 */
public final class NestedPageTables {

    /** Rights of every entry, table or leaf. */
    public static final long RIGHTS = PTE_P | PTE_RW | PTE_US;

    private static final long SIZE_2M = 1L << 21;
    /** Guest-physical addresses four levels can map. */
    private static final long GPA_LIMIT = 1L << 48;

    private final PhysicalMemory memory;
    private final IntToLongFunction allocator;
    private final long root;
    private int pages;

    private NestedPageTables(PhysicalMemory memory, IntToLongFunction allocator) {
        this.memory = memory;
        this.allocator = allocator;
        this.root = allocate();
    }

    /**
     * Builds the tables for {@code map} in host {@code memory}, taking zeroed 4 KiB pages from
     * {@code allocator} (count to host address of the first; in production
     * GuestContext.allocateHypervisorPages).
     *
     * @throws IllegalArgumentException for a block that is not 4 KiB-aligned, lies outside host
     *     memory, or beyond what the tables can address
     */
    public static NestedPageTables build(PhysicalMemory memory, RealMemoryMap map, IntToLongFunction allocator) {
        NestedPageTables t = new NestedPageTables(memory, allocator);
        for (MemoryBlock b : map.blocks()) {
            t.mapBlock(b);
        }
        for (ImportedPage p : map.imports()) {
            t.mapImport(p);
        }
        return t;
    }

    /** Adds the entries of imported page {@code p}; it overlaps no block (RealMemoryMap sees to that). */
    public void mapImport(ImportedPage p) {
        if (((p.ra() | p.pa() | p.size()) & PAGE_OFFSET_MASK) != 0 || !memory.contains(p.pa(), p.size())
                || p.pa() + p.size() > 1L << MAXPHYADDR || p.ra() + p.size() > GPA_LIMIT) {
            throw new IllegalArgumentException("imported page out of nested paging's reach: " + p);
        }
        long rights = PTE_P | PTE_US | PTE_NX | (p.writable() ? PTE_RW : 0);
        for (long off = 0; off < p.size(); off += PAGE_SIZE) {
            memory.write64LE(entry(p.ra() + off, 12), (p.pa() + off) | rights);
        }
    }

    /** Removes the entries of imported page {@code p}: its guest-physical range is not present again. */
    public void unmapImport(ImportedPage p) {
        for (long off = 0; off < p.size(); off += PAGE_SIZE) {
            memory.write64LE(entry(p.ra() + off, 12), 0);
        }
    }

    /** N_CR3: host physical address of the PML4. */
    public long root() {
        return root;
    }

    /** Pages of host memory the tables use. */
    public int pages() {
        return pages;
    }

    private void mapBlock(MemoryBlock b) {
        if (((b.ra() | b.pa() | b.size()) & PAGE_OFFSET_MASK) != 0) {
            throw new IllegalArgumentException("nested paging needs 4 KiB-aligned memory blocks: " + b);
        }
        if (!memory.contains(b.pa(), b.size()) || b.pa() + b.size() > 1L << MAXPHYADDR
                || b.ra() + b.size() > GPA_LIMIT) {
            throw new IllegalArgumentException("memory block out of nested paging's reach: " + b);
        }
        long end = b.ra() + b.size();
        long gpa = b.ra();
        while (gpa < end) {
            long hpa = b.pa() + (gpa - b.ra());
            if (((gpa | hpa) & (SIZE_2M - 1)) == 0 && end - gpa >= SIZE_2M) {
                memory.write64LE(entry(gpa, 21), hpa | RIGHTS | PTE_PS);
                gpa += SIZE_2M;
            } else {
                memory.write64LE(entry(gpa, 12), hpa | RIGHTS);
                gpa += PAGE_SIZE;
            }
        }
    }

    /** Host address of the entry for {@code gpa} in its level-{@code leafShift} table, made if missing. */
    private long entry(long gpa, int leafShift) {
        long table = root;
        for (int shift = 39; shift > leafShift; shift -= 9) {
            long slot = table + (((gpa >>> shift) & 511) << 3);
            long e = memory.read64LE(slot);
            if ((e & PTE_P) == 0) {
                e = allocate() | RIGHTS;
                memory.write64LE(slot, e);
            }
            table = e & PTE_ADDR;
        }
        return table + (((gpa >>> leafShift) & 511) << 3);
    }

    private long allocate() {
        long page = allocator.applyAsLong(1);
        pages++;
        return page;
    }
}
