	.section .text.start
	.global _start
_start:
	sethi	%hi(0xf0000 - 2047 - 192), %sp
	or	%sp, %lo(0xf0000 - 2047 - 192), %sp
	call	compute
	 nop
	ta	0xff
