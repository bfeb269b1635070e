/*
 * uint64_t hv_sparc_mmu_enable(uint64_t on) (hv/sparc64_mmu.h): mmu_enable with
 * the return target right here. The runtime's code is mapped one to one, so the
 * label is the same address virtual or real. On success the call continues at
 * 1: and returns 0 (HV_EOK); on failure it comes back after the trap with the
 * status in %o0.
 */
#include "sparc64.h"

	.section	".text", "ax", @progbits
	.align	4
	.globl	hv_sparc_mmu_enable
	.type	hv_sparc_mmu_enable, #function
hv_sparc_mmu_enable:
	set	1f, %o1
	mov	HV_RT_MMU_ENABLE, %o5
	ta	HV_RT_FAST_TRAP
	retl
	 nop
1:	retl
	 clr	%o0
	.size	hv_sparc_mmu_enable, . - hv_sparc_mmu_enable
