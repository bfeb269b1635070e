/*
 * __hv_trap_entry: where crt0's registrable vectors (traps taken at TL 0 that
 * the runtime does not serve itself) lead. At TL 1 on the trap's own globals it
 * looks the trap type up in __hv_trap_handlers (traps.c); with no handler there
 * the trap goes to __hv_bad_trap exactly as it would have without this entry.
 *
 * With a handler, it runs it as ordinary C at TL 0 (hv/sparc64.h), much as a
 * kernel's trap entry does:
 *
 *  1. the trap registers (TT, TPC, TNPC, TSTATE) go to globals of GL 1, and TL
 *     drops to 0, so that traps the handler takes find TL 1 free. GL stays 1
 *     for now: a trap taken meanwhile (the `save` below may spill or need a
 *     clean window) raises GL to 2 and leaves these globals alone;
 *  2. a fresh register window with a struct hv_sparc_trap_frame below the
 *     interrupted code's stack (the 64-bit ABI has no red zone to skip). The
 *     interrupted window's outs are this window's ins;
 *  3. GL 0: the interrupted code's own globals, saved in the frame with Y and
 *     the ins, then __hv_trap_dispatch(frame) calls the handler;
 *  4. back from C, everything is reloaded from the frame, which the handler may
 *     have changed; GL 1 again gives scratch globals for the trap registers, the
 *     window is left (a fill trap it needs is taken at TL 1 and returns), and TL
 *     goes back to 1 with TPC, TNPC and TSTATE restored for `retry`, which also
 *     restores CWP, GL, PSTATE, CCR and ASI from TSTATE.
 *
 * PSTATE is the trap's all along: privileged, interrupts off.
 */
#include "sparc64.h"

	.register	%g2, #scratch
	.register	%g3, #scratch
	.register	%g6, #scratch
	.register	%g7, #scratch

	.section	".text", "ax", @progbits
	.align	4
	.globl	__hv_trap_entry
	.type	__hv_trap_entry, #function
__hv_trap_entry:
	rdpr	%tt, %g1
	sllx	%g1, 3, %g2
	set	__hv_trap_handlers, %g3
	ldx	[%g3 + %g2], %g3
	brz,pn	%g3, __hv_bad_trap		/* nobody registered: the runtime's report */
	 nop
	rdpr	%tpc, %g2
	rdpr	%tnpc, %g3
	rdpr	%tstate, %g4
	wrpr	%g0, 0, %tl

	save	%sp, -(SPARC_MINFRAME + HV_RT_TRAP_FRAME_SIZE), %sp
	add	%sp, SPARC_STACK_BIAS + SPARC_MINFRAME, %l0
	stx	%g1, [%l0 + HV_RT_TF_TT]
	stx	%g2, [%l0 + HV_RT_TF_TPC]
	stx	%g3, [%l0 + HV_RT_TF_TNPC]
	stx	%g4, [%l0 + HV_RT_TF_TSTATE]

	wrpr	%g0, 0, %gl			/* the interrupted code's globals */
	stx	%g0, [%l0 + HV_RT_TF_G + 0x00]
	stx	%g1, [%l0 + HV_RT_TF_G + 0x08]
	stx	%g2, [%l0 + HV_RT_TF_G + 0x10]
	stx	%g3, [%l0 + HV_RT_TF_G + 0x18]
	stx	%g4, [%l0 + HV_RT_TF_G + 0x20]
	stx	%g5, [%l0 + HV_RT_TF_G + 0x28]
	stx	%g6, [%l0 + HV_RT_TF_G + 0x30]
	stx	%g7, [%l0 + HV_RT_TF_G + 0x38]
	stx	%i0, [%l0 + HV_RT_TF_O + 0x00]
	stx	%i1, [%l0 + HV_RT_TF_O + 0x08]
	stx	%i2, [%l0 + HV_RT_TF_O + 0x10]
	stx	%i3, [%l0 + HV_RT_TF_O + 0x18]
	stx	%i4, [%l0 + HV_RT_TF_O + 0x20]
	stx	%i5, [%l0 + HV_RT_TF_O + 0x28]
	stx	%i6, [%l0 + HV_RT_TF_O + 0x30]
	stx	%i7, [%l0 + HV_RT_TF_O + 0x38]
	rd	%y, %l1
	stx	%l1, [%l0 + HV_RT_TF_Y]

	call	__hv_trap_dispatch		/* (frame): the handler, and how to go on */
	 mov	%l0, %o0

	ldx	[%l0 + HV_RT_TF_Y], %l1
	wr	%l1, 0, %y
	ldx	[%l0 + HV_RT_TF_O + 0x00], %i0
	ldx	[%l0 + HV_RT_TF_O + 0x08], %i1
	ldx	[%l0 + HV_RT_TF_O + 0x10], %i2
	ldx	[%l0 + HV_RT_TF_O + 0x18], %i3
	ldx	[%l0 + HV_RT_TF_O + 0x20], %i4
	ldx	[%l0 + HV_RT_TF_O + 0x28], %i5
	ldx	[%l0 + HV_RT_TF_O + 0x30], %i6
	ldx	[%l0 + HV_RT_TF_O + 0x38], %i7
	ldx	[%l0 + HV_RT_TF_G + 0x08], %g1
	ldx	[%l0 + HV_RT_TF_G + 0x10], %g2
	ldx	[%l0 + HV_RT_TF_G + 0x18], %g3
	ldx	[%l0 + HV_RT_TF_G + 0x20], %g4
	ldx	[%l0 + HV_RT_TF_G + 0x28], %g5
	ldx	[%l0 + HV_RT_TF_G + 0x30], %g6
	ldx	[%l0 + HV_RT_TF_G + 0x38], %g7

	wrpr	%g0, 1, %gl			/* scratch globals again */
	ldx	[%l0 + HV_RT_TF_TPC], %g2
	ldx	[%l0 + HV_RT_TF_TNPC], %g3
	ldx	[%l0 + HV_RT_TF_TSTATE], %g4
	restore
	wrpr	%g0, 1, %tl
	wrpr	%g2, 0, %tpc
	wrpr	%g3, 0, %tnpc
	wrpr	%g4, 0, %tstate
	retry
	.size	__hv_trap_entry, . - __hv_trap_entry
