/*
 * Guest start-up after crt0: negotiate the API groups the runtime needs, run
 * main, and stop the domain with its return value. Also the hypervisor side of
 * libhv's platform interface (exit). Architecture-neutral: it uses only the
 * generated call stubs.
 */
#include <stdint.h>
#include <stdlib.h>

#include <hyperstrand/hv_api.h>
#include <hv/runtime.h>

#include "libhv.h"

struct hv_boot_info hv_boot_info;

int main(void);
__attribute__((noreturn)) void __hv_start(uint64_t start_arg, uint64_t mem_base, uint64_t mem_size);

static const char *status_name(uint64_t status)
{
    switch (status) {
    case HV_EINVAL: return "EINVAL";
    case HV_EBADTRAP: return "EBADTRAP";
    case HV_ENOTSUPPORTED: return "ENOTSUPPORTED";
    case HV_ENOACCESS: return "ENOACCESS";
    default: return "unexpected status";
    }
}

uint64_t __hv_negotiate(uint64_t group, const char *name, uint64_t major, uint64_t minor)
{
    uint64_t granted = 0;
    uint64_t status = hv_api_set_version(group, major, minor, &granted);

    if (status != HV_EOK) {
        hv_early_write("hv runtime: the hypervisor refused API group ");
        hv_early_write(name);
        hv_early_write(" version ");
        hv_early_dec(major);
        hv_early_write(".");
        hv_early_dec(minor);
        hv_early_write(": api_set_version returned ");
        hv_early_dec(status);
        hv_early_write(" (");
        hv_early_write(status_name(status));
        hv_early_write(")\n");
        hv_api_exit(HV_EXIT_NEGOTIATION_FAILED);
    }
    return granted;
}

void __hv_start(uint64_t start_arg, uint64_t mem_base, uint64_t mem_size)
{
    hv_boot_info.start_arg = start_arg;
    hv_boot_info.mem_base = mem_base;
    hv_boot_info.mem_size = mem_size;

    __hv_negotiate(HV_GRP_SUN4V, "sun4v", 1, 0);
    /* core 1.1 brings cons_write; a hypervisor offering only 1.0 lowers the minor */
    hv_boot_info.core_minor = __hv_negotiate(HV_GRP_CORE, "core", 1, 1);
    hv_boot_info.core_ready = 1;
    __hv_arch_negotiate();

    exit(main());
}

void __hv_platform_exit(int64_t status)
{
    if (hv_boot_info.core_ready)
        hv_mach_exit((uint64_t)status);
    hv_api_exit((uint64_t)status);
}
