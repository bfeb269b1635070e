/*
 * tsb: the runtime's TTE and TSB helpers (hv/sparc64_mmu.h) beyond what the mmu
 * guest needs, sparc64 only:
 *
 *  - hv_sparc_tte for each page size the CPU has, and what it refuses;
 *  - a context-0 TSB indexed with 8 KiB pages that also holds a 64 KiB and a
 *    4 MiB page, filled on demand by a C slow-miss handler (tt 0x31): the data
 *    read through each page must be what was written to its real memory;
 *  - hv_sparc_tsb_lookup and hv_sparc_tsb_remove, with hv_sparc_demap_page
 *    making the next access miss again;
 *  - a shared TSB for the nonzero contexts (tags carry the context): one virtual
 *    address in contexts 2 and 3, reached through the secondary context, reads
 *    two different real pages.
 */
#include <stdint.h>
#include <stdio.h>

#include <hyperstrand/hv_api.h>
#include <hv/sparc64.h>
#include <hv/sparc64_mmu.h>

#define PAGE_8K  HV_SPARC_PAGE_SIZE(HV_PGSZ_IDX_8K)
#define PAGE_64K HV_SPARC_PAGE_SIZE(HV_PGSZ_IDX_64K)
#define PAGE_4M  HV_SPARC_PAGE_SIZE(HV_PGSZ_IDX_4MB)

/* Context 0: a 64 KiB page and a 4 MiB page, both in the TSB indexed with 8 KiB pages. */
#define P64K_VA 0x40010000ULL   /* not 4 MiB aligned: a TSB slot of its own */
#define P64K_RA 0x00c00000ULL
#define P4M_VA  0x44000000ULL
#define P4M_RA  0x03000000ULL

/* Contexts 2 and 3: one virtual page, two real ones, in a shared TSB. */
#define SHARED_VA 0x50000000ULL
#define CTX2_RA   0x02800000ULL
#define CTX3_RA   0x02802000ULL

#define TSB_ENTRIES 512

static struct hv_mmu_fault_area fault_area __attribute__((aligned(64)));
static struct hv_sparc_tsb_entry kernel_memory[TSB_ENTRIES] __attribute__((aligned(TSB_ENTRIES * 16)));
static struct hv_sparc_tsb_entry shared_memory[TSB_ENTRIES] __attribute__((aligned(TSB_ENTRIES * 16)));
static struct hv_sparc_tsb kernel_tsb, shared_tsb;
static volatile uint64_t slow_misses;

static const char *yes(int ok)
{
    return ok ? "yes" : "NO";
}

/* What is written at offset `off` of a page's real memory, and read back through its virtual address. */
static uint64_t pattern(uint64_t ra, uint64_t off)
{
    return (ra + off) * 0x9e3779b97f4a7c15ULL;
}

/* The page of context 0 that va lies in: its TTE, or 0 outside both. */
static hv_tte_t kernel_page(uint64_t va)
{
    if (va - P64K_VA < PAGE_64K)
        return hv_sparc_tte(P64K_RA, HV_PGSZ_IDX_64K, HV_TTE_P | HV_TTE_W);
    if (va - P4M_VA < PAGE_4M)
        return hv_sparc_tte(P4M_RA, HV_PGSZ_IDX_4MB, HV_TTE_P | HV_TTE_W);
    return 0;
}

static int slow_data_miss(struct hv_sparc_trap_frame *f)
{
    hv_tte_t tte = kernel_page(f->fault_addr);

    if (f->fault_ctx != 0 || tte == 0 || hv_sparc_tsb_insert(&kernel_tsb, f->fault_addr, 0, tte) != 0)
        return HV_SPARC_TRAP_FATAL;
    slow_misses++;
    return HV_SPARC_TRAP_RETRY;
}

static int check(const char *what, uint64_t status)
{
    if (status != HV_EOK) {
        printf("tsb: %s failed: %lu\n", what, (unsigned long)status);
        return 1;
    }
    return 0;
}

