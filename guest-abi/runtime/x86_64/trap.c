/*
 * The report for an unexpected exception (x86_64). crt0's __hv_exception
 * records the vector, the error code and the frame the CPU pushed, switches to
 * a private stack and calls __hv_trap_report. Output goes through api_putchar,
 * which needs no negotiation and no buffer in memory the hypervisor has to read.
 */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/runtime.h>

#include "x86_64.h"

struct hv_x86_trap_record {
    uint64_t vector;
    uint64_t error;  /* 0 for vectors without an error code */
    uint64_t rip;
    uint64_t cs;
    uint64_t rflags;
    uint64_t rsp;
    uint64_t ss;
    uint64_t cr2;
};

_Static_assert(sizeof(struct hv_x86_trap_record) == HV_RT_REC_SIZE, "crt0.S record layout");
_Static_assert(__builtin_offsetof(struct hv_x86_trap_record, error) == HV_RT_REC_ERROR, "crt0.S record layout");
_Static_assert(__builtin_offsetof(struct hv_x86_trap_record, rip) == HV_RT_REC_RIP, "crt0.S record layout");
_Static_assert(__builtin_offsetof(struct hv_x86_trap_record, rflags) == HV_RT_REC_RFLAGS, "crt0.S record layout");
_Static_assert(__builtin_offsetof(struct hv_x86_trap_record, cr2) == HV_RT_REC_CR2, "crt0.S record layout");
_Static_assert(HV_RT_CORE_TRAP == HV_CORE_TRAP, "crt0.S core trap number");
_Static_assert(HV_RT_FAST_TRAP == HV_FAST_TRAP, "secondary.S fast trap number");
_Static_assert(HV_RT_API_EXIT == HV_CORE_API_EXIT, "crt0.S api_exit function number");
_Static_assert(HV_RT_CPU_YIELD == HV_FAST_CPU_YIELD, "secondary.S cpu_yield function number");

/* Written by crt0.S. */
uint64_t __hv_trap_nesting;
struct hv_x86_trap_record __hv_trap_record;

__attribute__((noreturn)) void __hv_trap_report(const struct hv_x86_trap_record *rec);

static const char *const exception_names[X86_EXCEPTIONS] = {
    [0] = "#DE, divide error",
    [1] = "#DB, debug",
    [2] = "NMI",
    [3] = "#BP, breakpoint",
    [4] = "#OF, overflow",
    [5] = "#BR, bound range exceeded",
    [6] = "#UD, invalid opcode",
    [7] = "#NM, device not available",
    [8] = "#DF, double fault",
    [9] = "coprocessor segment overrun",
    [10] = "#TS, invalid TSS",
    [11] = "#NP, segment not present",
    [12] = "#SS, stack fault",
    [13] = "#GP, general protection",
    [14] = "#PF, page fault",
    [16] = "#MF, x87 floating-point error",
    [17] = "#AC, alignment check",
    [18] = "#MC, machine check",
    [19] = "#XF, SIMD floating-point",
    [20] = "#VE, virtualization exception",
    [21] = "#CP, control protection",
    [28] = "#HV, hypervisor injection",
    [29] = "#VC, VMM communication",
    [30] = "#SX, security exception",
};

/* What the error code says, for the vectors whose error code is worth decoding. */
static void out_error_detail(uint64_t vector, uint64_t error)
{
    if (vector == 14) {
        hv_early_write(error & 1 ? " (protection violation" : " (page not present");
        hv_early_write(error & 2 ? ", write" : ", read");
        if (error & 16)
            hv_early_write(", instruction fetch");
        if (error & 4)
            hv_early_write(", user mode");
        if (error & 8)
            hv_early_write(", reserved bit set");
        hv_early_write(")");
    } else if ((vector == 10 || vector == 11 || vector == 12 || vector == 13) && error != 0) {
        /* a selector error code; bit 1 says it names an IDT vector */
        if (error & 2) {
            hv_early_write(" (IDT vector ");
            hv_early_hex((error >> 3) & 0xff, 2);
            hv_early_write(error & 1 ? ", external event)" : ")");
        } else {
            hv_early_write(error & 4 ? " (LDT selector " : " (GDT selector ");
            hv_early_hex(error & 0xfff8, 4);
            hv_early_write(")");
        }
    }
}

void __hv_trap_report(const struct hv_x86_trap_record *rec)
{
    uint64_t vector = rec->vector & (X86_EXCEPTIONS - 1);
    uint64_t status = HV_EXIT_TRAP_BASE + vector;
    const char *name = exception_names[vector];

    hv_early_write("\nhv runtime: unexpected exception ");
    hv_early_hex(vector, 2);
    hv_early_write(" (");
    hv_early_write(name != 0 ? name : "reserved");
    hv_early_write(")\n");
    hv_early_write("hv runtime:   rip ");
    hv_early_hex(rec->rip, 16);
    hv_early_write(" cs ");
    hv_early_hex(rec->cs, 4);
    hv_early_write(" rflags ");
    hv_early_hex(rec->rflags, 16);
    hv_early_write("\nhv runtime:   rsp ");
    hv_early_hex(rec->rsp, 16);
    hv_early_write(" ss ");
    hv_early_hex(rec->ss, 4);
    hv_early_write(" cr2 ");
    hv_early_hex(rec->cr2, 16);
    hv_early_write("\nhv runtime:   error code ");
    hv_early_hex(rec->error, 8);
    out_error_detail(vector, rec->error);
    hv_early_write("\nhv runtime: stopping the domain with exit status ");
    hv_early_hex(status, 4);
    hv_early_write("\n");
    if (hv_boot_info.core_ready)
        hv_mach_exit(status);
    hv_api_exit(status);
}
