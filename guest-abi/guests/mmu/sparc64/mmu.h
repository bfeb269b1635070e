/*
 * Layout shared by mmu.c and mmu_traps.S (assembler-safe: #defines only). mmu.c
 * checks the hypervisor's numbers here against hv_api.h.
 */
#ifndef MMU_GUEST_H
#define MMU_GUEST_H

#define MMU_PAGE_SHIFT 13                 /* 8 KiB pages in the windows */
#define MMU_PAGE_SIZE  (1 << MMU_PAGE_SHIFT)

/*
 * The image, its stacks and everything in .bss lie in the first 4 MiB of real
 * memory, mapped one to one by a single permanent 4 MiB mapping. Behind the three
 * virtual windows is real memory well above that (the domain has 64 MiB).
 */
#define MMU_IMAGE_PAGE_SIZE (4 << 20)

/* One code page in context 0, mapped by the fast instruction-miss handler (tt 0x64). */
#define MMU_I_VA 0x10000000
#define MMU_I_RA 0x00800000

/* 64 pages in context 0: half in the TSB beforehand, half put there by the slow-miss handler (tt 0x31). */
#define MMU_T_VA        0x20000000
#define MMU_T_RA        0x01000000
#define MMU_T_PAGES     64
#define MMU_T_PREFILLED 32

/* 256 pages in context 1, reached through the secondary context, mapped by the fast data-miss handler (tt 0x68). */
#define MMU_V_VA    0x30000000
#define MMU_V_RA    0x02000000
#define MMU_V_PAGES 256
#define MMU_V_CTX   1

/* The context-0 TSB: 512 entries of 16 bytes (tag, TTE), indexed with 8 KiB pages. */
#define MMU_TSB_ENTRIES 512

/* Fault status area offsets (checked against hv_api.h in mmu.c). */
#define MMU_FA_I_ADDR 0x08
#define MMU_FA_I_CTX  0x10
#define MMU_FA_D_ADDR 0x48
#define MMU_FA_D_CTX  0x50

/* TTE bits below the real address (V, bit 63, is added separately). */
#define MMU_TTE_CP 0x400
#define MMU_TTE_CV 0x200
#define MMU_TTE_P  0x100
#define MMU_TTE_X  0x080
#define MMU_TTE_W  0x040

/* Traps and calls the handlers use. */
#define MMU_ASI_MMU          0x21
#define MMU_ASI_SECONDARY    0x81
#define MMU_MAP_ADDR_TRAP    0x83
#define MMU_FLAG_DMMU        1
#define MMU_FLAG_IMMU        2

#endif
