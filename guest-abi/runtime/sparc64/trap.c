/*
 * The report for an unexpected trap (sparc64). crt0's __hv_bad_trap records the
 * state of each trap level, leaves trap mode and calls __hv_trap_report on a
 * private stack; a registered handler that gives up (hv/sparc64.h) comes through
 * __hv_trap_give_up with the one level its frame describes. Output goes through
 * api_putchar, which needs no negotiation and no buffer in memory the hypervisor
 * has to read.
 */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/runtime.h>
#include <hv/sparc64.h>

#include "sparc64.h"

struct hv_trap_level {
    uint64_t tt;
    uint64_t tpc;
    uint64_t tnpc;
    uint64_t tstate;
};

_Static_assert(sizeof(struct hv_trap_level) == HV_RT_TRAP_LEVEL_SIZE, "crt0.S record layout");
_Static_assert(HV_RT_CORE_TRAP == HV_CORE_TRAP, "crt0.S core trap number");
_Static_assert(HV_RT_API_EXIT == HV_CORE_API_EXIT, "crt0.S api_exit function number");

/* Written by crt0.S. */
uint64_t __hv_trap_nesting;
struct hv_trap_level __hv_trap_levels[HV_RT_TRAP_LEVELS];

__attribute__((noreturn)) void __hv_trap_report(uint64_t nlevels, const struct hv_trap_level *levels);
__attribute__((noreturn)) void __hv_trap_give_up(const struct hv_sparc_trap_frame *frame);

/* The trap's name as the UltraSPARC Architecture calls it, for the common ones. */
static void out_trap_name(uint64_t tt)
{
    static const struct { uint16_t tt; const char *name; } names[] = {
        { 0x008, "instruction_access_exception" },
        { 0x009, "instruction_access_MMU_miss" },
        { 0x010, "illegal_instruction" },
        { 0x011, "privileged_opcode" },
        { 0x012, "unimplemented_LDD" },
        { 0x013, "unimplemented_STD" },
        { 0x020, "fp_disabled" },
        { 0x021, "fp_exception_ieee_754" },
        { 0x022, "fp_exception_other" },
        { 0x023, "tag_overflow" },
        { 0x028, "division_by_zero" },
        { 0x030, "data_access_exception" },
        { 0x031, "data_access_MMU_miss" },
        { 0x034, "mem_address_not_aligned" },
        { 0x035, "LDDF_mem_address_not_aligned" },
        { 0x036, "STDF_mem_address_not_aligned" },
        { 0x037, "privileged_action" },
        { 0x064, "fast_instruction_access_MMU_miss" },
        { 0x068, "fast_data_access_MMU_miss" },
        { 0x06c, "fast_data_access_protection" },
        { 0x074, "control_transfer_instruction" },
        { 0x07c, "cpu_mondo" },
        { 0x07d, "dev_mondo" },
        { 0x07e, "resumable_error" },
        { 0x07f, "nonresumable_error" },
    };

    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].tt == tt) {
            hv_early_write(names[i].name);
            return;
        }
    }
    if (tt == 0x024 || (tt >= 0x025 && tt <= 0x027)) {
        hv_early_write("clean_window");
    } else if (tt >= 0x041 && tt <= 0x04f) {
        hv_early_write("interrupt_level_");
        hv_early_dec(tt - 0x040);
    } else if (tt >= 0x080 && tt <= 0x0ff) {
        hv_early_write(tt < 0x0c0 ? "spill_" : "fill_");
        hv_early_dec((tt >> 2) & 7);
        hv_early_write(tt & 0x020 ? "_other" : "_normal");
        if ((tt & 0x1c) == 0 && (tt & 0x020) == 0)
            hv_early_write(", the stack pointer is not a 64-bit (odd, biased) one");
    } else if (tt >= 0x100 && tt <= 0x17f) {
        hv_early_write("trap_instruction, ta ");
        hv_early_hex(tt - 0x100, 2);
    } else if (tt >= 0x180) {
        hv_early_write("hypervisor trap");
    } else {
        hv_early_write("unknown");
    }
}

void __hv_trap_report(uint64_t nlevels, const struct hv_trap_level *levels)
{
    uint64_t tt = levels[0].tt & 0x1ff;
    uint64_t status = HV_EXIT_TRAP_BASE + tt;

    hv_early_write("\nhv runtime: unexpected trap ");
    hv_early_hex(tt, 3);
    hv_early_write(" (");
    out_trap_name(tt);
    hv_early_write(") at trap level ");
    hv_early_dec(nlevels);
    hv_early_write("\n");
    for (uint64_t i = 0; i < nlevels; i++) {
        hv_early_write("hv runtime:   tl ");
        hv_early_dec(nlevels - i);
        hv_early_write(": tt ");
        hv_early_hex(levels[i].tt, 3);
        hv_early_write(" tpc ");
        hv_early_hex(levels[i].tpc, 16);
        hv_early_write(" tnpc ");
        hv_early_hex(levels[i].tnpc, 16);
        hv_early_write(" tstate ");
        hv_early_hex(levels[i].tstate, 16);
        hv_early_write("\n");
    }
    hv_early_write("hv runtime: stopping the domain with exit status ");
    hv_early_hex(status, 4);
    hv_early_write("\n");
    if (hv_boot_info.core_ready)
        hv_mach_exit(status);
    hv_api_exit(status);
}

void __hv_trap_give_up(const struct hv_sparc_trap_frame *frame)
{
    __hv_trap_nesting = 1;   /* a trap from here on stops at once, as in __hv_bad_trap */
    __hv_trap_levels[0] = (struct hv_trap_level){ frame->tt, frame->tpc, frame->tnpc, frame->tstate };
    __hv_trap_report(1, __hv_trap_levels);
}
