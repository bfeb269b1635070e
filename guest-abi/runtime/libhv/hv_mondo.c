/*
 * cpu mondos (sun4v API reference section 7): each CPU's queue ring, and sending
 * to another CPU. Architecture-neutral: the queue's head and tail registers are
 * reached through __hv_queue_registers and __hv_queue_set_head, which
 * sparc64 implements with ASI_QUEUE and x86_64 with the x86_platform calls.
 */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/smp.h>

#include "libhv.h"

/* one ring per CPU, aligned to its size as cpu_qconf requires */
static uint64_t rings[HV_SMP_MAX_CPUS][HV_SMP_MAX_QUEUE * 8] __attribute__((aligned(HV_SMP_MAX_QUEUE * 64)));
static uint64_t ring_entries[HV_SMP_MAX_CPUS];
/* per sender: the one-entry target list and the 64-byte mondo cpu_mondo_send reads */
static uint16_t lists[HV_SMP_MAX_CPUS][4] __attribute__((aligned(8)));
static uint64_t outgoing[HV_SMP_MAX_CPUS][8] __attribute__((aligned(64)));

static uint64_t my_cpu(void)
{
    uint64_t id = 0;
    hv_cpu_myid(&id);
    return id < HV_SMP_MAX_CPUS ? id : 0;
}

uint64_t hv_mondo_queue_init(unsigned entries)
{
    uint64_t me = my_cpu();
    if (entries < 2 || entries > HV_SMP_MAX_QUEUE || (entries & (entries - 1)) != 0)
        return HV_EINVAL;
    ring_entries[me] = entries;
    return hv_cpu_qconf(HV_CPU_MONDO_QUEUE, (hv_ra_t)(uintptr_t)rings[me], entries);
}

int hv_mondo_take(uint64_t data[8])
{
    uint64_t me = my_cpu();
    uint64_t head, tail;

    __hv_queue_registers(HV_CPU_MONDO_QUEUE, &head, &tail);
    if (head == tail || ring_entries[me] == 0)
        return 0;
    const volatile uint64_t *entry = &rings[me][head / 8];
    for (int i = 0; i < 8; i++)
        data[i] = entry[i];
    __hv_queue_set_head(HV_CPU_MONDO_QUEUE, (head + 64) & (ring_entries[me] * 64 - 1));
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
