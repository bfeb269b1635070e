package org.hyperstrand.x86.svm;

import static org.hyperstrand.x86.mmu.X86Memory.LE16;
import static org.hyperstrand.x86.mmu.X86Memory.LE32;
import static org.hyperstrand.x86.mmu.X86Memory.LE64;

import org.hyperstrand.core.mem.PhysicalMemory;

/**
 * A VMCB page in host physical memory, read and written little-endian at {@link VmcbLayout}
 * offsets. The page is 4 KiB-aligned, so it lies inside one chunk of host memory, which is
 * looked up once: the CPU and the hypervisor touch dozens of fields per #VMEXIT.
 */
public final class Vmcb {

    private final long pa;
    private final byte[] chunk;
    private final int base;

    /** The VMCB at host physical {@code pa} (4 KiB-aligned, inside {@code memory}). */
    public Vmcb(PhysicalMemory memory, long pa) {
        if ((pa & (VmcbLayout.SIZE - 1)) != 0 || !memory.contains(pa, VmcbLayout.SIZE)) {
            throw new IllegalArgumentException("a VMCB needs a 4 KiB-aligned page of host memory, not 0x"
                    + Long.toHexString(pa));
        }
        this.pa = pa;
        this.chunk = memory.chunkForWrite(pa);
        this.base = (int) (pa & PhysicalMemory.CHUNK_MASK);
    }

    /** Host physical address of the page. */
    public long pa() {
        return pa;
    }

    public long get64(int off) {
        return (long) LE64.get(chunk, base + off);
    }

    public void set64(int off, long v) {
        LE64.set(chunk, base + off, v);
    }

    /** Zero-extended. */
    public long get32(int off) {
        return (int) LE32.get(chunk, base + off) & 0xffff_ffffL;
    }

    public void set32(int off, long v) {
        LE32.set(chunk, base + off, (int) v);
    }

    public int get16(int off) {
        return (short) LE16.get(chunk, base + off) & 0xffff;
    }

    public void set16(int off, int v) {
        LE16.set(chunk, base + off, (short) v);
    }

    public int get8(int off) {
        return chunk[base + off] & 0xff;
    }

    public void set8(int off, int v) {
        chunk[base + off] = (byte) v;
    }

    /** Writes the 16-byte segment record at {@code at} (selector, attributes, limit, base). */
    public void setSegment(int at, int selector, int attrib, long limit, long base) {
        set16(at + VmcbLayout.SEG_SELECTOR, selector);
        set16(at + VmcbLayout.SEG_ATTRIB, attrib);
        set32(at + VmcbLayout.SEG_LIMIT, limit);
        set64(at + VmcbLayout.SEG_BASE, base);
    }

    /** Zeroes the page. */
    public void clear() {
        java.util.Arrays.fill(chunk, base, base + VmcbLayout.SIZE, (byte) 0);
    }
}
