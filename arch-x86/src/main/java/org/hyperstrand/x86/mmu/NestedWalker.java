package org.hyperstrand.x86.mmu;

import static org.hyperstrand.x86.cpu.X86Arch.MAXPHYADDR;
import static org.hyperstrand.x86.cpu.X86Arch.PAGE_OFFSET_MASK;
import static org.hyperstrand.x86.cpu.X86Arch.PAGE_SIZE;
import static org.hyperstrand.x86.cpu.X86Arch.PF_ID;
import static org.hyperstrand.x86.cpu.X86Arch.PF_P;
import static org.hyperstrand.x86.cpu.X86Arch.PF_RSVD;
import static org.hyperstrand.x86.cpu.X86Arch.PF_U;
import static org.hyperstrand.x86.cpu.X86Arch.PF_W;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_A;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_ADDR;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_D;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_NX;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_P;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_PS;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_RW;
import static org.hyperstrand.x86.cpu.X86Arch.PTE_US;

import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.x86.cpu.X86State;

/**
 * The nested page walk of AMD-V (reference/amd-v-svm.md 5.1): guest-physical to host-physical
 * through the 4-level long-mode tables rooted at N_CR3, which live in host physical memory.
 *
 * <p>The tables have the host's format and the host runs with EFER.NXE = 1, so NX is honoured
 * whatever the guest's EFER says. Every nested access is a user access (U/S needed at every
 * level). A fault sets {@link X86State#npfInfo1} to the NPF EXITINFO1 (5.2: page-fault bits,
 * plus {@link #FINAL} or {@link #GUEST_TABLE}), {@link X86State#faultAddress} to the
 * guest-physical address, and leaves with {@link X86State#NESTED_PAGE_FAULT}. A table entry or
 * page outside host memory is a hypervisor bug, reported as {@link X86State#NO_MEMORY}.
 */
public final class NestedWalker {

    /** EXITINFO1 bit 32: the fault was on the final guest-physical address of the access. */
    public static final long FINAL = 1L << 32;
    /** EXITINFO1 bit 33: the fault was on a guest page-table access (guest CR3 or an entry). */
    public static final long GUEST_TABLE = 1L << 33;

    private static final long RESERVED_HIGH = PTE_ADDR & ~((1L << MAXPHYADDR) - 1);
    private static final long RESERVED_2M = 0x1f_e000L;          // bits 20..13
    private static final long RESERVED_1G = 0x3fff_e000L;        // bits 29..13

    private final X86State s;
    private final X86Memory mem;
    private final PhysicalMemory memory;
    private long root;
    /** Host addresses and values of the entries of the walk in progress, leaf last. */
    private final long[] entryHpa = new long[4];
    private final long[] entryValue = new long[4];

    public long walks;

    NestedWalker(X86State s, X86Memory mem) {
        this.s = s;
        this.mem = mem;
        this.memory = mem.physical();
    }

    void setRoot(long nCr3) {
        root = nCr3 & PTE_ADDR & ~RESERVED_HIGH;
    }

    public long root() {
        return root;
    }

    /**
     * The host physical address of {@code gpa} for an access of kind {@code access}
     * ({@link PageWalker#WRITE}, {@link PageWalker#FETCH}; always a user access), or an NPF
     * tagged with {@code kind} ({@link #FINAL} or {@link #GUEST_TABLE}).
     */
    long translate(long gpa, int access, long kind) {
        walks++;
        long table = root;
        boolean writable = true;
        boolean user = true;
        boolean executable = true;
        int levels = 0;
        int shift = 39;
        long entry;
        for (;;) {
            long hpa = table | (((gpa >>> shift) & 511) << 3);
            if (!memory.contains(hpa, 8)) {
                throw outsideHost(gpa);
            }
            entry = memory.read64LE(hpa);
            entryHpa[levels] = hpa;
            entryValue[levels] = entry;
            levels++;
            if ((entry & PTE_P) == 0) {
                throw fault(gpa, access, kind, 0);
            }
            if ((entry & reserved(entry, shift)) != 0) {
                throw fault(gpa, access, kind, PF_P | PF_RSVD);
            }
            writable &= (entry & PTE_RW) != 0;
            user &= (entry & PTE_US) != 0;
            executable &= (entry & PTE_NX) == 0;
            if (shift == 12 || (entry & PTE_PS) != 0) {
                break;
            }
            table = entry & PTE_ADDR;
            shift -= 9;
        }
        if (!user || ((access & PageWalker.WRITE) != 0 && !writable)
                || ((access & PageWalker.FETCH) != 0 && !executable)) {
            throw fault(gpa, access, kind, PF_P);
        }
        long pageMask = (1L << shift) - 1;
        long hpa = (entry & PTE_ADDR & ~pageMask) | (gpa & pageMask);
        if (!memory.contains(hpa & ~PAGE_OFFSET_MASK, PAGE_SIZE)) {
            throw outsideHost(gpa);
        }
        for (int i = 0; i < levels; i++) {
            long bits = PTE_A;
            if (i == levels - 1 && (access & PageWalker.WRITE) != 0) {
                bits |= PTE_D;
            }
            if ((entryValue[i] & bits) != bits) {
                mem.setTableBits(entryHpa[i], bits);
            }
        }
        return hpa;
    }

    /**
     * The host physical address of {@code gpa} if a nested mapping is present, else -1; no
     * rights checked, no faults, no accessed bits (reports, and the fault-free
     * {@link X86Memory#gpaToHpa}).
     */
    public long probe(long gpa) {
        long table = root;
        for (int shift = 39; ; shift -= 9) {
            long hpa = table | (((gpa >>> shift) & 511) << 3);
            if (!memory.contains(hpa, 8)) {
                return -1;
            }
            long entry = memory.read64LE(hpa);
            if ((entry & PTE_P) == 0 || (entry & reserved(entry, shift)) != 0) {
                return -1;
            }
            if (shift == 12 || (entry & PTE_PS) != 0) {
                long pageMask = (1L << shift) - 1;
                long at = (entry & PTE_ADDR & ~pageMask) | (gpa & pageMask);
                return memory.contains(at, 1) ? at : -1;
            }
            table = entry & PTE_ADDR;
        }
    }

    /** The bits of {@code entry} at level {@code shift} that must be zero (NX is not: host NXE = 1). */
    private static long reserved(long entry, int shift) {
        if (shift == 39) {
            return RESERVED_HIGH | PTE_PS;
        }
        if ((entry & PTE_PS) == 0) {
            return RESERVED_HIGH;
        }
        if (shift == 30) {
            return RESERVED_HIGH | RESERVED_1G;
        }
        return shift == 21 ? RESERVED_HIGH | RESERVED_2M : RESERVED_HIGH;
    }

    private RuntimeException fault(long gpa, int access, long kind, int bits) {
        int error = bits | PF_U;
        if ((access & PageWalker.WRITE) != 0) {
            error |= PF_W;
        }
        if ((access & PageWalker.FETCH) != 0) {
            error |= PF_ID;
        }
        s.npfInfo1 = kind | error;
        s.faultAddress = gpa;
        return s.fault(X86State.NESTED_PAGE_FAULT, error);
    }

    private RuntimeException outsideHost(long gpa) {
        s.faultAddress = gpa;
        return s.fault(X86State.NO_MEMORY, 0);
    }
}
