/*
 * hv/sparc64_mmu.h: TTEs, TSBs, their registration, the fault status area and
 * the image's permanent mappings (sun4v API reference sections 4 and 5).
 * hv_sparc_mmu_enable is in mmu_enable.S: its return target must be code.
 */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/sparc64_mmu.h>

#include "sparc64.h"

_Static_assert(HV_RT_FAST_TRAP == HV_FAST_TRAP, "mmu_enable.S fast trap number");
_Static_assert(HV_RT_MMU_ENABLE == HV_FAST_MMU_ENABLE, "mmu_enable.S mmu_enable function number");
_Static_assert(sizeof(struct hv_sparc_tsb_entry) == 16, "TSB entry: tag and TTE");

/* guest.ld */
extern char __hv_image_start[], __hv_image_end[];

#define TAG_CTX_SHIFT 48
#define TAG_VA_SHIFT  22
#define TSB_CTX_SHARED 0xffffffffu

/* Attributes a caller may ask hv_sparc_tte for; the rest are the address, size and valid bits. */
#define TTE_ATTRS (HV_TTE_NFO | HV_TTE_SOFT2 | HV_TTE_IE | HV_TTE_E | HV_TTE_CP | HV_TTE_CV | HV_TTE_P \
                   | HV_TTE_X | HV_TTE_W | HV_TTE_SOFT)

/* The image is mapped one to one (or the MMU is off): its addresses are real addresses too. */
static hv_ra_t ra(const void *p)
{
    return (hv_ra_t)(uintptr_t)p;
}

static int supported(uint64_t pgsz)
{
    return pgsz < 8 && (HV_SPARC_PGSZ_MASK_SUPPORTED & (1u << pgsz)) != 0;
}

hv_tte_t hv_sparc_tte(hv_ra_t real, unsigned pgsz, uint64_t attrs)
{
    if (!supported(pgsz) || (real & (HV_SPARC_PAGE_SIZE(pgsz) - 1)) != 0 || (real & ~(uint64_t)HV_TTE_RA) != 0
        || (attrs & ~(uint64_t)TTE_ATTRS) != 0)
        return 0;
    if ((attrs & HV_TTE_E) == 0)
        attrs |= HV_TTE_CP | HV_TTE_CV;
    return (uint64_t)HV_TTE_V | real | attrs | pgsz;
}

int hv_sparc_tsb_init(struct hv_sparc_tsb *tsb, void *mem, uint32_t nentries, uint32_t pgsz_mask, int shared)
{
    uint64_t bytes = (uint64_t)nentries * sizeof(struct hv_sparc_tsb_entry);

    if (nentries < HV_SPARC_TSB_MIN_ENTRIES || nentries > HV_SPARC_TSB_MAX_ENTRIES
        || (nentries & (nentries - 1)) != 0 || (ra(mem) & (bytes - 1)) != 0 || pgsz_mask == 0
        || (pgsz_mask & ~(uint32_t)HV_SPARC_PGSZ_MASK_SUPPORTED) != 0)
        return -1;
    tsb->entries = mem;
    tsb->nentries = nentries;
    tsb->pgsz_mask = pgsz_mask;
    tsb->pgsz_idx = (uint16_t)__builtin_ctz(pgsz_mask);
    tsb->shared = shared != 0;
    for (uint32_t i = 0; i < nentries; i++) {
        tsb->entries[i].tag = 0;
        tsb->entries[i].tte = 0;
    }
    return 0;
}

/* The entry the hypervisor looks at for va, and the tag it expects there (sun4v API reference 4.4). */
static struct hv_sparc_tsb_entry *entry(const struct hv_sparc_tsb *tsb, uint64_t va)
{
    return &tsb->entries[(va >> HV_SPARC_PAGE_SHIFT(tsb->pgsz_idx)) & (tsb->nentries - 1)];
}

static uint64_t tag(const struct hv_sparc_tsb *tsb, uint64_t va, hv_ctx_t ctx)
{
    uint64_t context = tsb->shared ? (ctx & 0x1fff) << TAG_CTX_SHIFT : 0;
    return context | va >> TAG_VA_SHIFT;
}

