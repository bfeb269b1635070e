/*
 * int traps_registers_survive(void): puts known values in the globals, the outs,
 * Y and the condition codes, takes `ta 0x12`, whose handler in traps.c prints a
 * line (C code that is free to use all of them), and returns 1 if every one of
 * them came back unchanged, 0 if any did not.
 */
	.register	%g2, #scratch
	.register	%g3, #scratch
	.register	%g6, #scratch
	.register	%g7, #scratch

/* value of register n: 0x5a5a0000 + n, with n = 1..7 globals, 8..13 outs */
	.macro	CHECK reg, n
	set	0x5a5a0000 + \n, %l0
	cmp	\reg, %l0
	bne,pn	%xcc, 9f
	 nop
	.endm

	.section	".text"
	.align	4
	.globl	traps_registers_survive
	.type	traps_registers_survive, #function
traps_registers_survive:
	save	%sp, -176, %sp
	mov	%g6, %l4			/* the system's registers: put back at the end */
	mov	%g7, %l5
	set	0x5a5a0001, %g1
	set	0x5a5a0002, %g2
	set	0x5a5a0003, %g3
	set	0x5a5a0004, %g4
	set	0x5a5a0005, %g5
	set	0x5a5a0006, %g6
	set	0x5a5a0007, %g7
	set	0x5a5a0008, %o0
	set	0x5a5a0009, %o1
	set	0x5a5a000a, %o2
	set	0x5a5a000b, %o3
	set	0x5a5a000c, %o4
	set	0x5a5a000d, %o5
	wr	%g0, 0x123, %y
	subcc	%g0, 1, %g0			/* N and C set, Z and V clear */
	rd	%ccr, %l1
	ta	0x12
	rd	%ccr, %l2
	rd	%y, %l3
	CHECK	%g1, 1
	CHECK	%g2, 2
	CHECK	%g3, 3
	CHECK	%g4, 4
	CHECK	%g5, 5
	CHECK	%g6, 6
	CHECK	%g7, 7
	CHECK	%o0, 8
	CHECK	%o1, 9
	CHECK	%o2, 10
	CHECK	%o3, 11
	CHECK	%o4, 12
	CHECK	%o5, 13
	cmp	%l1, %l2
	bne,pn	%xcc, 9f
	 cmp	%l3, 0x123
	bne,pn	%xcc, 9f
	 mov	1, %i0
	ba,a,pt	%xcc, 8f
9:	mov	0, %i0
8:	mov	%l4, %g6
	mov	%l5, %g7
	ret
	 restore
	.size	traps_registers_survive, . - traps_registers_survive
