/*
 * The part of the mmu guest both architectures share: a window of virtual pages
 * filled with a pattern, read back into a checksum and compared with the real
 * (guest-physical) pages behind it. How a word of the window is reached is the
 * architecture's business: each ARCH/mmu.c defines the three accessors below.
 */
#ifndef MMU_WINDOW_H
#define MMU_WINDOW_H

#include <stdint.h>

/* `pages` pages of `page_size` bytes at virtual address va, backed by real memory at ra. */
struct mmu_window {
    uint64_t va;
    uint64_t ra;
    uint64_t pages;
    uint64_t page_size;
};

/* Per architecture: a store and a load through the window's translation, a load from real memory. */
void mmu_window_store(uint64_t va, uint64_t value);
uint64_t mmu_window_load(uint64_t va);
uint64_t mmu_real_load(uint64_t ra);

/* The word the window holds at word `word` (of 8 bytes, every 64 bytes) of page `page`. */
uint64_t mmu_pattern(uint64_t page, uint64_t word);

/* Byte offset in a page of the words written: one every 64 bytes, the first at offset 0. */
#define MMU_WORD_STRIDE 64

/* Writes the pattern into every page, in ascending order of page and word. */
void mmu_window_write(const struct mmu_window *w);

/* Reads every word back, in the same order, into a checksum. */
uint64_t mmu_window_checksum(const struct mmu_window *w);

/*
 * Prints the checksum, then whether a sample of the real pages (every 17th page,
 * word 5) holds the pattern; returns 1 if it does.
 */
int mmu_window_report(const struct mmu_window *w, uint64_t checksum);

#endif
