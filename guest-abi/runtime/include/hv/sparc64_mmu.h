/*
 * hv/sparc64_mmu.h: the sun4v MMU for sparc64 guests of the Hyperstrand runtime:
 * TTEs, TSBs and their registration, the fault status area, permanent mappings,
 * turning translation on and off, demaps, contexts (sun4v API reference sections
 * 4 and 5; the calls are in hyperstrand/hv_api.h).
 *
 * The helpers hand the hypervisor the addresses of the TSBs, the descriptors and
 * the fault area as real addresses equal to their virtual ones: keep the memory
 * they live in mapped one to one (hv_sparc_map_image does that for the image,
 * its .bss and its stacks), or call them with the MMU off.
 */
#ifndef HV_SPARC64_MMU_H
#define HV_SPARC64_MMU_H

#include <stdint.h>

#include <hyperstrand/hv_api.h>

#if !defined(__sparc__) || !defined(__arch64__)
#error "hv/sparc64_mmu.h is for sparc64 guests"
#endif

/* Page-size code pgsz (HV_PGSZ_IDX_*): 2^(13 + 3 pgsz) bytes. */
#define HV_SPARC_PAGE_SHIFT(pgsz) (13 + 3 * (pgsz))
#define HV_SPARC_PAGE_SIZE(pgsz)  (1ULL << HV_SPARC_PAGE_SHIFT(pgsz))

/* The page sizes the CPU has (the MD cpu node's mmu-page-size-list): 8 KiB, 64 KiB, 4 MiB, 256 MiB. */
#define HV_SPARC_PGSZ_MASK_SUPPORTED \
    (HV_PGSZ_MASK_8K | HV_PGSZ_MASK_64K | HV_PGSZ_MASK_4MB | HV_PGSZ_MASK_256MB)

/*
 * A valid TTE for the page of size code pgsz at real address ra with `attrs`:
 * any of HV_TTE_P (privileged), HV_TTE_X (executable), HV_TTE_W (writable),
 * HV_TTE_E (side effects), HV_TTE_IE, HV_TTE_NFO and the soft bits. Pages are
 * cacheable (HV_TTE_CP | HV_TTE_CV) unless attrs has HV_TTE_E. Returns 0 (not a
 * valid TTE) if pgsz is not a page size the CPU has, ra is not aligned to the
 * page, or attrs has bits outside those.
 */
hv_tte_t hv_sparc_tte(hv_ra_t ra, unsigned pgsz, uint64_t attrs);

/* A TSB entry: the tag (context in bits 60:48, VA bits 63:22 below), then the TTE. */
struct hv_sparc_tsb_entry {
    uint64_t tag;
    hv_tte_t tte;
};

/*
 * A TSB in the guest's memory: a direct-mapped cache of translations the
 * hypervisor searches on a TLB miss before it bothers the guest. Entry i holds
 * the translation of a VA whose bits from HV_SPARC_PAGE_SHIFT(pgsz_idx) up are i
 * modulo nentries.
 */
struct hv_sparc_tsb {
    struct hv_sparc_tsb_entry *entries;
    uint32_t nentries;   /* a power of two, HV_SPARC_TSB_MIN_ENTRIES to HV_SPARC_TSB_MAX_ENTRIES */
    uint32_t pgsz_mask;  /* the page sizes it may hold (HV_PGSZ_MASK_*) */
    uint16_t pgsz_idx;   /* the one it is indexed with: the smallest in pgsz_mask */
    uint8_t shared;      /* tags carry the context (ctx_idx -1): one TSB for several contexts */
};

#define HV_SPARC_TSB_MIN_ENTRIES 512
#define HV_SPARC_TSB_MAX_ENTRIES (512 << 15)
#define HV_SPARC_MAX_TSBS        4   /* per context class (MD cpu node mmu-max-#tsbs) */

