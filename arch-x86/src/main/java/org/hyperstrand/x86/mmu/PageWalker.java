package org.hyperstrand.x86.mmu;

import static org.hyperstrand.x86.cpu.X86Arch.CR0_WP;
import static org.hyperstrand.x86.cpu.X86Arch.EFER_NXE;
import static org.hyperstrand.x86.cpu.X86Arch.MAXPHYADDR;
import static org.hyperstrand.x86.cpu.X86Arch.PF_ID;
import static org.hyperstrand.x86.cpu.X86Arch.PF_P;
import static org.hyperstrand.x86.cpu.X86Arch.PF_RSVD;
import static org.hyperstrand.x86.cpu.X86Arch.PF_U;
import static org.hyperstrand.x86.cpu.X86Arch.PF_VECTOR;
import static org.hyperstrand.x86.cpu.X86Arch.PF_W;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_A;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_ADDR;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_D;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_NX;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_P;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_PS;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_RW;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_US;

import org.hyperstrand.x86.cpu.X86State;

/**
 * The 4-level long-mode page walk (PML4, PDPT, PD, PT; 4 KiB, 2 MiB and 1 GiB pages) over the
 * guest's tables in guest-physical memory. Each entry is reached through
 * {@link X86Memory#tableHpa}: under nested paging that is itself a nested walk, as a user write
 * tagged as a guest-table access (an NPF there has EXITINFO1 bit 33; reference/amd-v-svm.md
 * 5.1), and the accessed and dirty bits below are written at the host address it returned.
 *
 * <p>Checks, in the order the error code reports them: a clear P bit anywhere (#PF with P = 0);
 * reserved bits (physical-address bits at or above {@code MAXPHYADDR}, PS in a PML4 entry, the
 * low address bits of a large page, NX while EFER.NXE is 0: #PF with P = 1 and RSVD = 1); then
 * the rights combined over all levels: a user access needs U/S everywhere, a write needs R/W
 * everywhere (for supervisor writes only while CR0.WP = 1), a fetch needs NX clear everywhere
 * (while EFER.NXE = 1). SMEP, SMAP, protection keys and PCID are not implemented. A successful
 * walk sets the accessed bit of every entry used and, for a write, the dirty bit of the leaf,
 * with atomic ORs.
 */
public final class PageWalker {

    /** Access kinds, combinable. */
    public static final int WRITE = 1;
    public static final int USER = 2;
    public static final int FETCH = 4;

    /** Physical-address bits of an entry that must be zero. */
    private static final long RESERVED_HIGH = PTE_ADDR & ~((1L << MAXPHYADDR) - 1);
    private static final long RESERVED_2M = 0x1f_e000L;          // bits 20..13
    private static final long RESERVED_1G = 0x3fff_e000L;        // bits 29..13

    private final X86State s;
    private final X86Memory mem;
    /** Host physical addresses of the entries of the walk in progress, leaf last. */
    private final long[] entryHpa = new long[4];
    private final long[] entryValue = new long[4];

    /** log2 of the page size the last successful walk found. */
    public int lastShift;
    public long walks;

    PageWalker(X86State s, X86Memory mem) {
        this.s = s;
        this.mem = mem;
    }

    /** The guest-physical address of {@code la} for an access of kind {@code access}, or #PF. */
    public long translate(long la, int access) {
        walks++;
        boolean nxe = (s.efer & EFER_NXE) != 0;
        long reserved = RESERVED_HIGH | (nxe ? 0 : PTE_NX);
        long table = s.cr3 & PTE_ADDR & ~RESERVED_HIGH;
        boolean writable = true;
        boolean user = true;
        boolean executable = true;
        int levels = 0;
        int shift = 39;
        long entry;
        for (;;) {
            long gpa = table | (((la >>> shift) & 511) << 3);
            long hpa = mem.tableHpa(gpa);
            entry = mem.physical().read64LE(hpa);
            entryHpa[levels] = hpa;
            entryValue[levels] = entry;
            levels++;
            if ((entry & PTE_P) == 0) {
                throw fault(la, access, 0, nxe);
            }
            long rsvd = reserved;
            if (shift == 39) {
                rsvd |= PTE_PS;
            } else if ((entry & PTE_PS) != 0 && shift == 30) {
                rsvd |= RESERVED_1G;
            } else if ((entry & PTE_PS) != 0 && shift == 21) {
                rsvd |= RESERVED_2M;
            }
            if ((entry & rsvd) != 0) {
                throw fault(la, access, PF_P | PF_RSVD, nxe);
            }
            writable &= (entry & PTE_RW) != 0;
            user &= (entry & PTE_US) != 0;
            executable &= !nxe || (entry & PTE_NX) == 0;
            if (shift == 12 || (entry & PTE_PS) != 0) {
                break;
            }
            table = entry & PTE_ADDR;
            shift -= 9;
        }
        boolean isUser = (access & USER) != 0;
        if (isUser && !user) {
            throw fault(la, access, PF_P, nxe);
        }
        if ((access & WRITE) != 0 && !writable && (isUser || (s.cr0 & CR0_WP) != 0)) {
            throw fault(la, access, PF_P, nxe);
        }
        if ((access & FETCH) != 0 && !executable) {
            throw fault(la, access, PF_P, nxe);
        }
        for (int i = 0; i < levels; i++) {
            long bits = PTE_A;
            if (i == levels - 1 && (access & WRITE) != 0) {
                bits |= PTE_D;
            }
            if ((entryValue[i] & bits) != bits) {
                mem.setTableBits(entryHpa[i], bits);
            }
        }
        lastShift = shift;
        long pageMask = (1L << shift) - 1;
        return (entry & PTE_ADDR & ~pageMask) | (la & pageMask);
    }

    /**
     * The guest-physical address {@code la} translates to for a supervisor read, or -1; no
     * faults, no accessed bits (reports). Table entries are found with the fault-free
     * {@link X86Memory#gpaToHpa}, nested or not.
     */
    public long probe(long la) {
        long table = s.cr3 & PTE_ADDR & ~RESERVED_HIGH;
        for (int shift = 39; ; shift -= 9) {
            long hpa = mem.gpaToHpa(table | (((la >>> shift) & 511) << 3), 8);
            if (hpa < 0) {
                return -1;
            }
            long entry = mem.physical().read64LE(hpa);
            if ((entry & PTE_P) == 0) {
                return -1;
            }
            if (shift == 12 || (shift < 39 && (entry & PTE_PS) != 0)) {
                long pageMask = (1L << shift) - 1;
                return (entry & PTE_ADDR & ~RESERVED_HIGH & ~pageMask) | (la & pageMask);
            }
            table = entry & PTE_ADDR & ~RESERVED_HIGH;
        }
    }

    private RuntimeException fault(long la, int access, int bits, boolean nxe) {
        int error = bits;
        if ((access & WRITE) != 0) {
            error |= PF_W;
        }
        if ((access & USER) != 0) {
            error |= PF_U;
        }
        if ((access & FETCH) != 0 && nxe) {
            error |= PF_ID;
        }
        s.faultAddress = la;
        return s.fault(PF_VECTOR, error);
    }
}
