/*
 * crt0 for Hyperstrand sparc64 guests: the boot CPU's entry point and the
 * privileged trap table. README.md beside this file states the boot protocol
 * this code relies on.
 *
 * _start: install the trap table, switch to the image's stack, clear .bss and
 * call __hv_start (libhv/hv_start.c), which negotiates sun4v 1.0 and core 1.1,
 * runs main() and stops the domain with main's return value. Assembled with
 * -DHV_RT_FPU (crt0-fpu.o) it also enables the FPU (PSTATE.PEF, FPRS.FEF) for
 * programs compiled with floating point.
 *
 * Trap table: spill_0_normal and fill_0_normal move register windows to and from
 * the stack in the 64-bit ABI layout (16 doublewords at %sp + 2047), and
 * clean_window zeroes a window before first use, at TL 0 and, for the windows
 * of an interrupt handler, at TL > 0. interrupt_level_14 goes to interrupt.S
 * (the timers of hv/timer.h). Every other vector for a trap taken at TL 0 goes
 * to __hv_trap_entry (trap_entry.S), which calls the C handler registered for the
 * trap type (hv/sparc64.h) or, when there is none, __hv_bad_trap; the vectors for
 * TL > 0 go to __hv_bad_trap directly. __hv_bad_trap records the trap state,
 * leaves trap mode and calls __hv_trap_report (trap.c) to print it and stop the
 * domain.
 */
#include <hv/runtime.h>
#include "sparc64.h"

	.register	%g2, #scratch
	.register	%g3, #scratch

/* One 32-byte vector that hands the trap to __hv_bad_trap, which reads %tt. */
	.macro	BAD_TRAP
	ba,pt	%xcc, __hv_bad_trap
	 nop
	.skip	24
	.endm

/* One 32-byte vector for a trap type a C handler may be registered for. */
	.macro	TRAP_ENTRY
	ba,pt	%xcc, __hv_trap_entry
	 nop
	.skip	24
	.endm

/* `count` vectors the runtime does not serve itself: registrable at TL 0, reported at TL > 0. */
	.macro	BAD_TRAPS count, registrable
	.rept	\count
	.if	\registrable
	TRAP_ENTRY
	.else
	BAD_TRAP
	.endif
	.endr
	.endm

/*
 * spill_0_normal (tt 0x080, four vectors). CWP is the window to save; store its
 * locals and ins in its own frame. An even %sp cannot be a 64-bit frame: report
 * it rather than write a 32-bit layout nobody here uses.
 */
	.macro	SPILL_0_NORMAL
	andcc	%sp, 1, %g0
	be,pn	%xcc, __hv_bad_trap
	 nop
	stx	%l0, [%sp + SPARC_STACK_BIAS + 0x00]
	stx	%l1, [%sp + SPARC_STACK_BIAS + 0x08]
	stx	%l2, [%sp + SPARC_STACK_BIAS + 0x10]
	stx	%l3, [%sp + SPARC_STACK_BIAS + 0x18]
	stx	%l4, [%sp + SPARC_STACK_BIAS + 0x20]
	stx	%l5, [%sp + SPARC_STACK_BIAS + 0x28]
	stx	%l6, [%sp + SPARC_STACK_BIAS + 0x30]
	stx	%l7, [%sp + SPARC_STACK_BIAS + 0x38]
	stx	%i0, [%sp + SPARC_STACK_BIAS + 0x40]
	stx	%i1, [%sp + SPARC_STACK_BIAS + 0x48]
	stx	%i2, [%sp + SPARC_STACK_BIAS + 0x50]
	stx	%i3, [%sp + SPARC_STACK_BIAS + 0x58]
	stx	%i4, [%sp + SPARC_STACK_BIAS + 0x60]
	stx	%i5, [%sp + SPARC_STACK_BIAS + 0x68]
	stx	%i6, [%sp + SPARC_STACK_BIAS + 0x70]
	stx	%i7, [%sp + SPARC_STACK_BIAS + 0x78]
	saved
	retry
	.endm

