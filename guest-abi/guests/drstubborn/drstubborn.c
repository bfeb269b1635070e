/*
 * The drstubborn guest: registers dr-cpu (hv/ds.h) but does not cooperate,
 * for the tests of refused and unanswered requests. It never answers a
 * configure request (ldm add-vcpu times out) and refuses every unconfigure
 * request with the reason "cpu is busy" (ldm remove-vcpu fails). A forced
 * request (ldm remove-vcpu -f) is not its to refuse: the runtime stops the
 * cpus and answers. Runs until the domain is stopped.
 */
#include <stdio.h>

#include <hv/ds.h>

static const char *busy(uint32_t type, uint64_t cpu)
{
    (void)type;
    (void)cpu;
    return "cpu is busy";
}

int main(void)
{
    if (hv_ds_open() != 0) {
        printf("drstubborn: no domain services channel (run it under ldmd)\n");
        return 1;
    }
    printf("drstubborn: ready\n");
    static const struct hv_dr_cpu_handlers handlers = {busy, 0};
    struct hv_dr_cpu_request request;
    while (hv_dr_cpu_next(&request) == 0) {
        if (request.type == HV_DR_CPU_CONFIGURE) {
            printf("drstubborn: not answering a request to configure %u cpus\n", (unsigned)request.count);
            continue;
        }
        hv_dr_cpu_handle(&request, &handlers);
        if (request.type == HV_DR_CPU_FORCE_UNCONFIGURE)
            printf("drstubborn: forced to unconfigure %u cpus, %d online\n", (unsigned)request.count,
                   hv_dr_cpu_online_count());
        else
            printf("drstubborn: refused to unconfigure %u cpus\n", (unsigned)request.count);
    }
    return 2;
}
