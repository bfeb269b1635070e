/*
 * mmu: the sun4v MMU as a guest kernel uses it, through the runtime's
 * hv/sparc64_mmu.h and, for the misses, C handlers registered with
 * hv/sparc64.h.
 *
 * With the MMU still off the guest registers its fault status area, maps the
 * runtime's image one to one with a permanent 4 MiB mapping, registers its miss
 * handlers and turns the MMU on. Then it goes through the three ways a
 * translation reaches the TLB:
 *
 *  1. a fast instruction miss: it calls code in a page nothing maps yet; its
 *     handler for trap 0x64 loads the page with mmu_map_addr (ta 0x83);
 *  2. the TSB: it registers a context-0 TSB holding half the pages of a 64-page
 *     window; the hypervisor serves those misses from the TSB without the guest
 *     seeing them, and the other half come to the slow-miss handler (trap 0x31),
 *     which writes the TSB entry and retries;
 *  3. fast data misses: through the secondary context (context 1, for which no TSB
 *     is registered) it writes and then reads back a 256-page window, twice as
 *     many pages as the data TLB holds, so every page misses on every pass; the
 *     handler for trap 0x68 maps them on demand.
 *
 * It checks the data against the real pages (ASI_REAL), demaps context 1 and
 * shows the next access missing again, reads back its TSB and fault area
 * configuration, turns the MMU off again and exits 0. The window's fill, checksum
 * and real-page check are ../window.c, which the x86_64 guest shares.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <hyperstrand/hv_api.h>
#include <hv/sparc64.h>
#include <hv/sparc64_mmu.h>

#include "../window.h"

#define PAGE  HV_SPARC_PAGE_SIZE(HV_PGSZ_IDX_8K)   /* the windows' pages */

/*
 * The runtime's image, its stacks and everything in .bss lie in the first 4 MiB
 * of real memory. Behind the three virtual windows is real memory well above
 * that (the domain has 64 MiB).
 */

/* One code page in context 0, mapped by the fast instruction-miss handler (tt 0x64). */
#define I_VA 0x10000000
#define I_RA 0x00800000

/* 64 pages in context 0: half in the TSB beforehand, half put there by the slow-miss handler (tt 0x31). */
#define T_VA        0x20000000
#define T_RA        0x01000000
#define T_PAGES     64
#define T_PREFILLED 32

/* 256 pages in context 1, reached through the secondary context, mapped by the fast data-miss handler (tt 0x68). */
#define V_VA    0x30000000
#define V_RA    0x02000000
#define V_PAGES 256
#define V_CTX   1

/* The context-0 TSB: 512 entries, indexed with 8 KiB pages. */
#define TSB_ENTRIES 512

static struct hv_mmu_fault_area fault_area __attribute__((aligned(64)));
static struct hv_sparc_tsb_entry tsb_memory[TSB_ENTRIES] __attribute__((aligned(TSB_ENTRIES * 16)));
static struct hv_sparc_tsb tsb;
static volatile uint64_t fast_imisses, fast_dmisses, slow_dmisses;

extern const char mmu_window_code[], mmu_window_code_end[];

/* The window's accessors (window.h): the V window is reached through the secondary context. */
void mmu_window_store(uint64_t va, uint64_t v)
{
    hv_sparc_store_secondary(va, v);
}

uint64_t mmu_window_load(uint64_t va)
{
    return hv_sparc_load_secondary(va);
}

uint64_t mmu_real_load(uint64_t real)
{
    return hv_sparc_load_real(real);
}

/* The miss handlers. A miss anywhere else is a bug: the runtime reports it. */

static int fast_instruction_miss(struct hv_sparc_trap_frame *f)
{
    if (f->fault_addr != I_VA || f->fault_ctx != 0
        || hv_mmu_map_addr(I_VA, 0, hv_sparc_tte(I_RA, HV_PGSZ_IDX_8K, HV_TTE_P | HV_TTE_X), HV_MMU_FLAG_IMMU)
               != HV_EOK)
        return HV_SPARC_TRAP_FATAL;
    fast_imisses++;
    return HV_SPARC_TRAP_RETRY;
}

static int fast_data_miss(struct hv_sparc_trap_frame *f)
{
    uint64_t offset = f->fault_addr - V_VA;

    if (f->fault_ctx != V_CTX || offset >= V_PAGES * PAGE
        || hv_mmu_map_addr(f->fault_addr, V_CTX, hv_sparc_tte(V_RA + offset, HV_PGSZ_IDX_8K, HV_TTE_W),
                           HV_MMU_FLAG_DMMU) != HV_EOK)
        return HV_SPARC_TRAP_FATAL;
    fast_dmisses++;
    return HV_SPARC_TRAP_RETRY;
}

/* The hypervisor finds the entry in the TSB when the access is retried. */
static int slow_data_miss(struct hv_sparc_trap_frame *f)
{
    uint64_t offset = f->fault_addr - T_VA;

    if (f->fault_ctx != 0 || offset >= T_PAGES * PAGE
        || hv_sparc_tsb_insert(&tsb, f->fault_addr, 0,
                               hv_sparc_tte(T_RA + offset, HV_PGSZ_IDX_8K, HV_TTE_P | HV_TTE_W)) != 0)
        return HV_SPARC_TRAP_FATAL;
    slow_dmisses++;
    return HV_SPARC_TRAP_RETRY;
}

