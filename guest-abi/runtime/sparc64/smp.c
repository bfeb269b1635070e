/* Starting CPUs on sparc64. */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/smp.h>

#define SECONDARY_STACK  16384

struct hv_cpu_boot {
    uint64_t stack_top;
    void (*fn)(void *);
    void *arg;
};

extern char __hv_secondary_entry[];
extern char __hv_trap_table[];

static struct hv_cpu_boot boot[HV_SMP_MAX_CPUS];
static uint8_t stacks[HV_SMP_MAX_CPUS][SECONDARY_STACK] __attribute__((aligned(16)));

uint64_t hv_smp_start(uint64_t cpu, void (*fn)(void *), void *arg)
{
    if (cpu >= HV_SMP_MAX_CPUS)
        return HV_ENOCPU;
    boot[cpu].stack_top = (uint64_t)(uintptr_t)&stacks[cpu][SECONDARY_STACK];
    boot[cpu].fn = fn;
    boot[cpu].arg = arg;
    __asm__ __volatile__("membar #StoreStore" ::: "memory");
    return hv_cpu_start(cpu, (hv_ra_t)(uintptr_t)__hv_secondary_entry, (hv_ra_t)(uintptr_t)__hv_trap_table,
                        (uint64_t)(uintptr_t)&boot[cpu]);
}
