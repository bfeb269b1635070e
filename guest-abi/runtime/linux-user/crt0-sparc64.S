/*
 * Start code for running libhv in Linux user mode (sparc64), used only by the
 * tests that compare libhv's output with glibc's under qemu-sparc64. The kernel
 * hands over a valid biased %sp with room for a register save area.
 */
	.section	".text"
	.align	4
	.globl	_start
	.type	_start, #function
_start:
	clr	%fp
	call	__hv_linux_start
	 nop
	illtrap	0
	.size	_start, . - _start