/* fill_0_normal (tt 0x0c0, four vectors): CWP is the window to reload. */
	.macro	FILL_0_NORMAL
	andcc	%sp, 1, %g0
	be,pn	%xcc, __hv_bad_trap
	 nop
	ldx	[%sp + SPARC_STACK_BIAS + 0x00], %l0
	ldx	[%sp + SPARC_STACK_BIAS + 0x08], %l1
	ldx	[%sp + SPARC_STACK_BIAS + 0x10], %l2
	ldx	[%sp + SPARC_STACK_BIAS + 0x18], %l3
	ldx	[%sp + SPARC_STACK_BIAS + 0x20], %l4
	ldx	[%sp + SPARC_STACK_BIAS + 0x28], %l5
	ldx	[%sp + SPARC_STACK_BIAS + 0x30], %l6
	ldx	[%sp + SPARC_STACK_BIAS + 0x38], %l7
	ldx	[%sp + SPARC_STACK_BIAS + 0x40], %i0
	ldx	[%sp + SPARC_STACK_BIAS + 0x48], %i1
	ldx	[%sp + SPARC_STACK_BIAS + 0x50], %i2
	ldx	[%sp + SPARC_STACK_BIAS + 0x58], %i3
	ldx	[%sp + SPARC_STACK_BIAS + 0x60], %i4
	ldx	[%sp + SPARC_STACK_BIAS + 0x68], %i5
	ldx	[%sp + SPARC_STACK_BIAS + 0x70], %i6
	ldx	[%sp + SPARC_STACK_BIAS + 0x78], %i7
	restored
	retry
	.endm

/*
 * clean_window (tt 0x024, four vectors): a SAVE found no clean window. CWP is
 * the new window; zero its locals and outs (its ins are the caller's outs), count
 * one more clean window and retry the SAVE.
 */
	.macro	CLEAN_WINDOW
	rdpr	%cleanwin, %g1
	add	%g1, 1, %g1
	wrpr	%g1, 0, %cleanwin
	clr	%l0
	clr	%l1
	clr	%l2
	clr	%l3
	clr	%l4
	clr	%l5
	clr	%l6
	clr	%l7
	clr	%o0
	clr	%o1
	clr	%o2
	clr	%o3
	clr	%o4
	clr	%o5
	clr	%o6
	clr	%o7
	retry
	.endm

/* interrupt_level_14 (tt 0x04e, one vector): interrupt.S serves it. */
	.macro	INTERRUPT_LEVEL_14
	ba,pt	%xcc, __hv_interrupt_level_14
	 nop
	.skip	24
	.endm

/*
 * One half of the table, 512 vectors from tt 0 at vector `base`: the window
 * handlers everywhere; with `tl0` (the half for traps taken at TL 0) the timer
 * interrupt too, and the entry for registered handlers (hv/sparc64.h) in the
 * vectors below 0x180 that are left. The .org lines pin each handler to its
 * vector (the assembler fails if anything before it grew too long).
 */
	.macro	TRAP_TABLE_HALF base, tl0
	BAD_TRAPS 0x024, \tl0			/* tt 0x000..0x023 */
	.org	(\base + 0x024) * 32
	CLEAN_WINDOW				/* tt 0x024..0x027 */
	.org	(\base + 0x028) * 32
	.if	\tl0
	BAD_TRAPS 0x04e - 0x028, 1		/* tt 0x028..0x04d */
	.org	(\base + 0x04e) * 32
	INTERRUPT_LEVEL_14			/* tt 0x04e: the timers (hv/timer.h) */
	.org	(\base + 0x04f) * 32
	BAD_TRAPS 0x080 - 0x04f, 1		/* tt 0x04f..0x07f */
	.else
	BAD_TRAPS 0x080 - 0x028, 0		/* tt 0x028..0x07f */
	.endif
	.org	(\base + 0x080) * 32
	SPILL_0_NORMAL				/* tt 0x080..0x083 */
	.org	(\base + 0x084) * 32
	BAD_TRAPS 0x0c0 - 0x084, 0		/* tt 0x084..0x0bf */
	.org	(\base + 0x0c0) * 32
	FILL_0_NORMAL				/* tt 0x0c0..0x0c3 */
	.org	(\base + 0x0c4) * 32
	BAD_TRAPS 0x100 - 0x0c4, 0		/* tt 0x0c4..0x0ff */
	.org	(\base + 0x100) * 32
	BAD_TRAPS HV_RT_TRAP_HANDLERS - 0x100, \tl0	/* tt 0x100..0x17f: ta 0..0x7f */
	.org	(\base + HV_RT_TRAP_HANDLERS) * 32
	BAD_TRAPS 0x200 - HV_RT_TRAP_HANDLERS, 0	/* tt 0x180..0x1ff: the hypervisor's */
	.org	(\base + 0x200) * 32
	.endm

/*
 * The table: 512 vectors of 32 bytes for traps taken at TL 0, then 512 for traps
 * taken at TL > 0, where only an interrupt handler's register windows can trap.
 * 32 KiB, 32 KiB aligned.
 */
	.section	".text.hv_traptable", "ax", @progbits
	.align	32			/* guest.ld places it on a 32 KiB boundary */
	.globl	__hv_trap_table
	.type	__hv_trap_table, #function
