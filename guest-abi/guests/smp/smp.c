/*
 * smp: starts every other CPU of the domain (as the machine description lists
 * them) with cpu_start; each computes a value from its id and reports it to the
 * boot CPU with a cpu mondo. The boot CPU checks every answer and exits 0 when
 * all CPUs have reported correctly.
 */
#include <stdint.h>
#include <stdio.h>

#include <hyperstrand/hv_api.h>
#include <hv/smp.h>

#define MONDO_MAGIC 0x534d5030ULL /* "SMP0" */

/* A little work per CPU: a 64-bit hash chain, longer for higher ids. */
static uint64_t work(uint64_t id)
{
    uint64_t x = 0x9e3779b97f4a7c15ULL ^ id;
    for (uint64_t i = 0; i < 1000 * (id + 1); i++)
        x = (x ^ (x >> 31)) * 0xbf58476d1ce4e5b9ULL + i;
    return x;
}

static void worker(void *arg)
{
    uint64_t id = (uint64_t)(uintptr_t)arg;
    uint64_t mondo[8] = {MONDO_MAGIC, id, work(id), 0, 0, 0, 0, 0};
    hv_mondo_send(0, mondo);
}

int main(void)
{
    uint64_t ids[HV_SMP_MAX_CPUS];
    uint64_t reported[HV_SMP_MAX_CPUS] = {0};
    uint64_t result[HV_SMP_MAX_CPUS];
    int n = hv_md_cpu_ids(ids, HV_SMP_MAX_CPUS);
    if (n < 1 || n > HV_SMP_MAX_CPUS) {
        printf("smp: could not read the CPUs from the machine description (%d)\n", n);
        return 1;
    }
    printf("smp: the machine description lists %d cpus\n", n);
    uint64_t status = hv_mondo_queue_init(HV_SMP_MAX_QUEUE);
    if (status != HV_EOK) {
        printf("smp: cpu_qconf failed: %lu\n", (unsigned long)status);
        return 1;
    }
    int started = 0;
    for (int i = 0; i < n; i++) {
        if (ids[i] == 0)
            continue;
        status = hv_smp_start(ids[i], worker, (void *)(uintptr_t)ids[i]);
        if (status != HV_EOK) {
            printf("smp: cpu_start(%lu) failed: %lu\n", (unsigned long)ids[i], (unsigned long)status);
            return 1;
        }
        started++;
    }
    printf("smp: started %d cpus\n", started);
    for (int got = 0; got < started; got++) {
        uint64_t m[8];
        hv_mondo_wait(m);
        if (m[0] != MONDO_MAGIC || m[1] >= HV_SMP_MAX_CPUS || reported[m[1]]) {
            printf("smp: unexpected mondo %#lx %#lx\n", (unsigned long)m[0], (unsigned long)m[1]);
            return 1;
        }
        reported[m[1]] = 1;
        result[m[1]] = m[2];
    }
    int wrong = 0;
    for (int i = 0; i < n; i++) {
        uint64_t id = ids[i];
        if (id == 0)
            continue;
        int ok = result[id] == work(id);
        wrong += !ok;
        printf("smp: cpu %lu reported %016lx (%s)\n", (unsigned long)id, (unsigned long)result[id],
               ok ? "ok" : "WRONG");
    }
    printf("smp: %d of %d cpus reported correctly\n", started - wrong, started);
    return wrong != 0;
}
