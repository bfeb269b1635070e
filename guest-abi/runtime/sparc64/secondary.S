/*
 * Entry of a CPU started with hv_smp_start (cpu_start's pc). The boot protocol
 * gives it what it gives the boot CPU: TL 0, GL 0, CWP 0, CANSAVE 6, no stack,
 * MMU off, and in %o0 cpu_start's argument: here the RA of a struct hv_cpu_boot
 * { stack top, function, argument }. The CPU takes crt0's trap table, runs the
 * function on its own stack, then waits in cpu_yield for good: a CPU cannot stop
 * itself (cpu_stop refuses the caller), another CPU or mach_exit ends it.
 */
#include "sparc64.h"

#define HV_FAST_TRAP_NUMBER  0x80
#define HV_FAST_CPU_YIELD_FN 0x12

	.register	%g2, #scratch
	.section ".text"
	.align	4
	.globl	__hv_secondary_entry
	.type	__hv_secondary_entry, #function
__hv_secondary_entry:
	set	__hv_trap_table, %g1
	wrpr	%g1, 0, %tba
	wrpr	%g0, 0, %wstate
	ldx	[%o0 + 0], %g1			/* stack top */
	ldx	[%o0 + 8], %g2			/* function */
	ldx	[%o0 + 16], %o0			/* its argument */
	sub	%g1, SPARC_MINFRAME + SPARC_STACK_BIAS, %sp
	clr	%fp
	call	%g2
	 clr	%i7
1:	mov	HV_FAST_CPU_YIELD_FN, %o5
	ta	HV_FAST_TRAP_NUMBER
	ba,a,pt	%xcc, 1b
	.size	__hv_secondary_entry, . - __hv_secondary_entry
