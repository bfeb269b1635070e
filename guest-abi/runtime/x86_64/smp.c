/* Starting CPUs on x86_64. */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/smp.h>

#include "x86_64.h"

#define SECONDARY_STACK 16384

struct hv_cpu_boot {
    uint64_t stack_top;
    void (*fn)(void *);
    void *arg;
};

_Static_assert(__builtin_offsetof(struct hv_cpu_boot, stack_top) == HV_RT_BOOT_STACK, "secondary.S layout");
_Static_assert(__builtin_offsetof(struct hv_cpu_boot, fn) == HV_RT_BOOT_FN, "secondary.S layout");
_Static_assert(__builtin_offsetof(struct hv_cpu_boot, arg) == HV_RT_BOOT_ARG, "secondary.S layout");

extern char __hv_secondary_entry[];

static struct hv_cpu_boot boot[HV_SMP_MAX_CPUS];
static uint8_t stacks[HV_SMP_MAX_CPUS][SECONDARY_STACK] __attribute__((aligned(16)));

uint64_t hv_smp_start(uint64_t cpu, void (*fn)(void *), void *arg)
{
    if (cpu >= HV_SMP_MAX_CPUS)
        return HV_ENOCPU;
    boot[cpu].stack_top = (uint64_t)(uintptr_t)&stacks[cpu][SECONDARY_STACK];
    boot[cpu].fn = fn;
    boot[cpu].arg = arg;
    /* x86 keeps stores in order; the stub's "memory" clobber keeps gcc from moving them */
    return hv_cpu_start(cpu, (hv_ra_t)(uintptr_t)__hv_secondary_entry, 0, (uint64_t)(uintptr_t)&boot[cpu]);
}
