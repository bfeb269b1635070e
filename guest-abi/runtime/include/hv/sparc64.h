/*
 * hv/sparc64.h: trap handlers of a sparc64 guest's own, written in C: the
 * counterpart of x86_64's hv_x86_idt_set. The MMU helpers are in
 * hv/sparc64_mmu.h.
 *
 * crt0's trap table stays in place. Its vectors for traps taken at TL 0 that the
 * runtime does not serve itself lead to a common entry: if a handler is
 * registered for the trap type, the entry saves the trap state, drops to TL 0,
 * and calls the handler on a frame below the interrupted code's stack; otherwise
 * the trap goes to the runtime's report, as before (exit status 0x1000 + tt).
 *
 * Because the handler runs at TL 0 with the interrupted code's globals saved, it
 * is an ordinary C function: it may call anything, take register-window traps,
 * MMU misses served by other handlers, even trap instructions whose handlers are
 * registered. Interrupts stay off (PSTATE.IE = 0) until the handler returns. The
 * interrupted code's stack must be usable (it is, for code of the runtime) and
 * mapped, as must the handler and the table (the runtime's image, which
 * hv_sparc_map_image maps).
 */
#ifndef HV_SPARC64_H
#define HV_SPARC64_H

#include <stdint.h>

#if !defined(__sparc__) || !defined(__arch64__)
#error "hv/sparc64.h is for sparc64 guests"
#endif

/* Trap types (UltraSPARC Architecture 2005, table 12-4; sun4v API reference section 6.1). */
#define HV_SPARC_TT_INSTRUCTION_ACCESS_EXCEPTION 0x008
#define HV_SPARC_TT_INSTRUCTION_ACCESS_MMU_MISS  0x009
#define HV_SPARC_TT_ILLEGAL_INSTRUCTION          0x010
#define HV_SPARC_TT_PRIVILEGED_OPCODE            0x011
#define HV_SPARC_TT_DIVISION_BY_ZERO             0x028
#define HV_SPARC_TT_DATA_ACCESS_EXCEPTION        0x030
#define HV_SPARC_TT_DATA_ACCESS_MMU_MISS         0x031
#define HV_SPARC_TT_MEM_ADDRESS_NOT_ALIGNED      0x034
#define HV_SPARC_TT_PRIVILEGED_ACTION            0x037
#define HV_SPARC_TT_INTERRUPT_LEVEL(n)           (0x040 + (n))   /* n = 1..15, not 14 (hv/timer.h) */
#define HV_SPARC_TT_FAST_INSTRUCTION_MMU_MISS    0x064
#define HV_SPARC_TT_FAST_DATA_MMU_MISS           0x068
#define HV_SPARC_TT_FAST_DATA_PROTECTION         0x06c
#define HV_SPARC_TT_CPU_MONDO                    0x07c
#define HV_SPARC_TT_DEV_MONDO                    0x07d
#define HV_SPARC_TT_RESUMABLE_ERROR              0x07e
#define HV_SPARC_TT_NONRESUMABLE_ERROR           0x07f
#define HV_SPARC_TT_TRAP_INSTRUCTION(n)          (0x100 + (n))   /* ta n, n = 0..0x7f */

/*
 * What a handler gets: the trap state the CPU saved, and the interrupted code's
 * registers that the handler's own code would otherwise hide. Everything but tt
 * and the fault fields is written back when the handler returns, so a handler
 * may change the registers (a system call's result in o[0], say) or where the
 * interrupted code resumes (tpc, tnpc). In tstate, only CCR (bits 39:32) and ASI
 * (31:24) are meant to be changed.
 */
struct hv_sparc_trap_frame {
    uint64_t tt;          /* trap type, 0x001..0x17f */
    uint64_t tpc;         /* the instruction that trapped (or was interrupted) */
    uint64_t tnpc;        /* the one after it */
    uint64_t tstate;      /* CCR, ASI, PSTATE, CWP and GL of the interrupted code */
    /*
     * For MMU and alignment traps, the instruction half (tt 0x008, 0x009,
     * 0x064..0x067) or the data half (0x030, 0x031, 0x034..0x039, 0x068..0x06f)
     * of this CPU's fault status area, copied at entry: fault type (fast misses
     * leave it as it was), address and context. 0 for other traps, and when
     * no fault area was registered with hv_sparc_fault_area_conf.
     */
    uint64_t fault_type;
    uint64_t fault_addr;
    uint64_t fault_ctx;
    uint64_t y;           /* the Y register */
    uint64_t g[8];        /* %g0..%g7 (g[0] is ignored) */
    uint64_t o[8];        /* %o0..%o7; o[6] is the stack pointer */
};

/* What a handler returns: how the interrupted code goes on. */
#define HV_SPARC_TRAP_RETRY 0  /* run the trapping instruction again, at tpc (`retry`): a miss now mapped */
#define HV_SPARC_TRAP_DONE  1  /* go on after it, at tnpc (`done`): a trap instruction served, a fault skipped */
#define HV_SPARC_TRAP_FATAL 2  /* give up: the runtime's report for this trap, then exit status 0x1000 + tt */

typedef int (*hv_sparc_trap_handler)(struct hv_sparc_trap_frame *frame);

/*
 * Makes `handler` serve trap type `tt` when it is taken at TL 0, on every CPU of
 * the domain; NULL gives the trap back to the runtime's report. Returns 0, or -1
 * (and changes nothing) for a type that cannot be registered: those the runtime
 * serves itself (clean_window 0x024..0x027, interrupt_level_14 0x04e for
 * hv/timer.h, the spill and fill traps 0x080..0x0ff), 0, and 0x180 and above
 * (`ta 0x80` and up go to the hypervisor, never to the guest).
 *
 * A trap of a registered type taken at TL > 0 (inside the runtime's own trap
 * code) still goes to the report.
 */
int hv_sparc_trap_set(unsigned tt, hv_sparc_trap_handler handler);

/* The handler registered for `tt`, or NULL. */
hv_sparc_trap_handler hv_sparc_trap_get(unsigned tt);

#endif
