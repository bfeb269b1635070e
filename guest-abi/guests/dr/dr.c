/*
 * The dr guest: takes part in dynamic reconfiguration of its cpus through
 * the runtime's hv/ds.h. It starts every cpu its machine description lists,
 * registers dr-cpu on the domain services channel and then serves requests
 * until ldm stop-domain asks it to shut down (the runtime powers off): each cpu
 * configured is started with cpu_start, each unconfigured one stopped with
 * cpu_stop, and a line says so. Run it under ldmd (hv run offers no domain
 * services channel: the guest says so and exits with status 1).
 */
#include <stdio.h>

#include <hv/ds.h>
#include <hv/smp.h>

static void idle(void *arg)
{
    (void)arg; /* returning leaves the cpu waiting in cpu_yield */
}

static void changed(uint32_t type, uint64_t cpu, int online)
{
    printf("dr: cpu %lu %s, now %d cpus online\n", (unsigned long)cpu,
           type == HV_DR_CPU_CONFIGURE ? "configured" : "unconfigured", online);
}

int main(void)
{
    uint64_t ids[HV_SMP_MAX_CPUS];
    int n = hv_md_cpu_ids(ids, HV_SMP_MAX_CPUS);
    if (hv_ds_open() != 0) {
        printf("dr: no domain services channel (run it under ldmd)\n");
        return 1;
    }
    for (int i = 0; i < n && i < HV_SMP_MAX_CPUS; i++) {
        if (ids[i] != 0 && hv_smp_start(ids[i], idle, 0) == 0)
            hv_dr_cpu_online(ids[i]);
    }
    printf("dr: ready, %d cpus online\n", hv_dr_cpu_online_count());
    static const struct hv_dr_cpu_handlers handlers = {0, changed};
    struct hv_dr_cpu_request request;
    while (hv_dr_cpu_next(&request) == 0) {
        if (hv_dr_cpu_handle(&request, &handlers) < 0)
            break;
    }
    printf("dr: the domain services channel went down\n");
    return 2;
}