int hv_sparc_tsb_insert(struct hv_sparc_tsb *tsb, uint64_t va, hv_ctx_t ctx, hv_tte_t tte)
{
    uint64_t size = tte & HV_TTE_SZ;

    if ((tte & (uint64_t)HV_TTE_V) == 0 || size >= 8 || (tsb->pgsz_mask & (1u << size)) == 0)
        return -1;
    struct hv_sparc_tsb_entry *e = entry(tsb, va);
    e->tte = 0;   /* never a moment with the new tag and the old TTE */
    __asm__ __volatile__("" ::: "memory");
    e->tag = tag(tsb, va, ctx);
    __asm__ __volatile__("" ::: "memory");
    e->tte = tte;
    return 0;
}

hv_tte_t hv_sparc_tsb_lookup(const struct hv_sparc_tsb *tsb, uint64_t va, hv_ctx_t ctx)
{
    const struct hv_sparc_tsb_entry *e = entry(tsb, va);
    return e->tag == tag(tsb, va, ctx) && (e->tte & (uint64_t)HV_TTE_V) != 0 ? e->tte : 0;
}

int hv_sparc_tsb_remove(struct hv_sparc_tsb *tsb, uint64_t va, hv_ctx_t ctx)
{
    if (hv_sparc_tsb_lookup(tsb, va, ctx) == 0)
        return 0;
    entry(tsb, va)->tte = 0;
    return 1;
}

void hv_sparc_tsb_descr(const struct hv_sparc_tsb *tsb, struct hv_tsb_descr *descr)
{
    *descr = (struct hv_tsb_descr){
        .pgsz_idx = tsb->pgsz_idx,
        .assoc = 1,
        .num_ttes = tsb->nentries,
        .ctx_idx = tsb->shared ? TSB_CTX_SHARED : 0,
        .pgsz_mask = tsb->pgsz_mask,
        .tsb_base = ra(tsb->entries),
        .resv = 0,
    };
}

static uint64_t tsb_register(uint64_t (*call)(uint64_t, hv_ra_t), const struct hv_sparc_tsb *tsbs, unsigned n)
{
    struct hv_tsb_descr descr[HV_SPARC_MAX_TSBS];

    if (n > HV_SPARC_MAX_TSBS)
        return HV_EINVAL;
    for (unsigned i = 0; i < n; i++)
        hv_sparc_tsb_descr(&tsbs[i], &descr[i]);
    return call(n, n == 0 ? 0 : ra(descr));
}

uint64_t hv_sparc_tsb_register_ctx0(const struct hv_sparc_tsb *tsbs, unsigned n)
{
    return tsb_register(hv_mmu_tsb_ctx0, tsbs, n);
}

uint64_t hv_sparc_tsb_register_ctxnon0(const struct hv_sparc_tsb *tsbs, unsigned n)
{
    return tsb_register(hv_mmu_tsb_ctxnon0, tsbs, n);
}

uint64_t hv_sparc_fault_area_conf(struct hv_mmu_fault_area *area)
{
    uint64_t previous;
    uint64_t status = hv_mmu_fault_area_conf(ra(area), &previous);

    if (status == HV_EOK)
        __asm__ __volatile__("stxa %0, [%%g0] %1\n\tmembar #Sync"
                             : : "r"(area), "i"(HV_SPARC_ASI_SCRATCHPAD) : "memory");
    return status;
}

uint64_t hv_sparc_map_image(void)
{
    const uint64_t page = HV_SPARC_PAGE_SIZE(HV_PGSZ_IDX_4MB);
    uint64_t first = ra(__hv_image_start) & ~(page - 1);

    for (uint64_t va = first; va < ra(__hv_image_end); va += page) {
        uint64_t status = hv_sparc_map_perm(va, hv_sparc_tte(va, HV_PGSZ_IDX_4MB, HV_TTE_P | HV_TTE_X | HV_TTE_W),
                                            HV_MMU_FLAG_ALL);
        if (status != HV_EOK)
            return status;
    }
    return HV_EOK;
}