static int check(const char *what, uint64_t status)
{
    if (status != HV_EOK) {
        printf("mmu: %s failed: %lu\n", what, (unsigned long)status);
        return 1;
    }
    return 0;
}

int main(void)
{
    uint64_t n;

    /* ---- MMU off: fault area, permanent mapping of the image, miss handlers ---- */
    if (check("mmu_fault_area_conf", hv_sparc_fault_area_conf(&fault_area))
        || check("mmu_map_perm_addr", hv_sparc_map_image())) {
        return 1;
    }
    memcpy((void *)(uintptr_t)I_RA, mmu_window_code, (size_t)(mmu_window_code_end - mmu_window_code));
    hv_sparc_trap_set(HV_SPARC_TT_FAST_INSTRUCTION_MMU_MISS, fast_instruction_miss);
    hv_sparc_trap_set(HV_SPARC_TT_FAST_DATA_MMU_MISS, fast_data_miss);
    hv_sparc_trap_set(HV_SPARC_TT_DATA_ACCESS_MMU_MISS, slow_data_miss);

    if (check("mmu_enable", hv_sparc_mmu_enable(1))) {
        return 1;
    }
    printf("mmu on: image mapped 1:1 by a permanent 4 MiB page\n");

    /* ---- 1. a fast instruction miss ---- */
    int (*window_code)(int) = (int (*)(int))(uintptr_t)I_VA;
    int r = window_code(35);
    printf("code in an unmapped page: f(35) = %d, fast instruction misses handled: %lu\n", r,
           (unsigned long)fast_imisses);

    /* ---- 2. a context-0 TSB ---- */
    if (hv_sparc_tsb_init(&tsb, tsb_memory, TSB_ENTRIES, HV_PGSZ_MASK_8K, 0) != 0) {
        printf("mmu: hv_sparc_tsb_init refused the TSB\n");
        return 1;
    }
    for (uint64_t p = 0; p < T_PREFILLED; p++) {
        hv_sparc_tsb_insert(&tsb, T_VA + p * PAGE, 0,
                            hv_sparc_tte(T_RA + p * PAGE, HV_PGSZ_IDX_8K, HV_TTE_P | HV_TTE_W));
    }
    if (check("mmu_tsb_ctx0", hv_sparc_tsb_register_ctx0(&tsb, 1))) {
        return 1;
    }
    uint64_t tsum = 0;
    for (uint64_t p = 0; p < T_PAGES; p++) {
        volatile uint64_t *w = (volatile uint64_t *)(uintptr_t)(T_VA + p * PAGE);
        w[1] = p * 3;
        tsum += w[1];
    }
    printf("tsb window: %d pages, %d in the TSB, slow misses handled: %lu, sum %lu\n", T_PAGES, T_PREFILLED,
           (unsigned long)slow_dmisses, (unsigned long)tsum);

    /* ---- 3. fast data misses in context 1 ---- */
    hv_sparc_set_context(HV_SPARC_SECONDARY_CONTEXT, V_CTX);
    const struct mmu_window v = { .va = V_VA, .ra = V_RA, .pages = V_PAGES, .page_size = PAGE };
    mmu_window_write(&v);
    uint64_t sum = mmu_window_checksum(&v);
    uint64_t dmisses = fast_dmisses;
    printf("context 1 window: %d pages written and read back, fast data misses handled: %lu\n", V_PAGES,
           (unsigned long)dmisses);
    mmu_window_report(&v, sum);

    /* ---- demap, and the configuration as the hypervisor reports it ---- */
    uint64_t last = V_VA + (V_PAGES - 1) * PAGE;
    mmu_window_load(last);  /* the last page: in the TLB */
    dmisses = fast_dmisses;
    mmu_window_load(last);
    int hit = fast_dmisses == dmisses;
    if (check("mmu_demap_ctx", hv_sparc_demap_ctx(V_CTX, HV_MMU_FLAG_DMMU))) {
        return 1;
    }
    mmu_window_load(last);
    printf("after mmu_demap_ctx(1): %s before, %s after\n", hit ? "hit" : "MISS",
           fast_dmisses == dmisses + 1 ? "missed" : "HIT");

    struct hv_tsb_descr back[HV_SPARC_MAX_TSBS];
    uint64_t area;
    if (check("mmu_tsb_ctx0_info", hv_mmu_tsb_ctx0_info(HV_SPARC_MAX_TSBS, (hv_ra_t)(uintptr_t)back, &n))
        || check("mmu_fault_area_info", hv_mmu_fault_area_info(&area))) {
        return 1;
    }
    printf("tsb_ctx0_info: %lu TSB of %u entries, same base: %s; fault area registered: %s\n", (unsigned long)n,
           back[0].num_ttes, back[0].tsb_base == (hv_ra_t)(uintptr_t)tsb_memory ? "yes" : "no",
           area == (hv_ra_t)(uintptr_t)hv_sparc_fault_area() ? "yes" : "no");

    /* ---- back to real addressing ---- */
    if (check("mmu_tsb_ctx0(0)", hv_sparc_tsb_register_ctx0(NULL, 0))
        || check("mmu_enable(0)", hv_sparc_mmu_enable(0))) {
        return 1;
    }
    printf("mmu off: %s\n", hv_sparc_mmu_enable(0) == HV_EINVAL ? "a second mmu_enable(0) answers EINVAL" : "?");
    return 0;
}
