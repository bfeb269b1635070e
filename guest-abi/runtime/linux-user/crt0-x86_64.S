/*
 * Start code for running libhv in Linux user mode (x86_64), used only by the
 * tests that compare libhv's output with glibc's under qemu-x86_64. The kernel
 * starts the process with %rsp 16-byte aligned, pointing at argc.
 */
	.section	".text"
	.balign	16
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	call	__hv_linux_start
	ud2
	.size	_start, . - _start

	.section	".note.GNU-stack", "", @progbits
