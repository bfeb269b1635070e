/*
 * x86_64's part below libhv's portable code. An x86 CPU has no ASI_QUEUE: the
 * x86_platform calls queue_state and queue_set_head (group version 1.1) stand
 * in for the queues' head and tail registers that hv_mondo.c and hv_ldc.c use, so
 * the runtime negotiates that version at start. Kept apart from smp.c so that
 * a guest that only prints does not link the secondary CPUs' stacks.
 */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/runtime.h>

#include "../libhv/libhv.h"

void __hv_queue_registers(uint64_t queue, uint64_t *head, uint64_t *tail)
{
    /* a queue that is not configured reads as empty: both stay 0 */
    *head = 0;
    *tail = 0;
    hv_queue_state(queue, head, tail);
}

void __hv_queue_set_head(uint64_t queue, uint64_t head)
{
    hv_queue_set_head(queue, head);
}

/* queue_state and queue_set_head came with x86_platform 1.1. */
void __hv_arch_negotiate(void)
{
    if (__hv_negotiate(HV_GRP_X86_PLATFORM, "x86_platform", 1, 1) < 1) {
        hv_early_write("hv runtime: the hypervisor offers x86_platform 1.0; the runtime needs 1.1\n");
        hv_api_exit(HV_EXIT_NEGOTIATION_FAILED);
    }
}
