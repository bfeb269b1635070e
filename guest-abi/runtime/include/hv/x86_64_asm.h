/*
 * hv/x86_64_asm.h: assembler macros for x86_64 interrupt and exception entries
 * written by guests and by the runtime (include it from a .S file).
 */
#ifndef HV_X86_64_ASM_H
#define HV_X86_64_ASM_H

#ifdef __ASSEMBLER__

/*
 * The nine registers a C call may change (System V AMD64 ABI), pushed and
 * popped in matching order: 72 bytes, so an entry with an odd number of other
 * 8-byte slots on the stack stays 16-byte aligned for the call. POPs leave the
 * flags alone, so a test made before HV_X86_POP_CALLER_SAVED survives it.
 */
	.macro	HV_X86_PUSH_CALLER_SAVED
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	.endm

	.macro	HV_X86_POP_CALLER_SAVED
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rax
	.endm

#endif /* __ASSEMBLER__ */

#endif
