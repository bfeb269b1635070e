/*
 * hv/x86_64.h: what the Hyperstrand guest runtime offers x86_64 guests only.
 */
#ifndef HV_X86_64_H
#define HV_X86_64_H

#include <stdint.h>

#ifndef __x86_64__
#error "hv/x86_64.h is for x86_64 guests"
#endif

/*
 * GPA of the 16 KiB the hypervisor keeps at the top of the domain's memory (%rcx
 * at entry): the GDT, the boot page tables (PML4, PDPT) and a spare page, on
 * which every CPU starts. The guest must not write there; its own memory is what
 * lies below, hv_boot_info.mem_size - 16 KiB from hv_boot_info.mem_base.
 */
extern uint64_t hv_x86_reserved_area;

/*
 * Exception handlers of the guest's own. crt0 fills vectors 0..31 of its IDT with
 * stubs that report the exception and stop the domain; this points `vector`
 * (0..255) at `entry` instead: a present 64-bit interrupt gate, selector 0x08,
 * DPL 0, no IST. `entry` is assembler: it gets the frame the CPU pushed (with the
 * error code on top for vectors 8, 10-14, 17, 21, 29, 30) and ends with iretq.
 */
void hv_x86_idt_set(unsigned vector, void (*entry)(void));

/* The address of crt0's stub for `vector` (0..31), for a handler that gives up. */
void (*hv_x86_exception_stub(unsigned vector))(void);

/*
 * 4-level page tables (AMD64 APM vol. 2, 5.3): build an address space of the
 * guest's own, then load it with hv_x86_pt_load. Tables are read and written
 * through their guest-physical addresses, so the pool must be mapped one to one
 * wherever these functions run: the boot tables map all memory that way, and a
 * new address space must keep mapping the pool (and the image) the same.
 */

/* Entry bits. Tables above the leaf get P | RW | US: the leaf alone decides. */
#define HV_X86_PTE_P    0x001ULL                /* present */
#define HV_X86_PTE_RW   0x002ULL                /* writable (supervisor writes too while CR0.WP = 1) */
#define HV_X86_PTE_US   0x004ULL                /* user accessible */
#define HV_X86_PTE_A    0x020ULL                /* accessed: set by the CPU's walk */
#define HV_X86_PTE_D    0x040ULL                /* dirty: set by the CPU on a write (leaf only) */
#define HV_X86_PTE_PS   0x080ULL                /* a 2 MiB (PDE) or 1 GiB (PDPTE) page */
#define HV_X86_PTE_G    0x100ULL                /* global */
#define HV_X86_PTE_NX   0x8000000000000000ULL   /* no execute (EFER.NXE, on at boot) */
#define HV_X86_PTE_ADDR 0x000ffffffffff000ULL   /* the physical address bits */

/* Page-fault error code bits (#PF, vector 14); CR2 holds the linear address. */
#define HV_X86_PF_P     0x01    /* 0: page not present; 1: protection violation */
#define HV_X86_PF_W     0x02    /* a write */
#define HV_X86_PF_U     0x04    /* at CPL 3 */
#define HV_X86_PF_RSVD  0x08    /* a reserved bit set in an entry */
#define HV_X86_PF_ID    0x10    /* an instruction fetch */
#define HV_X86_PF_VECTOR 14

/* CR0.WP: supervisor writes obey RW (on at boot). */
#define HV_X86_CR0_WP   0x10000ULL

#define HV_X86_PAGE_4K  0x1000ULL
#define HV_X86_PAGE_2M  0x200000ULL

/* An address space: its PML4 and the pages new tables come from. */
struct hv_x86_pt {
    uint64_t pml4;       /* guest-physical address of the PML4 (what CR3 gets) */
    uint64_t pool_next;  /* the next free page of the pool */
    uint64_t pool_end;   /* the end of the pool */
};

/*
 * Starts an empty address space whose tables come from the 4 KiB-aligned pool
 * [pool, pool + size); the PML4 is its first page. Returns 0, or -1 if the pool
 * is misaligned or smaller than a page. Every table taken is zeroed first.
 */
int hv_x86_pt_init(struct hv_x86_pt *pt, void *pool, uint64_t size);

/*
 * Maps the 4 KiB page at va to pa, or the 2 MiB page (both 2 MiB aligned), with
 * `flags` (P is added; RW, US, G, NX as wanted), making the tables on the way.
 * Returns 0, or -1 if the pool ran out, an address is misaligned, a larger page
 * already maps va, or (2 MiB) a table of 4 KiB pages is there. An existing
 * mapping of the same size is replaced: call hv_x86_invlpg(va) if it may be in
 * the TLB.
 */
int hv_x86_map_4k(struct hv_x86_pt *pt, uint64_t va, uint64_t pa, uint64_t flags);
int hv_x86_map_2m(struct hv_x86_pt *pt, uint64_t va, uint64_t pa, uint64_t flags);

/*
 * Maps [va, va + size) to [pa, pa + size) (all 4 KiB aligned), with 2 MiB pages
 * where va and pa are both 2 MiB aligned and 2 MiB remain, 4 KiB pages elsewhere.
 */
int hv_x86_map_range(struct hv_x86_pt *pt, uint64_t va, uint64_t pa, uint64_t size, uint64_t flags);

/* The leaf entry that maps va: a PTE, or a PDE or PDPTE with PS; 0 if none does. */
uint64_t *hv_x86_pte(const struct hv_x86_pt *pt, uint64_t va);

/* Removes the 4 KiB mapping of va, if there is one, and drops it from the TLB. */
void hv_x86_unmap_4k(struct hv_x86_pt *pt, uint64_t va);

/* CR3 := the PML4: the address space takes effect, and the TLB is flushed. */
void hv_x86_pt_load(const struct hv_x86_pt *pt);

static inline void hv_x86_invlpg(uint64_t va)
{
    __asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

/* hv_x86_read_crN() and hv_x86_write_crN(v) for CR0, CR2 and CR3. */
#define HV_X86_CR_ACCESSORS(n)                                              \
    static inline uint64_t hv_x86_read_cr##n(void)                          \
    {                                                                       \
        uint64_t v;                                                         \
        __asm__ __volatile__("movq %%cr" #n ", %0" : "=r"(v));              \
        return v;                                                           \
    }                                                                       \
    static inline void hv_x86_write_cr##n(uint64_t v)                       \
    {                                                                       \
        __asm__ __volatile__("movq %0, %%cr" #n : : "r"(v) : "memory");     \
    }
HV_X86_CR_ACCESSORS(0)
HV_X86_CR_ACCESSORS(2)
HV_X86_CR_ACCESSORS(3)
#undef HV_X86_CR_ACCESSORS

#endif
