/*
 * mmu: the sun4v MMU as a guest kernel uses it.
 *
 * With the MMU still off the guest configures its fault status area, maps its own
 * image one to one with a permanent 4 MiB mapping, installs its trap table
 * (mmu_traps.S) and turns the MMU on with mmu_enable. Then it goes through the
 * three ways a translation reaches the TLB:
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

#include "mmu.h"
#include "../window.h"

_Static_assert(MMU_FA_I_ADDR == HV_MMU_FAULT_AREA_I_FAULT_ADDR_OFFSET, "fault area layout");
_Static_assert(MMU_FA_I_CTX == HV_MMU_FAULT_AREA_I_FAULT_CTX_OFFSET, "fault area layout");
_Static_assert(MMU_FA_D_ADDR == HV_MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET, "fault area layout");
_Static_assert(MMU_FA_D_CTX == HV_MMU_FAULT_AREA_D_FAULT_CTX_OFFSET, "fault area layout");
_Static_assert(MMU_TTE_CP == HV_TTE_CP && MMU_TTE_CV == HV_TTE_CV && MMU_TTE_P == HV_TTE_P
               && MMU_TTE_X == HV_TTE_X && MMU_TTE_W == HV_TTE_W, "TTE bits");
_Static_assert(MMU_FLAG_DMMU == HV_MMU_FLAG_DMMU && MMU_FLAG_IMMU == HV_MMU_FLAG_IMMU, "MMU flags");
_Static_assert(MMU_MAP_ADDR_TRAP == HV_MMU_MAP_ADDR_TRAP, "mmu_map_addr trap");

/* A TSB entry: the tag (context and VA[63:22]), then the TTE. */
struct tsb_entry {
    uint64_t tag;
    uint64_t tte;
};

/* Read and written by the handlers in mmu_traps.S. */
struct hv_mmu_fault_area mmu_fault_area __attribute__((aligned(64)));
struct tsb_entry mmu_tsb[MMU_TSB_ENTRIES] __attribute__((aligned(MMU_TSB_ENTRIES * 16)));
volatile uint64_t mmu_fast_imisses;
volatile uint64_t mmu_fast_dmisses;
volatile uint64_t mmu_slow_dmisses;

extern char mmu_trap_table[];
extern const char mmu_window_code[], mmu_window_code_end[];
uint64_t mmu_switch(uint64_t enable);

/* The image is mapped one to one: its addresses are real addresses too. */
static hv_ra_t ra(const void *p)
{
    return (hv_ra_t)(uintptr_t)p;
}

static uint64_t tte(uint64_t real, uint64_t bits, uint64_t size)
{
    return (uint64_t)HV_TTE_V | real | HV_TTE_CP | HV_TTE_CV | bits | size;
}

/* The window's accessors (window.h): the V window is reached through the secondary context. */
void mmu_window_store(uint64_t va, uint64_t v)
{
    __asm__ __volatile__("stxa %0, [%1] %2" : : "r"(v), "r"(va), "i"(MMU_ASI_SECONDARY) : "memory");
}

uint64_t mmu_window_load(uint64_t va)
{
    uint64_t v;
    __asm__ __volatile__("ldxa [%1] %2, %0" : "=r"(v) : "r"(va), "i"(MMU_ASI_SECONDARY) : "memory");
    return v;
}

uint64_t mmu_real_load(uint64_t real)
{
    uint64_t v;
    __asm__ __volatile__("ldxa [%1] 0x14, %0" : "=r"(v) : "r"(real) : "memory");
    return v;
}