__hv_trap_table:
	TRAP_TABLE_HALF 0x000, 1
	TRAP_TABLE_HALF 0x200, 0
	.size	__hv_trap_table, . - __hv_trap_table

	.section	".text.hv_start", "ax", @progbits
	.align	4

/*
 * Every unexpected trap lands here, at TL >= 1 with its own globals. There is no
 * way back: record each trap level's tt, tpc, tnpc and tstate (innermost first),
 * drop to TL 0 and GL 0, throw the register windows away, switch to a private
 * stack and let C print the report.
 */
	.globl	__hv_bad_trap
	.type	__hv_bad_trap, #function
__hv_bad_trap:
	set	__hv_trap_nesting, %g2		/* a trap while reporting one: stop at once */
	ldx	[%g2], %g3
	brnz,pn	%g3, .Ldouble_trap
	 add	%g3, 1, %g3
	stx	%g3, [%g2]

	rdpr	%tl, %g1
	cmp	%g1, HV_RT_TRAP_LEVELS
	movgu	%xcc, HV_RT_TRAP_LEVELS, %g1
	set	__hv_trap_levels, %g2
	mov	%g1, %g3
1:	wrpr	%g3, 0, %tl
	rdpr	%tt, %g4
	stx	%g4, [%g2 + 0]
	rdpr	%tpc, %g4
	stx	%g4, [%g2 + 8]
	rdpr	%tnpc, %g4
	stx	%g4, [%g2 + 16]
	rdpr	%tstate, %g4
	stx	%g4, [%g2 + 24]
	subcc	%g3, 1, %g3
	bnz,pt	%xcc, 1b
	 add	%g2, HV_RT_TRAP_LEVEL_SIZE, %g2

	mov	%g1, %o0			/* window registers survive the GL change */
	wrpr	%g0, 0, %tl
	wrpr	%g0, 0, %gl
	wrpr	%g0, SPARC_PSTATE_PRIV, %pstate
	wrpr	%g0, 0, %canrestore
	wrpr	%g0, 0, %otherwin
	wrpr	%g0, SPARC_NWINDOWS - 2, %cansave
	wrpr	%g0, SPARC_NWINDOWS - 2, %cleanwin
	wrpr	%g0, 0, %wstate
	set	__hv_trap_stack_top - (SPARC_MINFRAME + SPARC_STACK_BIAS), %sp
	clr	%fp
	set	__hv_trap_levels, %o1
	call	__hv_trap_report		/* (levels recorded, the records); no return */
	 nop

.Ldouble_trap:
	set	HV_EXIT_DOUBLE_TRAP, %o0
	mov	HV_RT_API_EXIT, %o5
	ta	HV_RT_CORE_TRAP
2:	ba,a,pt	%xcc, 2b
	.size	__hv_bad_trap, . - __hv_bad_trap

/*
 * Boot CPU entry (e_entry). In: %o0 start argument, %i0 RA of the memory block,
 * %i1 its size; TL 0, GL 0, CWP 0, CANSAVE 6, CANRESTORE 0, no stack.
 */
	.globl	_start
	.type	_start, #function
_start:
	mov	%o0, %l0
	mov	%i0, %l1
	mov	%i1, %l2

	set	__hv_trap_table, %g1
	wrpr	%g1, 0, %tba
	wrpr	%g0, 0, %wstate			/* spill_0 / fill_0 are the handlers we have */
#ifdef HV_RT_FPU
	/* crt0-fpu.o, for programs built with the FPU: FSR is 0 (round to nearest, no traps) */
	wrpr	%g0, SPARC_PSTATE_PRIV | SPARC_PSTATE_PEF, %pstate
	wr	%g0, SPARC_FPRS_FEF, %fprs
#endif

	/* this window's save area tops the stack; a zero %fp ends backtraces */
	set	__hv_stack_top - (SPARC_MINFRAME + SPARC_STACK_BIAS), %sp
	clr	%fp
	clr	%i7

	set	__hv_bss_start, %g1		/* both 8-byte aligned (guest.ld) */
	set	__hv_bss_end, %g2
3:	cmp	%g1, %g2
	bgeu,pn	%xcc, 4f
	 nop
	stx	%g0, [%g1]
	ba,pt	%xcc, 3b
	 add	%g1, 8, %g1

4:	mov	%l0, %o0
	mov	%l1, %o1
	call	__hv_start			/* does not return */
	 mov	%l2, %o2

	set	HV_EXIT_NO_RETURN, %o0
	mov	HV_RT_API_EXIT, %o5
	ta	HV_RT_CORE_TRAP
5:	ba,a,pt	%xcc, 5b
	.size	_start, . - _start
