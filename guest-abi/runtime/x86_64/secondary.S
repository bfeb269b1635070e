/*
 * Entry of a CPU started with hv_smp_start (cpu_start's pc). The boot protocol
 * gives it what it gives the boot CPU: 64-bit mode, CPL 0, IF = 0, no IDT, no
 * stack, and in %rdi cpu_start's argument: here the GPA of a struct hv_cpu_boot
 * { stack top, function, argument } (smp.c). The CPU loads crt0's IDT (shared by
 * all CPUs), runs the function on its own stack, then waits in cpu_yield for
 * good: a CPU cannot stop itself (cpu_stop refuses the caller), another CPU or
 * mach_exit ends it. Like the sparc64 runtime, it leaves x87 and SSE alone, even
 * in programs linked with crt0-fpu.o.
 */
#include "x86_64.h"

	.section	".text"
	.code64
	.balign	16
	.globl	__hv_secondary_entry
	.type	__hv_secondary_entry, @function
__hv_secondary_entry:
	lidt	__hv_idt_descriptor(%rip)
	movq	HV_RT_BOOT_STACK(%rdi), %rsp	/* 16-byte aligned (smp.c) */
	movq	HV_RT_BOOT_FN(%rdi), %rax
	movq	HV_RT_BOOT_ARG(%rdi), %rdi
	xorl	%ebp, %ebp
	call	*%rax
1:	movl	$HV_RT_CPU_YIELD, %ecx
	movl	$HV_RT_FAST_TRAP, %eax
	vmmcall
	jmp	1b
	.size	__hv_secondary_entry, . - __hv_secondary_entry

	.section	".note.GNU-stack", "", @progbits