/*
 * Makes a TSB of `nentries` entries (16 bytes each) in `mem`, which must be
 * aligned to its size, nentries * 16 bytes, and clears every entry. pgsz_mask
 * names the page sizes it will hold (only sizes of HV_SPARC_PGSZ_MASK_SUPPORTED);
 * `shared` makes a TSB whose tags carry the context. Returns 0, or -1 for a bad
 * size, alignment or mask.
 */
int hv_sparc_tsb_init(struct hv_sparc_tsb *tsb, void *mem, uint32_t nentries, uint32_t pgsz_mask, int shared);

/*
 * Writes the entry that translates va in context ctx with `tte`, replacing what
 * the entry held. The entry serves the index page (HV_SPARC_PAGE_SIZE(pgsz_idx))
 * that holds va: a larger page needs an entry for each index page it is reached
 * through, which is why TSBs are usually filled from a miss handler. Returns 0,
 * or -1 if tte is not valid or its page size is not in the TSB's mask. Call
 * hv_sparc_demap_page if an older translation of va may be in the TLB.
 */
int hv_sparc_tsb_insert(struct hv_sparc_tsb *tsb, uint64_t va, hv_ctx_t ctx, hv_tte_t tte);

/*
 * The TTE the TSB holds for va in context ctx, or 0. In a TSB that is not shared
 * the context is implied by the class it is registered for, so ctx does not
 * count there (here, in insert and in remove).
 */
hv_tte_t hv_sparc_tsb_lookup(const struct hv_sparc_tsb *tsb, uint64_t va, hv_ctx_t ctx);

/* Clears the entry for va in context ctx if it holds one; 1 if it did, else 0. */
int hv_sparc_tsb_remove(struct hv_sparc_tsb *tsb, uint64_t va, hv_ctx_t ctx);

/*
 * Registers the n TSBs of `tsbs` (n <= HV_SPARC_MAX_TSBS; 0 unregisters them
 * all) for context 0 (mmu_tsb_ctx0) or for every other context
 * (mmu_tsb_ctxnon0), on the calling CPU. The hypervisor copies the descriptors;
 * the TSBs themselves it reads on every miss. Returns the call's status
 * (HV_EINVAL for n too large).
 */
uint64_t hv_sparc_tsb_register_ctx0(const struct hv_sparc_tsb *tsbs, unsigned n);
uint64_t hv_sparc_tsb_register_ctxnon0(const struct hv_sparc_tsb *tsbs, unsigned n);

/* The descriptor mmu_tsb_ctx0 / mmu_tsb_ctxnon0 take for one TSB. */
void hv_sparc_tsb_descr(const struct hv_sparc_tsb *tsb, struct hv_tsb_descr *descr);

/*
 * Registers `area` (64-byte aligned) as the calling CPU's fault status area
 * (mmu_fault_area_conf), where the hypervisor reports MMU faults and misses, and
 * keeps its address in the CPU's scratchpad register 0 (sun4v API reference
 * section 6.4, the Linux convention), where hv_sparc_fault_area and the trap
 * entry find it. Each CPU registers its own. Returns the call's status.
 */
uint64_t hv_sparc_fault_area_conf(struct hv_mmu_fault_area *area);

#define HV_SPARC_ASI_SCRATCHPAD 0x20
#define HV_SPARC_ASI_MMU        0x21
#define HV_SPARC_ASI_REAL       0x14
#define HV_SPARC_ASI_SECONDARY  0x81

/* The calling CPU's fault status area, NULL before hv_sparc_fault_area_conf. */
static inline struct hv_mmu_fault_area *hv_sparc_fault_area(void)
{
    uint64_t va;
    __asm__ __volatile__("ldxa [%%g0] %1, %0" : "=r"(va) : "i"(HV_SPARC_ASI_SCRATCHPAD) : "memory");
    return (struct hv_mmu_fault_area *)(uintptr_t)va;
}

