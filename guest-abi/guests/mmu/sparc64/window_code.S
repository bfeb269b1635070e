/*
 * The code mmu.c copies into the I window's page, which nothing maps until the
 * fast instruction miss it causes: int f(int x) { return x + 7; }.
 */
	.section	".rodata"
	.align	4
	.globl	mmu_window_code, mmu_window_code_end
mmu_window_code:
	retl
	 add	%o0, 7, %o0
mmu_window_code_end:
