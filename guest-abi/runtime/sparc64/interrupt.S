/*
 * interrupt_level_14 (tt 0x4e) for hv/timer.h: crt0's trap table branches here
 * when STICK (or TICK) has reached its compare register. At TL 1 with the
 * trap's own globals and PSTATE.IE clear, it clears the two timer bits in
 * SOFTINT (asr 21, CLEAR_SOFTINT), takes a fresh register window below the
 * interrupted code's stack (which has no red zone; a spill or clean-window trap
 * here is served by crt0's TL > 0 vectors), calls __hv_timer_fn if one is set,
 * and retries the interrupted instruction. TSTATE keeps CCR, ASI, PSTATE and
 * CWP across it.
 */
#include "sparc64.h"

	.register	%g2, #scratch

	.section	".text", "ax", @progbits
	.align	4
	.globl	__hv_interrupt_level_14
	.type	__hv_interrupt_level_14, #function
__hv_interrupt_level_14:
	set	SPARC_SOFTINT_TIMERS, %g1
	wr	%g1, 0, %asr21
	save	%sp, -SPARC_MINFRAME, %sp
	set	__hv_timer_fn, %g2
	ldx	[%g2], %g2
	brz,pn	%g2, 1f
	 nop
	call	%g2
	 nop
1:	restore
	retry
	.size	__hv_interrupt_level_14, . - __hv_interrupt_level_14

/* The handler hv_timer_set_handler installs; here so that crt0's vector pulls in nothing more. */
	.section	".bss", "aw", @nobits
	.align	8
	.globl	__hv_timer_fn
	.type	__hv_timer_fn, #object
__hv_timer_fn:
	.skip	8
	.size	__hv_timer_fn, 8
