/*
 * 4-level long-mode page tables for guests that build their own address space
 * (hv/x86_64.h; AMD64 APM vol. 2, 5.3). Tables are addressed by their
 * guest-physical address, which the caller keeps mapped one to one.
 */
#include <stdint.h>

#include <hv/x86_64.h>

#define ENTRIES   512
#define TABLE_UP  (HV_X86_PTE_P | HV_X86_PTE_RW | HV_X86_PTE_US)

static uint64_t *table_at(uint64_t pa)
{
    return (uint64_t *)(uintptr_t)pa;
}

static uint64_t take_page(struct hv_x86_pt *pt)
{
    if (pt->pool_next + HV_X86_PAGE_4K > pt->pool_end)
        return 0;
    uint64_t pa = pt->pool_next;
    pt->pool_next += HV_X86_PAGE_4K;
    uint64_t *t = table_at(pa);
    for (int i = 0; i < ENTRIES; i++)
        t[i] = 0;
    return pa;
}

int hv_x86_pt_init(struct hv_x86_pt *pt, void *pool, uint64_t size)
{
    uint64_t base = (uint64_t)(uintptr_t)pool;
    if ((base & (HV_X86_PAGE_4K - 1)) != 0)
        return -1;
    pt->pool_next = base;
    pt->pool_end = base + (size & ~(HV_X86_PAGE_4K - 1));
    pt->pml4 = take_page(pt);
    return pt->pml4 != 0 ? 0 : -1;
}

/* Index of va in the table of the level whose entries map 2^shift bytes. */
static unsigned index_of(uint64_t va, int shift)
{
    return (unsigned)(va >> shift) & (ENTRIES - 1);
}

/*
 * The entry for va in the table whose entries map 2^leaf_shift bytes (12: a PTE,
 * 21: a PDE). Missing tables above it are taken from `pool`; 0 if the pool ran
 * out or is 0 (make none), or if a large page is in the way.
 */
static uint64_t *walk(const struct hv_x86_pt *pt, struct hv_x86_pt *pool, uint64_t va, int leaf_shift)
{
    uint64_t table = pt->pml4;
    for (int shift = 39; shift > leaf_shift; shift -= 9) {
        uint64_t *e = &table_at(table)[index_of(va, shift)];
        if ((*e & HV_X86_PTE_P) == 0) {
            uint64_t next = pool != 0 ? take_page(pool) : 0;
            if (next == 0)
                return 0;
            *e = next | TABLE_UP;
        } else if ((*e & HV_X86_PTE_PS) != 0) {
            return 0;
        }
        table = *e & HV_X86_PTE_ADDR;
    }
    return &table_at(table)[index_of(va, leaf_shift)];
}

static int map(struct hv_x86_pt *pt, uint64_t va, uint64_t pa, uint64_t flags, int shift)
{
    uint64_t mask = (1ULL << shift) - 1;
    if (((va | pa) & mask) != 0)
        return -1;
    uint64_t *e = walk(pt, pt, va, shift);
    if (e == 0)
        return -1;
    *e = pa | flags | HV_X86_PTE_P | (shift == 12 ? 0 : HV_X86_PTE_PS);
    return 0;
}

int hv_x86_map_4k(struct hv_x86_pt *pt, uint64_t va, uint64_t pa, uint64_t flags)
{
    return map(pt, va, pa, flags & ~HV_X86_PTE_PS, 12);
}

int hv_x86_map_2m(struct hv_x86_pt *pt, uint64_t va, uint64_t pa, uint64_t flags)
{
    /* a 4 KiB table already under this PDE would be lost */
    uint64_t *e = walk(pt, pt, va, 21);
    if (e != 0 && (*e & (HV_X86_PTE_P | HV_X86_PTE_PS)) == HV_X86_PTE_P)
        return -1;
    return map(pt, va, pa, flags, 21);
}

int hv_x86_map_range(struct hv_x86_pt *pt, uint64_t va, uint64_t pa, uint64_t size, uint64_t flags)
{
    uint64_t end = va + size;
    while (va < end) {
        int big = ((va | pa) & (HV_X86_PAGE_2M - 1)) == 0 && end - va >= HV_X86_PAGE_2M;
        uint64_t step = big ? HV_X86_PAGE_2M : HV_X86_PAGE_4K;
        if ((big ? hv_x86_map_2m(pt, va, pa, flags) : hv_x86_map_4k(pt, va, pa, flags)) != 0)
            return -1;
        va += step;
        pa += step;
    }
    return 0;
}

uint64_t *hv_x86_pte(const struct hv_x86_pt *pt, uint64_t va)
{
    uint64_t table = pt->pml4;
    for (int shift = 39;; shift -= 9) {
        uint64_t *e = &table_at(table)[index_of(va, shift)];
        if ((*e & HV_X86_PTE_P) == 0)
            return 0;
        if (shift == 12 || (shift < 39 && (*e & HV_X86_PTE_PS) != 0))
            return e;
        table = *e & HV_X86_PTE_ADDR;
    }
}

void hv_x86_unmap_4k(struct hv_x86_pt *pt, uint64_t va)
{
    uint64_t *e = walk(pt, 0, va, 12);
    if (e != 0 && (*e & HV_X86_PTE_P) != 0) {
        *e = 0;
        hv_x86_invlpg(va);
    }
}

void hv_x86_pt_load(const struct hv_x86_pt *pt)
{
    hv_x86_write_cr3(pt->pml4);
}
