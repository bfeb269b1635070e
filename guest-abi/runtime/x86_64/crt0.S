/*
 * crt0 for Hyperstrand x86_64 guests: the boot CPU's entry point and the
 * exception stubs. README.md beside this file states the boot protocol this
 * code relies on.
 *
 * _start: fill in the IDT and load it (the CPU arrives with IDTR = {0, 0}, so
 * this comes first), clear .bss, switch to the image's stack and call
 * __hv_start (libhv/hv_start.c), which negotiates sun4v 1.0 and core 1.1, runs
 * main() and stops the domain with main's return value. Assembled with
 * -DHV_RT_FPU (crt0-fpu.o) it also enables x87 and SSE (CR0, CR4, MXCSR) for
 * programs compiled with floating point.
 *
 * Exceptions: vectors 0..31 each have a stub that pushes a zero where the CPU
 * pushes no error code, then the vector, and jumps to __hv_exception. That
 * records the vector, error code, RIP, CS, RFLAGS, RSP, SS and CR2, switches to
 * a private stack and calls __hv_trap_report (trap.c), which prints them and
 * stops the domain. Vectors 32..255 are not present: an interrupt delivered
 * there raises #NP (vector 11) with the vector in its error code.
 */
#include <hv/runtime.h>
#include "x86_64.h"

	.section	".text.hv_start", "ax", @progbits
	.code64

/*
 * Boot CPU entry (e_entry). In: %rdi start argument, %rsi GPA of the memory
 * block, %rdx its size, %rcx GPA of the hypervisor's reserved area; 64-bit
 * mode, CPL 0, RFLAGS = 0x2 (IF = 0, DF = 0), no IDT, no stack.
 */
	.balign	16
	.globl	_start
	.type	_start, @function
_start:
	movq	%rdi, %r12			/* keep the boot arguments out of the way */
	movq	%rsi, %r13
	movq	%rdx, %r14
	movq	%rcx, %r15

	/* vectors 0..31: interrupt gates, selector 0x08, DPL 0, no IST */
	leaq	__hv_idt(%rip), %rdi
	leaq	__hv_exception_stubs(%rip), %rsi
	movl	$X86_EXCEPTIONS, %ecx
1:	movq	%rsi, %rax
	movw	%ax, 0(%rdi)			/* offset 15:0 */
	movw	$X86_SEL_KERNEL_CODE, 2(%rdi)
	movw	$(X86_GATE_INTERRUPT << 8), 4(%rdi)	/* IST 0, type */
	shrq	$16, %rax
	movw	%ax, 6(%rdi)			/* offset 31:16 */
	shrq	$16, %rax
	movl	%eax, 8(%rdi)			/* offset 63:32 */
	movl	$0, 12(%rdi)
	addq	$X86_IDT_GATE_SIZE, %rdi
	addq	$X86_STUB_SIZE, %rsi
	decl	%ecx
	jnz	1b
	/* vectors 32..255: not present */
	leaq	__hv_idt_end(%rip), %rcx
2:	movq	$0, 0(%rdi)
	movq	$0, 8(%rdi)
	addq	$X86_IDT_GATE_SIZE, %rdi
	cmpq	%rcx, %rdi
	jb	2b
	lidt	__hv_idt_descriptor(%rip)

#ifdef HV_RT_FPU
	/* crt0-fpu.o, for programs built with floating point: x87 and SSE on */
	movq	%cr0, %rax
	andq	$~(X86_CR0_EM | X86_CR0_TS), %rax
	orq	$(X86_CR0_MP | X86_CR0_NE), %rax
	movq	%rax, %cr0
	movq	%cr4, %rax
	orq	$(X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT), %rax
	movq	%rax, %cr4
	fninit					/* x87: round to nearest, exceptions masked */
	ldmxcsr	__hv_mxcsr_default(%rip)
#endif

	leaq	__hv_bss_start(%rip), %rdi	/* both 8-byte aligned (guest.ld) */
	leaq	__hv_bss_end(%rip), %rcx
3:	cmpq	%rcx, %rdi
	jae	4f
	movq	$0, (%rdi)
	addq	$8, %rdi
	jmp	3b

