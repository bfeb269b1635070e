/*
 * mmu: x86-64 long-mode paging as a guest kernel uses it, under the
 * hypervisor's nested paging (the CPU walks these tables, and every table
 * entry and final address again through the nested tables).
 *
 * The guest builds a 4-level address space of its own (hv/x86_64.h): its memory
 * mapped one to one, with 4 KiB pages in the first 2 MiB (page 0 left out) and
 * 2 MiB pages above, loads CR3 and installs its own #PF handler (mmu_fault.S,
 * mmu_page_fault below). Then:
 *
 *  1. demand paging: it writes and then reads back a 2048-page window nothing
 *     maps yet, twice as many pages as the CPU's TLB holds (arch-x86 keeps 1024
 *     data entries), so the read pass walks the tables again. Each first touch is
 *     a not-present write #PF at the page's first word, which the handler maps.
 *     The data is checked against the physical pages (window.c), the accessed
 *     and dirty bits the CPU set are counted, cleared, and counted again after a
 *     read pass and a write pass; a page unmapped with hv_x86_unmap_4k faults
 *     again (a not-present read);
 *  2. a 2 MiB page over the window's physical pages reads what they hold, and
 *     one INVLPG anywhere in it drops the whole page from the TLB;
 *  3. a write to a read-only page with CR0.WP = 1 is a protection #PF (P | W);
 *     with WP = 0 the same supervisor write goes through;
 *  4. a call into a no-execute data page is a protection #PF on the fetch
 *     (P | ID) with CR2 = RIP; the handler clears NX and the call runs;
 *  5. after its PTE moves to another physical page, a page still reads the old
 *     one through the TLB until INVLPG (a stale read the architecture allows
 *     rather than promises; this CPU keeps the translation, as hardware does);
 *  6. a rep insb from the UART's scratch register into bytes that run from a
 *     mapped page of the window into an unmapped one: the hypervisor, which
 *     emulates string port I/O, walks these tables, raises the not-present
 *     write #PF halfway, and after the handler maps the page, the instruction
 *     goes on from the faulting byte.
 *
 * Then it goes back to the boot tables and exits 0.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <hv/runtime.h>
#include <hv/x86_64.h>

#include "../window.h"

/* Virtual windows, above the memory mapped one to one, each in a PDPT entry of its own. */
#define DEMAND_VA    0x40000000ULL   /* 2048 4 KiB pages, mapped by the #PF handler */
#define DEMAND_PA    0x01000000ULL   /* 16 MiB: the physical pages behind them */
#define DEMAND_PAGES 2048
#define LARGE_VA     0x80000000ULL   /* one 2 MiB page over DEMAND_PA */
#define TEST_VA      0xc0000000ULL   /* single 4 KiB pages for the protection and INVLPG tests */
#define TEST_PA      0x01800000ULL   /* 24 MiB: their physical pages */
#define RO_VA        (TEST_VA)
#define RO_PA        (TEST_PA)
#define NX_VA        (TEST_VA + 0x1000)
#define NX_PA        (TEST_PA + 0x1000)
#define MOVE_VA      (TEST_VA + 0x2000)
#define MOVE_PA_OLD  (TEST_PA + 0x2000)
#define MOVE_PA_NEW  (TEST_PA + 0x3000)
#define MEMORY_NEEDED (TEST_PA + 0x4000)

#define PAGE HV_X86_PAGE_4K
#define DATA (HV_X86_PTE_RW | HV_X86_PTE_NX)

static uint8_t table_pool[32 * PAGE] __attribute__((aligned(PAGE)));
static struct hv_x86_pt space;

extern void mmu_pf_entry(void);
extern const char mmu_nx_code[], mmu_nx_code_end[];
/* Where mmu_pf_entry sends a fault it was not meant to handle: crt0's report. */
void (*mmu_pf_report)(void);

/* What the #PF handler saw. */
static uint64_t faults;
static uint64_t last_error, last_cr2, last_rip;
/* While the window is first written: every fault so far came in order at a page's first word, as a write. */
static int filling;
static int fill_in_order = 1;

static const struct mmu_window demand = {
    .va = DEMAND_VA, .ra = DEMAND_PA, .pages = DEMAND_PAGES, .page_size = PAGE,
};

/* The window's accessors (window.h): plain loads and stores, physical memory through the 1:1 map. */
void mmu_window_store(uint64_t va, uint64_t value)
{
    *(volatile uint64_t *)(uintptr_t)va = value;
}

