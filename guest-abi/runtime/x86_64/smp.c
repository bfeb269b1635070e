/*
 * Starting CPUs and cpu mondos on x86_64.
 *
 * Interim queue protocol. On sparc64 the guest reads the tail and advances the
 * head through ASI_QUEUE registers; x86_64 has no such registers and the API
 * does not yet say how an x86 guest reads the tail or hands back the head. Until
 * it does, hv_mondo_take reads the ring itself: the runtime keeps its own head,
 * an entry counts as present when any of its eight words is non-zero, and a
 * consumed entry is zeroed. Consequences, to be removed with the API decision:
 * a mondo of eight zero words is never seen; the hypervisor's head stays where
 * cpu_qconf put it, so after nentries - 1 mondos it considers the ring full and
 * cpu_mondo_send answers EWOULDBLOCK for good; and nothing orders the
 * hypervisor's writes of an entry against the guest's reads of it.
 */
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
/* one ring per CPU, aligned to its size as cpu_qconf requires */
static uint64_t rings[HV_SMP_MAX_CPUS][HV_SMP_MAX_QUEUE * 8] __attribute__((aligned(HV_SMP_MAX_QUEUE * 64)));
static uint64_t ring_entries[HV_SMP_MAX_CPUS];
/* the runtime's own head (a byte offset into the ring), see the top of this file */
static uint64_t ring_heads[HV_SMP_MAX_CPUS];
/* per sender: the one-entry target list and the 64-byte mondo cpu_mondo_send reads */
static uint16_t lists[HV_SMP_MAX_CPUS][4] __attribute__((aligned(8)));
static uint64_t outgoing[HV_SMP_MAX_CPUS][8] __attribute__((aligned(64)));

static uint64_t my_cpu(void)
{
    uint64_t id = 0;
    hv_cpu_myid(&id);
    return id < HV_SMP_MAX_CPUS ? id : 0;
}

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

uint64_t hv_mondo_queue_init(unsigned entries)
{
    uint64_t me = my_cpu();
    if (entries < 2 || entries > HV_SMP_MAX_QUEUE || (entries & (entries - 1)) != 0)
        return HV_EINVAL;
    volatile uint64_t *ring = rings[me];
    for (unsigned i = 0; i < entries * 8; i++)
        ring[i] = 0;
    ring_entries[me] = entries;
    ring_heads[me] = 0;
    return hv_cpu_qconf(HV_CPU_MONDO_QUEUE, (hv_ra_t)(uintptr_t)rings[me], entries);
}

int hv_mondo_take(uint64_t data[8])
{
    uint64_t me = my_cpu();
    uint64_t head = ring_heads[me];
    volatile uint64_t *entry = &rings[me][head / 8];
    uint64_t words[8];
    uint64_t any = 0;

    if (ring_entries[me] == 0)
        return 0;
    for (int i = 0; i < 8; i++) {
        words[i] = entry[i];
        any |= words[i];
    }
    if (any == 0)
        return 0;
    for (int i = 0; i < 8; i++) {
        data[i] = words[i];
        entry[i] = 0;
    }
    ring_heads[me] = (head + 64) & (ring_entries[me] * 64 - 1);
    return 1;
}

void hv_mondo_wait(uint64_t data[8])
{
    while (!hv_mondo_take(data))
        hv_cpu_yield();
}

uint64_t hv_mondo_send(uint64_t cpu, const uint64_t data[8])
{
    uint64_t me = my_cpu();
    uint64_t status;
    for (int i = 0; i < 8; i++)
        outgoing[me][i] = data[i];
    lists[me][0] = (uint16_t)cpu;
    do {
        status = hv_cpu_mondo_send(1, (hv_ra_t)(uintptr_t)lists[me], (hv_ra_t)(uintptr_t)outgoing[me]);
    } while (status == HV_EWOULDBLOCK);
    return status;
}
