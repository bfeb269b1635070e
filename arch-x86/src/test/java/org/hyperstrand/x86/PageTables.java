package org.hyperstrand.x86;

import org.hyperstrand.x86.cpu.X86Arch;

/**
 * Builds 4-level page tables in a rig's guest memory, from {@link #BASE} upwards. Intermediate
 * entries are created P | RW | US, so the leaf entry decides the rights unless a test edits an
 * upper level.
 */
final class PageTables {

    static final long BASE = 0x20_0000;
    static final long P = X86Arch.PTE_P;
    static final long RW = X86Arch.PTE_RW;
    static final long US = X86Arch.PTE_US;
    static final long PS = X86Arch.PTE_PS;
    static final long NX = X86Arch.PTE_NX;
    static final long A = X86Arch.PTE_A;
    static final long D = X86Arch.PTE_D;

    private final X86Rig rig;
    private long next = BASE;
    final long pml4;

    PageTables(X86Rig rig) {
        this.rig = rig;
        this.pml4 = alloc();
    }

    private long alloc() {
        long p = next;
        next += 4096;
        rig.put(p, new byte[4096]);
        return p;
    }

    static long slot(long table, long va, int shift) {
        return table + ((va >>> shift) & 511) * 8;
    }

    private long table(long table, long va, int shift) {
        long e = rig.read64(slot(table, va, shift));
        if ((e & P) != 0) {
            return e & X86Arch.PTE_ADDR;
        }
        long t = alloc();
        rig.write64(slot(table, va, shift), t | P | RW | US);
        return t;
    }

    /** Address of the PTE that maps 4 KiB page {@code va} (its tables are made if missing). */
    long pte(long va) {
        long pdpt = table(pml4, va, 39);
        long pd = table(pdpt, va, 30);
        long pt = table(pd, va, 21);
        return slot(pt, va, 12);
    }

    /** Address of the PDE of {@code va}. */
    long pde(long va) {
        return slot(table(table(pml4, va, 39), va, 30), va, 21);
    }

    /** Address of the PML4 entry of {@code va}. */
    long pml4e(long va) {
        return slot(pml4, va, 39);
    }

    PageTables map4k(long va, long pa, long flags) {
        rig.write64(pte(va), pa | flags);
        return this;
    }

    PageTables map2m(long va, long pa, long flags) {
        rig.write64(pde(va), pa | flags | PS);
        return this;
    }

    PageTables map1g(long va, long pa, long flags) {
        rig.write64(slot(table(pml4, va, 39), va, 30), pa | flags | PS);
        return this;
    }

    /** Identity-maps [0, 8 MiB) with 2 MiB pages of {@code flags}. */
    PageTables identity(long flags) {
        for (long va = 0; va < TestGuest.SIZE; va += 2 << 20) {
            map2m(va, va, flags);
        }
        return this;
    }

    /** Makes these tables current (CR3 write: the TLB is flushed). */
    PageTables load() {
        rig.s.cr3 = pml4;
        rig.s.mem.flush();
        return this;
    }
}
