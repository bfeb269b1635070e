/*
 * Trap handlers of the guest's own (hv/sparc64.h): the table trap_entry.S looks
 * trap types up in, and the C side of the entry, which hands the handler its
 * frame and turns its answer into the way the interrupted code resumes.
 */
#include <stddef.h>
#include <stdint.h>

#include <hv/sparc64.h>
#include <hv/sparc64_mmu.h>

#include "sparc64.h"

_Static_assert(offsetof(struct hv_sparc_trap_frame, tt) == HV_RT_TF_TT, "trap_entry.S frame layout");
_Static_assert(offsetof(struct hv_sparc_trap_frame, tpc) == HV_RT_TF_TPC, "trap_entry.S frame layout");
_Static_assert(offsetof(struct hv_sparc_trap_frame, tnpc) == HV_RT_TF_TNPC, "trap_entry.S frame layout");
_Static_assert(offsetof(struct hv_sparc_trap_frame, tstate) == HV_RT_TF_TSTATE, "trap_entry.S frame layout");
_Static_assert(offsetof(struct hv_sparc_trap_frame, y) == HV_RT_TF_Y, "trap_entry.S frame layout");
_Static_assert(offsetof(struct hv_sparc_trap_frame, g) == HV_RT_TF_G, "trap_entry.S frame layout");
_Static_assert(offsetof(struct hv_sparc_trap_frame, o) == HV_RT_TF_O, "trap_entry.S frame layout");
_Static_assert(sizeof(struct hv_sparc_trap_frame) == HV_RT_TRAP_FRAME_SIZE, "trap_entry.S frame layout");
_Static_assert(HV_RT_TRAP_FRAME_SIZE % 16 == 0, "the stack stays 16-byte aligned");

/* Read by trap_entry.S: a handler per trap type taken at TL 0, NULL for the report. */
hv_sparc_trap_handler volatile __hv_trap_handlers[HV_RT_TRAP_HANDLERS];

/* trap.c's report, for a handler that gives up. */
__attribute__((noreturn)) void __hv_trap_give_up(const struct hv_sparc_trap_frame *frame);

void __hv_trap_dispatch(struct hv_sparc_trap_frame *frame);

/* The types crt0.S serves itself, the hypervisor's, and 0, which is no trap. */
static int registrable(unsigned tt)
{
    return tt != 0 && tt < HV_RT_TRAP_HANDLERS && !(tt >= 0x024 && tt <= 0x027)
           && tt != HV_SPARC_TT_INTERRUPT_LEVEL(14) && !(tt >= 0x080 && tt <= 0x0ff);
}

int hv_sparc_trap_set(unsigned tt, hv_sparc_trap_handler handler)
{
    if (!registrable(tt))
        return -1;
    __hv_trap_handlers[tt] = handler;
    return 0;
}

hv_sparc_trap_handler hv_sparc_trap_get(unsigned tt)
{
    return registrable(tt) ? __hv_trap_handlers[tt] : NULL;
}

/* Which half of the fault status area describes trap tt: 'i', 'd' or 0 (sun4v API reference section 5). */
static int fault_side(uint64_t tt)
{
    if (tt == HV_SPARC_TT_INSTRUCTION_ACCESS_EXCEPTION || tt == HV_SPARC_TT_INSTRUCTION_ACCESS_MMU_MISS
        || (tt >= 0x064 && tt <= 0x067))
        return 'i';
    if (tt == HV_SPARC_TT_DATA_ACCESS_EXCEPTION || tt == HV_SPARC_TT_DATA_ACCESS_MMU_MISS
        || (tt >= 0x034 && tt <= 0x039) || (tt >= 0x068 && tt <= 0x06f))
        return 'd';
    return 0;
}

void __hv_trap_dispatch(struct hv_sparc_trap_frame *frame)
{
    const struct hv_mmu_fault_area *area = hv_sparc_fault_area();
    int side = fault_side(frame->tt);

    frame->fault_type = frame->fault_addr = frame->fault_ctx = 0;
    if (area != NULL && side == 'i') {
        frame->fault_type = area->i_fault_type;
        frame->fault_addr = area->i_fault_addr;
        frame->fault_ctx = area->i_fault_ctx;
    } else if (area != NULL && side == 'd') {
        frame->fault_type = area->d_fault_type;
        frame->fault_addr = area->d_fault_addr;
        frame->fault_ctx = area->d_fault_ctx;
    }

    /* another CPU may have taken the handler away since the entry looked */
    hv_sparc_trap_handler handler = __hv_trap_handlers[frame->tt];
    int action = handler != NULL ? handler(frame) : HV_SPARC_TRAP_FATAL;

    if (action == HV_SPARC_TRAP_DONE) {
        frame->tpc = frame->tnpc;
        frame->tnpc += 4;
    } else if (action != HV_SPARC_TRAP_RETRY) {
        __hv_trap_give_up(frame);
    }
}
