/*
 * Starting CPUs and cpu mondos on sparc64. The queue's head and tail registers are
 * read with ASI_QUEUE (0x25) at 0x3c0 (head) and 0x3c8 (tail); the guest advances
 * the head, the hypervisor the tail (sun4v API reference section 7).
 */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/smp.h>

#define ASI_QUEUE        0x25
#define CPU_MONDO_HEAD   0x3c0
#define CPU_MONDO_TAIL   0x3c8
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

uint64_t hv_mondo_queue_init(unsigned entries)
{
    uint64_t me = my_cpu();
    if (entries < 2 || entries > HV_SMP_MAX_QUEUE || (entries & (entries - 1)) != 0)
        return HV_EINVAL;
    ring_entries[me] = entries;
    return hv_cpu_qconf(HV_CPU_MONDO_QUEUE, (hv_ra_t)(uintptr_t)rings[me], entries);
}

static uint64_t queue_reg(uint64_t va)
{
    uint64_t v;
    __asm__ __volatile__("ldxa [%1] %2, %0" : "=r"(v) : "r"(va), "i"(ASI_QUEUE) : "memory");
    return v;
}

int hv_mondo_take(uint64_t data[8])
{
    uint64_t me = my_cpu();
    uint64_t head = queue_reg(CPU_MONDO_HEAD);
    if (head == queue_reg(CPU_MONDO_TAIL))
        return 0;
    const uint64_t *entry = &rings[me][head / 8];
    for (int i = 0; i < 8; i++)
        data[i] = entry[i];
    head = (head + 64) & (ring_entries[me] * 64 - 1);
    __asm__ __volatile__("stxa %0, [%1] %2\n\tmembar #Sync"
                         :: "r"(head), "r"((uint64_t)CPU_MONDO_HEAD), "i"(ASI_QUEUE) : "memory");
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