/* Reads `count` words `stride` apart from va; 1 if each is the pattern of its real address. */
static int read_back(uint64_t va, uint64_t ra, uint64_t stride, int count)
{
    int ok = 1;
    for (int i = 0; i < count; i++) {
        uint64_t off = (uint64_t)i * stride + 8;
        ok &= *(volatile uint64_t *)(uintptr_t)(va + off) == pattern(ra, off);
    }
    return ok;
}

static void fill_real(uint64_t ra, uint64_t stride, int count)
{
    for (int i = 0; i < count; i++) {
        uint64_t off = (uint64_t)i * stride + 8;
        hv_sparc_store_real(ra + off, pattern(ra, off));
    }
}

int main(void)
{
    printf("tsb: TTEs and TSBs through hv/sparc64_mmu.h\n");

    /* ---- TTEs ---- */
    hv_tte_t t8k = hv_sparc_tte(0x2000, HV_PGSZ_IDX_8K, HV_TTE_W);
    hv_tte_t t64k = hv_sparc_tte(0x10000, HV_PGSZ_IDX_64K, HV_TTE_W);
    hv_tte_t t4m = hv_sparc_tte(0x400000, HV_PGSZ_IDX_4MB, HV_TTE_X);
    hv_tte_t t256m = hv_sparc_tte(0x10000000, HV_PGSZ_IDX_256MB, HV_TTE_P);
    hv_tte_t io = hv_sparc_tte(0x2000, HV_PGSZ_IDX_8K, HV_TTE_E | HV_TTE_W);
    printf("tte: 8K 0x%016lx, 64K 0x%016lx, 4M 0x%016lx, 256M 0x%016lx\n", (unsigned long)t8k,
           (unsigned long)t64k, (unsigned long)t4m, (unsigned long)t256m);
    printf("tte: side effects uncached: %s; refused: 512K %s, misaligned %s, stray bits %s\n",
           yes((io & (HV_TTE_CP | HV_TTE_CV)) == 0 && (io & HV_TTE_E) != 0),
           yes(hv_sparc_tte(0x80000, HV_PGSZ_IDX_512K, 0) == 0),
           yes(hv_sparc_tte(0x2000, HV_PGSZ_IDX_64K, 0) == 0), yes(hv_sparc_tte(0x2000, HV_PGSZ_IDX_8K, 0x8) == 0));

    /* ---- TSBs ---- */
    int refused = hv_sparc_tsb_init(&kernel_tsb, kernel_memory, 256, HV_PGSZ_MASK_8K, 0) != 0
                  && hv_sparc_tsb_init(&kernel_tsb, kernel_memory + 1, TSB_ENTRIES, HV_PGSZ_MASK_8K, 0) != 0
                  && hv_sparc_tsb_init(&kernel_tsb, kernel_memory, TSB_ENTRIES, HV_PGSZ_MASK_512K, 0) != 0;
    if (hv_sparc_tsb_init(&kernel_tsb, kernel_memory, TSB_ENTRIES,
                          HV_PGSZ_MASK_8K | HV_PGSZ_MASK_64K | HV_PGSZ_MASK_4MB, 0) != 0
        || hv_sparc_tsb_init(&shared_tsb, shared_memory, TSB_ENTRIES, HV_PGSZ_MASK_8K, 1) != 0) {
        printf("tsb: hv_sparc_tsb_init refused a good TSB\n");
        return 1;
    }
    printf("tsb_init: indexed with size code %u; refused: 256 entries, misaligned, unsupported size: %s\n",
           kernel_tsb.pgsz_idx, yes(refused));

    fill_real(P64K_RA, PAGE_8K, 8);
    fill_real(P4M_RA, PAGE_4M / 4, 4);
    fill_real(CTX2_RA, 0, 1);
    fill_real(CTX3_RA, 0, 1);

    if (check("mmu_fault_area_conf", hv_sparc_fault_area_conf(&fault_area))
        || check("mmu_map_perm_addr", hv_sparc_map_image())
        || check("mmu_tsb_ctx0", hv_sparc_tsb_register_ctx0(&kernel_tsb, 1))
        || check("mmu_tsb_ctxnon0", hv_sparc_tsb_register_ctxnon0(&shared_tsb, 1))) {
        return 1;
    }
    hv_sparc_trap_set(HV_SPARC_TT_DATA_ACCESS_MMU_MISS, slow_data_miss);
    if (check("mmu_enable", hv_sparc_mmu_enable(1)))
        return 1;

    /* ---- a 64 KiB and a 4 MiB page in a TSB indexed with 8 KiB pages ---- */
    int ok64k = read_back(P64K_VA, P64K_RA, PAGE_8K, 8);
    printf("64K page, one word in each 8K of it: %s, slow misses %lu\n", yes(ok64k), (unsigned long)slow_misses);
    uint64_t before = slow_misses;
    int ok4m = read_back(P4M_VA, P4M_RA, PAGE_4M / 4, 4);
    printf("4M page, one word in each 1M of it: %s, slow misses %lu\n", yes(ok4m),
           (unsigned long)(slow_misses - before));

    hv_tte_t found = hv_sparc_tsb_lookup(&kernel_tsb, P64K_VA, 0);
    printf("lookup: the 64K page's TTE, size code %lu, real page 0x%lx; the context counts in shared TSBs only: %s\n",
           (unsigned long)(found & HV_TTE_SZ), (unsigned long)(found & HV_TTE_RA),
           yes(hv_sparc_tsb_lookup(&kernel_tsb, P64K_VA, 5) == found && hv_sparc_tsb_lookup(&shared_tsb, P64K_VA, 0) == 0));

    before = slow_misses;
    int removed = hv_sparc_tsb_remove(&kernel_tsb, P64K_VA, 0);
    int gone = hv_sparc_tsb_lookup(&kernel_tsb, P64K_VA, 0) == 0 && hv_sparc_tsb_remove(&kernel_tsb, P64K_VA, 0) == 0;
    if (check("mmu_demap_page", hv_sparc_demap_page(P64K_VA, 0, HV_MMU_FLAG_DMMU)))
        return 1;
    int again = read_back(P64K_VA, P64K_RA, PAGE_8K, 1);
    printf("remove %s, gone %s, demap_page, read again %s: slow misses %lu\n", yes(removed), yes(gone), yes(again),
           (unsigned long)(slow_misses - before));

    /* ---- a shared TSB: the context is in the tag ---- */
    hv_sparc_tsb_insert(&shared_tsb, SHARED_VA, 2, hv_sparc_tte(CTX2_RA, HV_PGSZ_IDX_8K, HV_TTE_W));
    hv_sparc_set_context(HV_SPARC_SECONDARY_CONTEXT, 2);
    int ctx2 = hv_sparc_load_secondary(SHARED_VA + 8) == pattern(CTX2_RA, 8);
    hv_sparc_tsb_insert(&shared_tsb, SHARED_VA, 3, hv_sparc_tte(CTX3_RA, HV_PGSZ_IDX_8K, HV_TTE_W));
    int replaced = hv_sparc_tsb_lookup(&shared_tsb, SHARED_VA, 2) == 0;
    hv_sparc_set_context(HV_SPARC_SECONDARY_CONTEXT, 3);
    int ctx3 = hv_sparc_load_secondary(SHARED_VA + 8) == pattern(CTX3_RA, 8);
    printf("shared TSB: context 2 reads its page: %s; context 3's entry for the same address takes the slot: %s, "
           "context %lu reads its own page: %s\n",
           yes(ctx2), yes(replaced), (unsigned long)hv_sparc_context(HV_SPARC_SECONDARY_CONTEXT), yes(ctx3));

    /* ---- off again ---- */
    if (check("mmu_tsb_ctx0(0)", hv_sparc_tsb_register_ctx0(NULL, 0))
        || check("mmu_tsb_ctxnon0(0)", hv_sparc_tsb_register_ctxnon0(NULL, 0))
        || check("mmu_enable(0)", hv_sparc_mmu_enable(0))) {
        return 1;
    }
    printf("mmu off, TSBs unregistered\n");
    return 0;
}
