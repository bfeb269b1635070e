/*
 * Constants shared by the runtime's sparc64 assembler and C files (assembler-safe:
 * #defines only). The C files check them against hv_api.h and hv/sparc64.h.
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

/* The hypercalls the assembler makes itself; trap.c and mmu.c check them against hv_api.h. */
#define HV_RT_CORE_TRAP   0xff
#define HV_RT_API_EXIT    0x02
#define HV_RT_FAST_TRAP   0x80
#define HV_RT_MMU_ENABLE  0x27

/*
 * Registered trap handlers (hv/sparc64.h, traps.c): one pointer per trap type
 * below 0x180, and struct hv_sparc_trap_frame, which trap_entry.S fills.
 */
#define HV_RT_TRAP_HANDLERS   0x180
#define HV_RT_TF_TT           0x00
#define HV_RT_TF_TPC          0x08
#define HV_RT_TF_TNPC         0x10
#define HV_RT_TF_TSTATE       0x18
#define HV_RT_TF_Y            0x38
#define HV_RT_TF_G            0x40
#define HV_RT_TF_O            0x80
#define HV_RT_TRAP_FRAME_SIZE 0xc0

#endif
