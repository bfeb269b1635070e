/*
 * The mmu guest's trap table and MMU miss handlers, and two small helpers.
 *
 * mmu_trap_table hands every trap to crt0's table (__hv_trap_table), vector for
 * vector, except three it serves itself, at TL 0 and at TL > 0 alike:
 *
 *   0x31 data_access_MMU_miss (slow miss: a TSB is registered for context 0):
 *        writes the TSB entry of a page of the T window and retries;
 *   0x64 fast_instruction_access_MMU_miss: loads the I window's page into the
 *        instruction TLB with mmu_map_addr (ta 0x83) and retries;
 *   0x68 fast_data_access_MMU_miss (no TSB for the nonzero contexts): loads a
 *        page of the V window (context 1) into the data TLB the same way.
 *
 * The handlers run at TL 1 on the trap's own globals and touch only memory of the
 * image, which the permanent 4 MiB mapping keeps translated. ta 0x83 takes its
 * arguments in %o0-%o3, which belong to the interrupted code: they are saved in
 * globals around the call. Anything unexpected goes to crt0's __hv_bad_trap, which
 * reports the trap and stops the domain.
 */
#include "mmu.h"

	.register	%g2, #scratch
	.register	%g3, #scratch
	.register	%g6, #scratch
	.register	%g7, #scratch

/* Vectors from..to-1 of one half (0 or 0x4000) go to the same vector of crt0's table. */
	.macro	FORWARD from, to, half
	.set	.Ltt, \from
	.rept	\to - \from
	ba,a,pt	%xcc, __hv_trap_table + \half + .Ltt * 32
	.skip	28
	.set	.Ltt, .Ltt + 1
	.endr
	.endm

	.macro	VECTOR handler
	ba,a,pt	%xcc, \handler
	.skip	28
	.endm

	.macro	HALF half
	FORWARD	0x000, 0x031, \half
	VECTOR	mmu_slow_dmiss			/* tt 0x031 */
	FORWARD	0x032, 0x064, \half
	VECTOR	mmu_fast_imiss			/* tt 0x064 (0x064..0x067) */
	FORWARD	0x065, 0x068, \half
	VECTOR	mmu_fast_dmiss			/* tt 0x068 (0x068..0x06b) */
	FORWARD	0x069, 0x200, \half
	.endm

	.section	".text.mmu_traptable", "ax", @progbits
	.align	32768				/* TBA: 32 KiB aligned */
	.globl	mmu_trap_table
	.type	mmu_trap_table, #function
mmu_trap_table:
	HALF	0x0000				/* traps taken at TL 0 */
	HALF	0x4000				/* traps taken at TL > 0 */
	.size	mmu_trap_table, . - mmu_trap_table

	.section	".text"
	.align	4

/* The TTE valid bit (63) or'ed into %reg, using %tmp. */
	.macro	VALID reg, tmp
	mov	1, \tmp
	sllx	\tmp, 63, \tmp
	or	\reg, \tmp, \reg
	.endm

/* *counter += 1, using %g1 and %g2. */
	.macro	COUNT counter
	set	\counter, %g1
	ldx	[%g1], %g2
	add	%g2, 1, %g2
	stx	%g2, [%g1]
	.endm

/*
 * mmu_map_addr(%g2 va, %g3 ctx, %g5 tte, flags): the interrupted code's %o0-%o3
 * live in %g1, %g4, %g6, %g7 meanwhile. A refusal is a bug here: report it.
 */
	.macro	MAP_ADDR flags
	mov	%o0, %g1
	mov	%o1, %g4
	mov	%o2, %g6
	mov	%o3, %g7
	mov	%g2, %o0
	mov	%g3, %o1
	mov	%g5, %o2
	mov	\flags, %o3
	ta	MMU_MAP_ADDR_TRAP
	brnz,pn	%o0, __hv_bad_trap
	 nop
	mov	%g1, %o0
	mov	%g4, %o1
	mov	%g6, %o2
	mov	%g7, %o3
	.endm

	.type	mmu_fast_dmiss, #function