uint64_t mmu_window_load(uint64_t va)
{
    return *(volatile uint64_t *)(uintptr_t)va;
}

uint64_t mmu_real_load(uint64_t pa)
{
    return *(volatile uint64_t *)(uintptr_t)pa;
}

/*
 * Called by mmu_pf_entry with the error code and the faulting RIP: 1 if the
 * fault is dealt with and the access can be retried. A not-present page of the
 * demand window is mapped; a write to a read-only page is made writable, a fetch
 * from a no-execute page executable. Anything else goes to crt0's report.
 */
int mmu_page_fault(uint64_t error, uint64_t rip)
{
    uint64_t cr2 = hv_x86_read_cr2();
    uint64_t page = cr2 & ~(PAGE - 1);

    faults++;
    last_error = error;
    last_cr2 = cr2;
    last_rip = rip;
    if ((error & HV_X86_PF_P) == 0) {
        if (cr2 < DEMAND_VA || cr2 >= DEMAND_VA + DEMAND_PAGES * PAGE)
            return 0;
        if (filling)
            fill_in_order &= error == HV_X86_PF_W && cr2 == DEMAND_VA + (faults - 1) * PAGE;
        return hv_x86_map_4k(&space, page, DEMAND_PA + (page - DEMAND_VA), DATA) == 0;
    }
    uint64_t *pte = hv_x86_pte(&space, cr2);
    if (pte == 0 || (error & (HV_X86_PF_RSVD | HV_X86_PF_U)) != 0)
        return 0;
    if ((error & HV_X86_PF_W) != 0 && (*pte & HV_X86_PTE_RW) == 0) {
        *pte |= HV_X86_PTE_RW;
    } else if ((error & HV_X86_PF_ID) != 0 && (*pte & HV_X86_PTE_NX) != 0) {
        *pte &= ~HV_X86_PTE_NX;
    } else {
        return 0;
    }
    hv_x86_invlpg(cr2);
    return 1;
}

/* How many of the window's PTEs have all of `bits`. */
static unsigned count_ptes(uint64_t bits)
{
    unsigned n = 0;
    for (uint64_t p = 0; p < DEMAND_PAGES; p++) {
        const uint64_t *e = hv_x86_pte(&space, DEMAND_VA + p * PAGE);
        n += e != 0 && (*e & bits) == bits;
    }
    return n;
}

static void clear_ptes(uint64_t bits)
{
    for (uint64_t p = 0; p < DEMAND_PAGES; p++) {
        uint64_t *e = hv_x86_pte(&space, DEMAND_VA + p * PAGE);
        if (e != 0)
            *e &= ~bits;
    }
}

/* The page of the window whose word 5 is `word`, of pages p and p + 512; -1 if neither. */
static long window_page_of(uint64_t word, uint64_t p)
{
    return word == mmu_pattern(p, 5) ? (long)p : word == mmu_pattern(p + 512, 5) ? (long)(p + 512) : -1;
}

static const char *yes(int ok)
{
    return ok ? "yes" : "NO";
}

static int build_space(void)
{
    uint64_t end = hv_boot_info.mem_base + hv_boot_info.mem_size;
    if (hv_boot_info.mem_base != 0 || end < MEMORY_NEEDED) {
        printf("mmu: needs at least %lu bytes of memory at 0\n", (unsigned long)MEMORY_NEEDED);
        return -1;
    }
    if (hv_x86_pt_init(&space, table_pool, sizeof table_pool) != 0
        || hv_x86_map_range(&space, PAGE, PAGE, HV_X86_PAGE_2M - PAGE, HV_X86_PTE_RW) != 0
        || hv_x86_map_range(&space, HV_X86_PAGE_2M, HV_X86_PAGE_2M, end - HV_X86_PAGE_2M, HV_X86_PTE_RW) != 0
        || hv_x86_map_4k(&space, RO_VA, RO_PA, HV_X86_PTE_NX) != 0
        || hv_x86_map_4k(&space, NX_VA, NX_PA, DATA) != 0
        || hv_x86_map_4k(&space, MOVE_VA, MOVE_PA_OLD, DATA) != 0) {
        printf("mmu: building the page tables failed\n");
        return -1;
    }
    return 0;
}

