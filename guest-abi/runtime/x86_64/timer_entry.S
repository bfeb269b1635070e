/*
 * The x86_64 timer interrupt's entry (vector X86_VECTOR_TIMER, an interrupt
 * gate: IF is clear). The CPU pushed SS, RSP, RFLAGS, CS and RIP with %rsp
 * aligned to 16 bytes first (AMD64 APM vol. 2, 8.9.3), so after those five
 * slots and nine saved registers the stack is aligned again for the call. It
 * saves what a C call may change, calls __hv_timer_fn if one is set, and
 * returns with iretq. There is no interrupt controller to acknowledge: the
 * hypervisor raises the vector once per expiry.
 */
#include <hv/x86_64_asm.h>

	.text
	.code64

	.globl	__hv_timer_entry
	.type	__hv_timer_entry, @function
__hv_timer_entry:
	HV_X86_PUSH_CALLER_SAVED
	cld					/* the ABI's DF = 0 for C */
	movq	__hv_timer_fn(%rip), %rax
	testq	%rax, %rax
	jz	1f
	call	*%rax
1:	HV_X86_POP_CALLER_SAVED
	iretq
	.size	__hv_timer_entry, . - __hv_timer_entry

	.section	".note.GNU-stack", "", @progbits