static void set_secondary_context(uint64_t ctx)
{
    __asm__ __volatile__("stxa %0, [%1] %2" : : "r"(ctx), "r"((uint64_t)0x10), "i"(MMU_ASI_MMU) : "memory");
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
    uint64_t previous, n;

    /* ---- MMU off: fault area, permanent mapping of the image, trap table ---- */
    if (check("mmu_fault_area_conf", hv_mmu_fault_area_conf(ra(&mmu_fault_area), &previous))
        || check("mmu_map_perm_addr",
                 hv_mmu_map_perm_addr(0, 0, tte(0, HV_TTE_P | HV_TTE_X | HV_TTE_W, HV_PGSZ_IDX_4MB),
                                      HV_MMU_FLAG_ALL))) {
        return 1;
    }
    memcpy((void *)(uintptr_t)MMU_I_RA, mmu_window_code, (size_t)(mmu_window_code_end - mmu_window_code));
    __asm__ __volatile__("wrpr %0, 0, %%tba" : : "r"(mmu_trap_table));

    if (check("mmu_enable", mmu_switch(1))) {
        return 1;
    }
    printf("mmu on: image mapped 1:1 by a permanent 4 MiB page\n");

    /* ---- 1. a fast instruction miss ---- */
    int (*window_code)(int) = (int (*)(int))(uintptr_t)MMU_I_VA;
    int r = window_code(35);
    printf("code in an unmapped page: f(35) = %d, fast instruction misses handled: %lu\n", r,
           (unsigned long)mmu_fast_imisses);

    /* ---- 2. a context-0 TSB ---- */
    for (uint64_t p = 0; p < MMU_T_PREFILLED; p++) {
        uint64_t va = MMU_T_VA + p * MMU_PAGE_SIZE;
        struct tsb_entry *e = &mmu_tsb[(va >> MMU_PAGE_SHIFT) & (MMU_TSB_ENTRIES - 1)];
        e->tag = va >> 22;
        e->tte = tte(MMU_T_RA + p * MMU_PAGE_SIZE, HV_TTE_P | HV_TTE_W, HV_PGSZ_IDX_8K);
    }
    struct hv_tsb_descr descr = {
        .pgsz_idx = HV_PGSZ_IDX_8K,
        .assoc = 1,
        .num_ttes = MMU_TSB_ENTRIES,
        .ctx_idx = 0,
        .pgsz_mask = HV_PGSZ_MASK_8K,
        .tsb_base = ra(mmu_tsb),
        .resv = 0,
    };
    if (check("mmu_tsb_ctx0", hv_mmu_tsb_ctx0(1, ra(&descr)))) {
        return 1;
    }
    uint64_t tsum = 0;
    for (uint64_t p = 0; p < MMU_T_PAGES; p++) {
        volatile uint64_t *w = (volatile uint64_t *)(uintptr_t)(MMU_T_VA + p * MMU_PAGE_SIZE);
        w[1] = p * 3;
        tsum += w[1];
    }
    printf("tsb window: %d pages, %d in the TSB, slow misses handled: %lu, sum %lu\n", MMU_T_PAGES,
           MMU_T_PREFILLED, (unsigned long)mmu_slow_dmisses, (unsigned long)tsum);

    /* ---- 3. fast data misses in context 1 ---- */
    set_secondary_context(MMU_V_CTX);
    const struct mmu_window v = {
        .va = MMU_V_VA, .ra = MMU_V_RA, .pages = MMU_V_PAGES, .page_size = MMU_PAGE_SIZE,
    };
    mmu_window_write(&v);
    uint64_t sum = mmu_window_checksum(&v);
    uint64_t dmisses = mmu_fast_dmisses;
    printf("context 1 window: %d pages written and read back, fast data misses handled: %lu\n", MMU_V_PAGES,
           (unsigned long)dmisses);
    mmu_window_report(&v, sum);

    /* ---- demap, and the configuration as the hypervisor reports it ---- */
    mmu_window_load(MMU_V_VA + (MMU_V_PAGES - 1) * MMU_PAGE_SIZE);  /* the last page: in the TLB */
    dmisses = mmu_fast_dmisses;
    mmu_window_load(MMU_V_VA + (MMU_V_PAGES - 1) * MMU_PAGE_SIZE);
    int hit = mmu_fast_dmisses == dmisses;
    if (check("mmu_demap_ctx", hv_mmu_demap_ctx(0, 0, MMU_V_CTX, HV_MMU_FLAG_DMMU))) {
        return 1;
    }
    mmu_window_load(MMU_V_VA + (MMU_V_PAGES - 1) * MMU_PAGE_SIZE);
    printf("after mmu_demap_ctx(1): %s before, %s after\n", hit ? "hit" : "MISS",
           mmu_fast_dmisses == dmisses + 1 ? "missed" : "HIT");

    struct hv_tsb_descr back[4];
    uint64_t area;
    if (check("mmu_tsb_ctx0_info", hv_mmu_tsb_ctx0_info(4, ra(back), &n))
        || check("mmu_fault_area_info", hv_mmu_fault_area_info(&area))) {
        return 1;
    }
    printf("tsb_ctx0_info: %lu TSB of %u entries, same base: %s; fault area registered: %s\n", (unsigned long)n,
           back[0].num_ttes, back[0].tsb_base == ra(mmu_tsb) ? "yes" : "no",
           area == ra(&mmu_fault_area) ? "yes" : "no");

    /* ---- back to real addressing ---- */
    if (check("mmu_tsb_ctx0(0)", hv_mmu_tsb_ctx0(0, 0)) || check("mmu_enable(0)", mmu_switch(0))) {
        return 1;
    }
    printf("mmu off: %s\n", mmu_switch(0) == HV_EINVAL ? "a second mmu_enable(0) answers EINVAL" : "?");
    return 0;
}