mmu_fast_dmiss:
	set	mmu_fault_area, %g1
	ldx	[%g1 + MMU_FA_D_ADDR], %g2	/* the page that missed */
	ldx	[%g1 + MMU_FA_D_CTX], %g3
	cmp	%g3, MMU_V_CTX
	bne,pn	%xcc, __hv_bad_trap
	 nop
	set	MMU_V_VA, %g4
	sub	%g2, %g4, %g5			/* offset in the V window */
	set	MMU_V_PAGES * MMU_PAGE_SIZE, %g4
	cmp	%g5, %g4
	bgeu,pn	%xcc, __hv_bad_trap
	 nop
	set	MMU_V_RA, %g4
	add	%g5, %g4, %g5			/* the real page behind it */
	VALID	%g5, %g4
	or	%g5, MMU_TTE_CP | MMU_TTE_CV | MMU_TTE_W, %g5	/* an 8 KiB page (size code 0) */
	MAP_ADDR MMU_FLAG_DMMU
	COUNT	mmu_fast_dmisses
	retry
	.size	mmu_fast_dmiss, . - mmu_fast_dmiss

	.type	mmu_fast_imiss, #function
mmu_fast_imiss:
	set	mmu_fault_area, %g1
	ldx	[%g1 + MMU_FA_I_ADDR], %g2
	ldx	[%g1 + MMU_FA_I_CTX], %g3
	set	MMU_I_VA, %g4
	cmp	%g2, %g4			/* only the one page of the I window */
	bne,pn	%xcc, __hv_bad_trap
	 nop
	brnz,pn	%g3, __hv_bad_trap
	 nop
	set	MMU_I_RA, %g5
	VALID	%g5, %g4
	or	%g5, MMU_TTE_CP | MMU_TTE_CV | MMU_TTE_P | MMU_TTE_X, %g5
	MAP_ADDR MMU_FLAG_IMMU
	COUNT	mmu_fast_imisses
	retry
	.size	mmu_fast_imiss, . - mmu_fast_imiss

	.type	mmu_slow_dmiss, #function
mmu_slow_dmiss:
	set	mmu_fault_area, %g1
	ldx	[%g1 + MMU_FA_D_ADDR], %g2
	set	MMU_T_VA, %g4
	sub	%g2, %g4, %g5			/* offset in the T window */
	set	MMU_T_PAGES * MMU_PAGE_SIZE, %g4
	cmp	%g5, %g4
	bgeu,pn	%xcc, __hv_bad_trap
	 nop
	set	MMU_T_RA, %g4
	add	%g5, %g4, %g5
	VALID	%g5, %g4
	or	%g5, MMU_TTE_CP | MMU_TTE_CV | MMU_TTE_P | MMU_TTE_W, %g5
	srlx	%g2, MMU_PAGE_SHIFT, %g3	/* TSB index: VA >> 13, modulo the entries */
	and	%g3, MMU_TSB_ENTRIES - 1, %g3
	sllx	%g3, 4, %g3
	set	mmu_tsb, %g4
	add	%g4, %g3, %g4
	srlx	%g2, 22, %g3			/* tag: context 0 and VA[63:22] */
	stx	%g3, [%g4]
	stx	%g5, [%g4 + 8]
	COUNT	mmu_slow_dmisses
	retry					/* the hypervisor finds it in the TSB now */
	.size	mmu_slow_dmiss, . - mmu_slow_dmiss

/*
 * uint64_t mmu_switch(uint64_t enable): mmu_enable with the target right here.
 * The image is mapped one to one, so the label is the same address virtual or
 * real. On success the call continues at 1: and returns 0; on failure it returns
 * to the caller, with the status in %o0.
 */
	.globl	mmu_switch
	.type	mmu_switch, #function
mmu_switch:
	set	1f, %o1
	mov	0x27, %o5			/* HV_FAST_MMU_ENABLE */
	ta	0x80
	retl
	 nop
1:	retl
	 clr	%o0
	.size	mmu_switch, . - mmu_switch

/* The code mmu.c copies into the I window's page: int f(int x) { return x + 7; }. */
	.globl	mmu_window_code, mmu_window_code_end
mmu_window_code:
	retl
	 add	%o0, 7, %o0
mmu_window_code_end:
