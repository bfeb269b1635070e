/*
 * The window test shared by the sparc64 and x86_64 mmu guests (window.h).
 */
#include <stdio.h>

#include "window.h"

uint64_t mmu_pattern(uint64_t page, uint64_t word)
{
    return (page << 32) ^ (word * 0x9e3779b97f4a7c15ULL);
}

static uint64_t words_per_page(const struct mmu_window *w)
{
    return w->page_size / MMU_WORD_STRIDE;
}

void mmu_window_write(const struct mmu_window *w)
{
    for (uint64_t p = 0; p < w->pages; p++) {
        uint64_t va = w->va + p * w->page_size;
        for (uint64_t i = 0; i < words_per_page(w); i++) {
            mmu_window_store(va + i * MMU_WORD_STRIDE, mmu_pattern(p, i));
        }
    }
}

uint64_t mmu_window_checksum(const struct mmu_window *w)
{
    uint64_t sum = 0;
    for (uint64_t p = 0; p < w->pages; p++) {
        uint64_t va = w->va + p * w->page_size;
        for (uint64_t i = 0; i < words_per_page(w); i++) {
            sum = (sum ^ mmu_window_load(va + i * MMU_WORD_STRIDE)) * 0xff51afd7ed558ccdULL;
            sum ^= sum >> 33;
        }
    }
    return sum;
}

int mmu_window_report(const struct mmu_window *w, uint64_t checksum)
{
    printf("checksum 0x%016lx\n", (unsigned long)checksum);
    int real_ok = 1;
    for (uint64_t p = 0; p < w->pages; p += 17) {
        real_ok &= mmu_real_load(w->ra + p * w->page_size + 5 * MMU_WORD_STRIDE) == mmu_pattern(p, 5);
    }
    printf("real pages hold what the virtual window wrote: %s\n", real_ok ? "yes" : "NO");
    return real_ok;
}
