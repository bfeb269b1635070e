/*
 * The x86_64 mmu guest's #PF entry, and the code it copies into a no-execute page.
 *
 * mmu_pf_entry is the IDT gate for vector 14. The CPU has pushed SS, RSP, RFLAGS,
 * CS, RIP and the error code, with %rsp 16-byte aligned before the first push
 * (AMD64 APM vol. 2, 8.9.3), so %rsp is 16-byte aligned here. It saves the
 * registers a C call may change, calls mmu_page_fault(error code, RIP) and, if
 * that handled the fault, drops the error code and returns with iretq to retry
 * the access. Otherwise it leaves the frame as the CPU pushed it and goes to
 * crt0's stub for vector 14, which reports the fault and stops the domain.
 */
#include <hv/x86_64_asm.h>

	.text
	.code64

	.globl	mmu_pf_entry
	.type	mmu_pf_entry, @function
mmu_pf_entry:
	HV_X86_PUSH_CALLER_SAVED
	subq	$8, %rsp			/* 10 slots: aligned again for the call */
	movq	80(%rsp), %rdi			/* the error code */
	movq	88(%rsp), %rsi			/* the RIP of the faulting instruction */
	cld					/* the ABI's DF = 0 for C */
	call	mmu_page_fault
	addq	$8, %rsp
	testl	%eax, %eax			/* the pops keep these flags */
	HV_X86_POP_CALLER_SAVED
	jz	1f
	addq	$8, %rsp			/* the error code */
	iretq
1:	jmp	*mmu_pf_report(%rip)		/* crt0's stub for vector 14 */
	.size	mmu_pf_entry, . - mmu_pf_entry

/* The code main copies into a no-execute page: int f(int x) { return x + 7; }. */
	.section	".rodata"
	.globl	mmu_nx_code, mmu_nx_code_end
mmu_nx_code:
	leal	7(%rdi), %eax
	ret
mmu_nx_code_end:

	.section	".note.GNU-stack", "", @progbits