4:	movq	%r15, hv_x86_reserved_area(%rip)
	leaq	__hv_stack_top(%rip), %rsp	/* 16-byte aligned (guest.ld), as a call needs */
	xorl	%ebp, %ebp			/* ends backtraces */
	movq	%r12, %rdi
	movq	%r13, %rsi
	movq	%r14, %rdx
	call	__hv_start			/* does not return */

	movl	$HV_EXIT_NO_RETURN, %edi
	movl	$HV_RT_API_EXIT, %ecx
	movl	$HV_RT_CORE_TRAP, %eax
	vmmcall
5:	jmp	5b
	.size	_start, . - _start

/*
 * The exception stubs, X86_STUB_SIZE bytes each, in vector order; the .org
 * line fails the assembly if a stub outgrows its slot.
 */
	.macro	EXCEPTION_STUB vec
	.if	(X86_ERROR_CODE_VECTORS >> \vec) & 1
	pushq	$\vec				/* the CPU pushed the error code */
	.else
	pushq	$0				/* no error code: push one */
	pushq	$\vec
	.endif
	jmp	__hv_exception
	.org	__hv_exception_stubs + (\vec + 1) * X86_STUB_SIZE, 0xcc
	.endm

	.balign	16
	.globl	__hv_exception_stubs
	.type	__hv_exception_stubs, @function
__hv_exception_stubs:
	.irp	vec, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
		     16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	EXCEPTION_STUB \vec
	.endr
	.size	__hv_exception_stubs, . - __hv_exception_stubs

/*
 * Every exception lands here, on the stack it interrupted, with IF = 0 (an
 * interrupt gate). The frame: vector, error code, then what the CPU pushed:
 * RIP, CS, RFLAGS, RSP, SS. There is no way back: record it, switch to the
 * private stack and let C print the report.
 */
	.globl	__hv_exception
	.type	__hv_exception, @function
__hv_exception:
	movl	$1, %eax			/* an exception while reporting one: stop at once */
	xchgq	%rax, __hv_trap_nesting(%rip)
	testq	%rax, %rax
	jnz	.Ldouble_trap

	leaq	__hv_trap_record(%rip), %rdi
	movq	0(%rsp), %rax
	movq	%rax, HV_RT_REC_VECTOR(%rdi)
	movq	8(%rsp), %rax
	movq	%rax, HV_RT_REC_ERROR(%rdi)
	movq	16(%rsp), %rax
	movq	%rax, HV_RT_REC_RIP(%rdi)
	movq	24(%rsp), %rax
	movq	%rax, HV_RT_REC_CS(%rdi)
	movq	32(%rsp), %rax
	movq	%rax, HV_RT_REC_RFLAGS(%rdi)
	movq	40(%rsp), %rax
	movq	%rax, HV_RT_REC_RSP(%rdi)
	movq	48(%rsp), %rax
	movq	%rax, HV_RT_REC_SS(%rdi)
	movq	%cr2, %rax
	movq	%rax, HV_RT_REC_CR2(%rdi)

	leaq	__hv_trap_stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	call	__hv_trap_report		/* (the record); no return */

	movl	$HV_EXIT_NO_RETURN, %edi
	jmp	1f
.Ldouble_trap:
	movl	$HV_EXIT_DOUBLE_TRAP, %edi
1:	movl	$HV_RT_API_EXIT, %ecx
	movl	$HV_RT_CORE_TRAP, %eax
	vmmcall
2:	jmp	2b
	.size	__hv_exception, . - __hv_exception

	.section	".rodata.hv_start", "a", @progbits
	.balign	16
/* lidt operand: 16-bit limit, then the 64-bit base */
	.globl	__hv_idt_descriptor
	.type	__hv_idt_descriptor, @object
__hv_idt_descriptor:
	.word	X86_IDT_VECTORS * X86_IDT_GATE_SIZE - 1
	.quad	__hv_idt
	.size	__hv_idt_descriptor, . - __hv_idt_descriptor
#ifdef HV_RT_FPU
	.balign	4
__hv_mxcsr_default:
	.long	X86_MXCSR_DEFAULT
#endif

	.section	".bss", "aw", @nobits
	.balign	8
/* GPA of the hypervisor's reserved area (%rcx at entry), see hv/x86_64.h */
	.globl	hv_x86_reserved_area
	.type	hv_x86_reserved_area, @object
hv_x86_reserved_area:
	.skip	8
	.size	hv_x86_reserved_area, 8

	.section	".note.GNU-stack", "", @progbits