int main(void)
{
    /* ---- the address space, CR3 and the #PF handler ---- */
    if (build_space() != 0)
        return 1;
    mmu_pf_report = hv_x86_exception_stub(HV_X86_PF_VECTOR);
    hv_x86_idt_set(HV_X86_PF_VECTOR, mmu_pf_entry);
    uint64_t boot_cr3 = hv_x86_read_cr3();
    hv_x86_pt_load(&space);
    printf("paging on: own 4-level tables, memory mapped 1:1 (4 KiB pages in the first 2 MiB, "
           "2 MiB pages above), CR3 changed: %s\n", yes(hv_x86_read_cr3() == space.pml4 && space.pml4 != boot_cr3));

    /* ---- 1. demand paging ---- */
    filling = 1;
    mmu_window_write(&demand);
    filling = 0;
    uint64_t sum = mmu_window_checksum(&demand);
    printf("demand window: %d pages written and read back, page faults handled: %lu, "
           "each a not-present write at the page's first word: %s\n",
           DEMAND_PAGES, (unsigned long)faults, yes(fill_in_order && faults == DEMAND_PAGES));
    mmu_window_report(&demand, sum);

    unsigned accessed = count_ptes(HV_X86_PTE_A), dirty = count_ptes(HV_X86_PTE_D);
    printf("accessed and dirty bits set by the CPU: %u A, %u D\n", accessed, dirty);
    clear_ptes(HV_X86_PTE_A | HV_X86_PTE_D);
    hv_x86_pt_load(&space);  /* the TLB must not remember that A and D were set */
    for (uint64_t p = 0; p < DEMAND_PAGES; p++)
        mmu_window_load(DEMAND_VA + p * PAGE + 5 * MMU_WORD_STRIDE);
    accessed = count_ptes(HV_X86_PTE_A);
    dirty = count_ptes(HV_X86_PTE_D);
    for (uint64_t p = 0; p < DEMAND_PAGES; p += 2)
        mmu_window_store(DEMAND_VA + p * PAGE + 5 * MMU_WORD_STRIDE, mmu_pattern(p, 5));
    printf("cleared, CR3 reloaded: a read of each page sets %u A, %u D; a write to every other page %u D\n",
           accessed, dirty, count_ptes(HV_X86_PTE_D));

    uint64_t before = faults;
    hv_x86_unmap_4k(&space, DEMAND_VA + 7 * PAGE);
    uint64_t word = mmu_window_load(DEMAND_VA + 7 * PAGE + 5 * MMU_WORD_STRIDE);
    printf("page 7 unmapped: the next read faulted with error code 0x%lx (not present, read) at its address: %s; "
           "mapped again, it holds the same data: %s\n", (unsigned long)last_error,
           yes(faults == before + 1 && last_cr2 == DEMAND_VA + 7 * PAGE + 5 * MMU_WORD_STRIDE),
           yes(word == mmu_pattern(7, 5)));

    /* ---- 2. a 2 MiB page ---- */
    if (hv_x86_map_2m(&space, LARGE_VA, DEMAND_PA, DATA) != 0) {
        printf("mmu: mapping the 2 MiB page failed\n");
        return 1;
    }
    int large_ok = 1;
    for (uint64_t p = 0; p < HV_X86_PAGE_2M / PAGE; p++)
        large_ok &= mmu_window_load(LARGE_VA + p * PAGE + 5 * MMU_WORD_STRIDE) == mmu_pattern(p, 5);
    const uint64_t *pde = hv_x86_pte(&space, LARGE_VA);
    printf("2 MiB page over the window's first %lu pages: reads what they hold: %s; PDE with PS: %s, A %s, D %s\n",
           (unsigned long)(HV_X86_PAGE_2M / PAGE), yes(large_ok), yes((*pde & HV_X86_PTE_PS) != 0),
           *pde & HV_X86_PTE_A ? "set" : "clear", *pde & HV_X86_PTE_D ? "set" : "clear");

    /* one INVLPG anywhere in a 2 MiB page drops all of it */
    uint64_t far = LARGE_VA + 300 * PAGE + 5 * MMU_WORD_STRIDE;
    mmu_window_load(far);
    *hv_x86_pte(&space, LARGE_VA) = (DEMAND_PA + HV_X86_PAGE_2M) | DATA | HV_X86_PTE_PS | HV_X86_PTE_P;
    uint64_t stale_far = mmu_window_load(far);
    hv_x86_invlpg(LARGE_VA);
    uint64_t fresh_far = mmu_window_load(far);
    printf("PDE moved to the next 2 MiB: 1.2 MiB into the page reads window page %ld before INVLPG, "
           "page %ld after INVLPG of the page's first 4 KiB\n", window_page_of(stale_far, 300),
           window_page_of(fresh_far, 300));

    /* ---- 3. a read-only page, with CR0.WP = 1 and 0 ---- */
    volatile uint64_t *ro = (volatile uint64_t *)(uintptr_t)RO_VA;
    before = faults;
    ro[3] = 0x1234;
    printf("write to a read-only page (CR0.WP = 1): #PF error code 0x%lx (present, write), CR2 = the address: %s; "
           "made writable, the write went through: %s\n", (unsigned long)last_error,
           yes(faults == before + 1 && last_cr2 == RO_VA + 24), yes(ro[3] == 0x1234));
    *hv_x86_pte(&space, RO_VA) &= ~HV_X86_PTE_RW;
    hv_x86_invlpg(RO_VA);
    uint64_t cr0 = hv_x86_read_cr0();
    hv_x86_write_cr0(cr0 & ~HV_X86_CR0_WP);
    before = faults;
    ro[3] = 0x5678;
    hv_x86_write_cr0(cr0);
    printf("read-only again, CR0.WP = 0: a supervisor write goes through without a fault: %s\n",
           yes(faults == before && mmu_real_load(RO_PA + 24) == 0x5678));

    /* ---- 4. code in a no-execute page ---- */
    memcpy((void *)(uintptr_t)NX_VA, mmu_nx_code, (size_t)(mmu_nx_code_end - mmu_nx_code));
    int (*nx_code)(int) = (int (*)(int))(uintptr_t)NX_VA;
    before = faults;
    int r = nx_code(35);
    printf("call into a no-execute page: #PF error code 0x%lx (present, instruction fetch), "
           "CR2 = RIP = the entry: %s; NX cleared: f(35) = %d\n", (unsigned long)last_error,
           yes(faults == before + 1 && last_cr2 == NX_VA && last_rip == NX_VA), r);

    /* ---- 5. INVLPG ---- */
    *(volatile uint64_t *)(uintptr_t)MOVE_PA_OLD = 0x01d;
    *(volatile uint64_t *)(uintptr_t)MOVE_PA_NEW = 0x2e3;
    volatile uint64_t *moved = (volatile uint64_t *)(uintptr_t)MOVE_VA;
    uint64_t first = *moved;
    *hv_x86_pte(&space, MOVE_VA) = MOVE_PA_NEW | DATA | HV_X86_PTE_P;
    uint64_t stale = *moved;
    hv_x86_invlpg(MOVE_VA);
    uint64_t fresh = *moved;
    printf("PTE moved to another page: before INVLPG the TLB still gives 0x%lx (the old page: %s), "
           "after it 0x%lx (the new page: %s)\n", (unsigned long)stale, yes(stale == first),
           (unsigned long)fresh, yes(fresh == 0x2e3));

    /* ---- 6. string port I/O across a page fault ---- */
    hv_x86_unmap_4k(&space, DEMAND_VA + 10 * PAGE);
    uint8_t *across = (uint8_t *)(uintptr_t)(DEMAND_VA + 10 * PAGE - 8);
    uint8_t *rdi = across;
    uint64_t rcx = 16;
    __asm__ __volatile__("outb %%al, %%dx" : : "a"(0x5a), "d"(0x3ff));     /* COM1's scratch register */
    before = faults;
    __asm__ __volatile__("rep insb" : "+D"(rdi), "+c"(rcx) : "d"(0x3ff) : "memory");
    int filled = 1;
    for (int i = 0; i < 16; i++)
        filled &= across[i] == 0x5a;
    printf("rep insb across an unmapped page: #PF error code 0x%lx (not present, write) at the page: %s; "
           "all 16 bytes read after the handler mapped it: %s, RDI and RCX at the end: %s\n",
           (unsigned long)last_error, yes(faults == before + 1 && last_cr2 == DEMAND_VA + 10 * PAGE),
           yes(filled), yes(rdi == across + 16 && rcx == 0));

    /* ---- back to the boot tables ---- */
    hv_x86_write_cr3(boot_cr3);
    printf("paging back on the boot tables; page faults handled in all: %lu\n", (unsigned long)faults);
    return 0;
}
