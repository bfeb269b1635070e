package org.hyperstrand.core.mem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A domain's real address space: the mblocks it was given, translating real addresses (what
 * the guest calls physical) to host physical addresses. Every address a guest hands to the
 * hypervisor goes through {@link #toPhysical} so no guest can reach another domain's memory.
 *
 * <p>Besides its own memory a domain may see pages of other domains it mapped in
 * ({@link ImportedPage}, ldc_mapin). Those are for its CPUs' loads and stores only: the
 * translations CPU models use ({@link #toPhysical}, {@link #isMapped}) include them, with
 * {@link #isWritable} saying where stores may go; {@link #isValid}, which checks the addresses
 * hypercalls are given, does not. A map never changes: adding or removing an imported page makes
 * a new one, and a CPU model that finds its domain's map replaced drops every translation it
 * derived from the old one.
 */
public final class RealMemoryMap {

    private final MemoryBlock[] blocks;
    private final ImportedPage[] imports;

    public RealMemoryMap(List<MemoryBlock> blocks) {
        List<MemoryBlock> sorted = new ArrayList<>(blocks);
        sorted.sort(Comparator.comparingLong(MemoryBlock::ra));
        for (int i = 1; i < sorted.size(); i++) {
            MemoryBlock prev = sorted.get(i - 1);
            if (sorted.get(i).ra() < prev.ra() + prev.size()) {
                throw new IllegalArgumentException("memory blocks overlap at ra 0x" + Long.toHexString(sorted.get(i).ra()));
            }
        }
        this.blocks = sorted.toArray(new MemoryBlock[0]);
        this.imports = new ImportedPage[0];
    }

    private RealMemoryMap(MemoryBlock[] blocks, ImportedPage[] imports) {
        this.blocks = blocks;
        this.imports = imports;
    }

    /** This map with {@code page} added; it must not overlap the domain's memory or another imported page. */
    public RealMemoryMap withImport(ImportedPage page) {
        if (overlaps(page.ra(), page.size())) {
            throw new IllegalArgumentException("imported page at ra 0x" + Long.toHexString(page.ra()) + " overlaps");
        }
        ImportedPage[] more = java.util.Arrays.copyOf(imports, imports.length + 1);
        more[imports.length] = page;
        return new RealMemoryMap(blocks, more);
    }

    /** This map without the imported page at {@code ra}, or this map if there is none. */
    public RealMemoryMap withoutImport(long ra) {
        ImportedPage[] fewer = java.util.Arrays.stream(imports).filter(p -> p.ra() != ra).toArray(ImportedPage[]::new);
        return fewer.length == imports.length ? this : new RealMemoryMap(blocks, fewer);
    }

    public List<ImportedPage> imports() {
        return List.of(imports);
    }

    /** The end of the domain's own memory: the highest real address of its blocks, plus one. */
    public long memoryEnd() {
        return blocks.length == 0 ? 0 : blocks[blocks.length - 1].ra() + blocks[blocks.length - 1].size();
    }

    /** True if any byte of [ra, ra+size) is the domain's memory or in an imported page. */
    public boolean overlaps(long ra, long size) {
        for (MemoryBlock b : blocks) {
            if (ra < b.ra() + b.size() && b.ra() < ra + size) {
                return true;
            }
        }
        for (ImportedPage p : imports) {
            if (ra < p.ra() + p.size() && p.ra() < ra + size) {
                return true;
            }
        }
        return false;
    }

    private ImportedPage importAt(long ra) {
        for (ImportedPage p : imports) {
            if (p.containsRa(ra)) {
                return p;
            }
        }
        return null;
    }

    /**
     * True if [ra, ra+len) is all the domain's own memory or lies inside one imported page: what
     * a CPU's translation (a TTE, a page-table entry) may point at.
     */
    public boolean isMapped(long ra, long len) {
        if (isValid(ra, len)) {
            return true;
        }
        ImportedPage p = importAt(ra);
        return p != null && len >= 0 && len <= p.size() - (ra - p.ra());
    }

    /** True if a CPU may store to [ra, ra+len): own memory, or inside one imported page that is writable. */
    public boolean isWritable(long ra, long len) {
        if (isValid(ra, len)) {
            return true;
        }
        ImportedPage p = importAt(ra);
        return p != null && p.writable() && len >= 0 && len <= p.size() - (ra - p.ra());
    }

    /** True if {@code ra} lies in an imported page, from which no CPU may fetch instructions. */
    public boolean isImported(long ra) {
        return importAt(ra) != null;
    }

    public List<MemoryBlock> blocks() {
        return List.of(blocks);
    }

    /** Total bytes of real memory. */
    public long size() {
        long n = 0;
        for (MemoryBlock b : blocks) {
            n += b.size();
        }
        return n;
    }

    /**
     * The host physical address of [ra, ra+len), or -1 when any byte of it is outside the
     * domain's memory or the range spans two blocks (a single access never does). Imported pages
     * translate too; whether a store may use the result is {@link #isWritable}'s answer.
     */
    public long toPhysical(long ra, long len) {
        if (len < 0) {
            return -1;
        }
        for (MemoryBlock b : blocks) {
            if (b.containsRa(ra)) {
                long offset = ra - b.ra();
                return len <= b.size() - offset ? b.pa() + offset : -1;
            }
        }
        ImportedPage p = importAt(ra);
        if (p != null) {
            long offset = ra - p.ra();
            return len <= p.size() - offset ? p.pa() + offset : -1;
        }
        return -1;
    }

    /**
     * True if every byte of [ra, ra+len) is real memory of this domain (several blocks allowed);
     * imported pages do not count, so no hypercall argument can name them.
     */
    public boolean isValid(long ra, long len) {
        if (len < 0 || ra < 0 || ra + len < ra) {
            return false;
        }
        long at = ra;
        long end = ra + len;
        while (at < end) {
            MemoryBlock b = blockAt(at);
            if (b == null) {
                return false;
            }
            at = b.ra() + b.size();
        }
        return true;
    }

    private MemoryBlock blockAt(long ra) {
        for (MemoryBlock b : blocks) {
            if (b.containsRa(ra)) {
                return b;
            }
        }
        return null;
    }
}