/*
 * Maps the runtime's image one to one with permanent 4 MiB pages, privileged,
 * executable and writable, in both TLBs (mmu_map_perm_addr): from the 4 MiB page
 * that holds its start to the one that holds the end of its stacks, everything
 * the runtime and the handlers of hv/sparc64.h touch. Permanent mappings never
 * miss and are never demapped. Returns the first failing call's status, or
 * HV_EOK.
 */
uint64_t hv_sparc_map_image(void);

/* A permanent mapping of va (context 0) with `tte`, and its removal; flags: HV_MMU_FLAG_*. */
static inline uint64_t hv_sparc_map_perm(uint64_t va, hv_tte_t tte, uint64_t flags)
{
    return hv_mmu_map_perm_addr(va, 0, tte, flags);
}

static inline uint64_t hv_sparc_unmap_perm(uint64_t va, uint64_t flags)
{
    return hv_mmu_unmap_perm_addr(va, 0, flags);
}

/*
 * Translation on (1) or off (0) with mmu_enable, continuing right after the
 * call: the return target is the address of the code that follows, used as a
 * virtual address when turning on and as a real one when turning off, so the
 * runtime's code must be mapped one to one (hv_sparc_map_image). Returns HV_EOK,
 * or the call's error (HV_EINVAL if translation already was in that state), in
 * which case nothing changed.
 */
uint64_t hv_sparc_mmu_enable(uint64_t on);

/* Demaps on the calling CPU (flags: HV_MMU_FLAG_*); permanent mappings stay. */
static inline uint64_t hv_sparc_demap_page(uint64_t va, hv_ctx_t ctx, uint64_t flags)
{
    return hv_mmu_demap_page(0, 0, va, ctx, flags);
}

static inline uint64_t hv_sparc_demap_ctx(hv_ctx_t ctx, uint64_t flags)
{
    return hv_mmu_demap_ctx(0, 0, ctx, flags);
}

static inline uint64_t hv_sparc_demap_all(uint64_t flags)
{
    return hv_mmu_demap_all(0, 0, flags);
}

/* The primary and secondary context registers (ASI_MMU 0x8 and 0x10). */
#define HV_SPARC_PRIMARY_CONTEXT   0x08
#define HV_SPARC_SECONDARY_CONTEXT 0x10

static inline void hv_sparc_set_context(uint64_t which, hv_ctx_t ctx)
{
    __asm__ __volatile__("stxa %0, [%1] %2\n\tmembar #Sync"
                         : : "r"(ctx), "r"(which), "i"(HV_SPARC_ASI_MMU) : "memory");
}

static inline hv_ctx_t hv_sparc_context(uint64_t which)
{
    hv_ctx_t ctx;
    __asm__ __volatile__("ldxa [%1] %2, %0" : "=r"(ctx) : "r"(which), "i"(HV_SPARC_ASI_MMU) : "memory");
    return ctx;
}

/*
 * hv_sparc_load_secondary(va) and hv_sparc_store_secondary(va, v): 64-bit
 * accesses through the secondary context (ASI_SECONDARY); hv_sparc_load_real(ra)
 * and hv_sparc_store_real(ra, v): to real memory, untranslated (ASI_REAL).
 */
#define HV_SPARC_ASI_ACCESSORS(name, asi)                                                     \
    static inline uint64_t hv_sparc_load_##name(uint64_t address)                             \
    {                                                                                         \
        uint64_t v;                                                                           \
        __asm__ __volatile__("ldxa [%1] %2, %0" : "=r"(v) : "r"(address), "i"(asi) : "memory"); \
        return v;                                                                             \
    }                                                                                         \
    static inline void hv_sparc_store_##name(uint64_t address, uint64_t v)                    \
    {                                                                                         \
        __asm__ __volatile__("stxa %0, [%1] %2" : : "r"(v), "r"(address), "i"(asi) : "memory"); \
    }
HV_SPARC_ASI_ACCESSORS(secondary, HV_SPARC_ASI_SECONDARY)
HV_SPARC_ASI_ACCESSORS(real, HV_SPARC_ASI_REAL)
#undef HV_SPARC_ASI_ACCESSORS

#endif
