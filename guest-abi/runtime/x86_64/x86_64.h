/*
 * Constants shared by crt0.S, secondary.S, trap.c and smp.c (assembler-safe:
 * #defines only).
 */
#ifndef HV_RT_X86_64_H
#define HV_RT_X86_64_H

/* Selectors of the GDT the hypervisor builds (boot protocol). */
#define X86_SEL_KERNEL_CODE 0x08
#define X86_SEL_KERNEL_DATA 0x10

/* IDT: 256 gates of 16 bytes; the runtime fills vectors 0..31, the rest are not present. */
#define X86_IDT_VECTORS     256
#define X86_IDT_GATE_SIZE   16
#define X86_EXCEPTIONS      32
/* type byte of a gate: present, DPL 0, 64-bit interrupt gate (IF cleared on entry) */
#define X86_GATE_INTERRUPT  0x8e
/* vectors for which the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30 */
#define X86_ERROR_CODE_VECTORS 0x60227d00
/* each exception stub is padded to this many bytes (crt0.S checks it fits) */
#define X86_STUB_SIZE       16

/* Control register bits crt0-fpu.o changes to enable x87 and SSE. */
#define X86_CR0_MP          0x2     /* monitor coprocessor: WAIT obeys TS */
#define X86_CR0_EM          0x4     /* emulate x87: must be clear */
#define X86_CR0_TS          0x8     /* task switched: must be clear */
#define X86_CR0_NE          0x20    /* native x87 error reporting (#MF) */
#define X86_CR4_OSFXSR      0x200   /* FXSAVE/FXRSTOR and SSE instructions allowed */
#define X86_CR4_OSXMMEXCPT  0x400   /* unmasked SSE exceptions raise #XM */
#define X86_MXCSR_DEFAULT   0x1f80  /* all SSE exceptions masked, round to nearest */

/* What the exception path records (struct hv_x86_trap_record in trap.c). */
#define HV_RT_REC_VECTOR    0
#define HV_RT_REC_ERROR     8
#define HV_RT_REC_RIP       16
#define HV_RT_REC_CS        24
#define HV_RT_REC_RFLAGS    32
#define HV_RT_REC_RSP       40
#define HV_RT_REC_SS        48
#define HV_RT_REC_CR2       56
#define HV_RT_REC_SIZE      64

/* struct hv_cpu_boot in smp.c, read by secondary.S. */
#define HV_RT_BOOT_STACK    0
#define HV_RT_BOOT_FN       8
#define HV_RT_BOOT_ARG      16

/* The hypercalls the assembler makes itself; trap.c checks them against hv_api.h. */
#define HV_RT_FAST_TRAP     0x80
#define HV_RT_CORE_TRAP     0xff
#define HV_RT_API_EXIT      0x02
#define HV_RT_CPU_YIELD     0x12

#endif
