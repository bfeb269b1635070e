/*
 * Constants shared by crt0.S and trap.c (assembler-safe: #defines only).
 */
#ifndef HV_RT_SPARC64_H
#define HV_RT_SPARC64_H

#define SPARC_STACK_BIAS  2047  /* 64-bit ABI: %sp and %fp point 2047 bytes below the frame */
#define SPARC_MINFRAME    176   /* register save area (16 x 8) + 6 argument slots (6 x 8) */
#define SPARC_NWINDOWS    8     /* boot protocol: 8 register windows */
#define SPARC_PSTATE_PRIV 0x4
#define SPARC_PSTATE_PEF  0x10  /* FPU enabled (with FPRS.FEF) */
#define SPARC_FPRS_FEF    0x4

/* SOFTINT bits of the two timer compare matches: TICK_INT (0) and STICK_INT (16). */
#define SPARC_SOFTINT_TIMERS 0x10001

/* The bad-trap path records this many trap levels (guests may use TL 1 and 2 only). */
#define HV_RT_TRAP_LEVELS     4
#define HV_RT_TRAP_LEVEL_SIZE 32  /* struct hv_trap_level: tt, tpc, tnpc, tstate */

/* The one hypercall crt0 makes itself; trap.c checks it against hv_api.h. */
#define HV_RT_CORE_TRAP   0xff
#define HV_RT_API_EXIT    0x02

#endif
