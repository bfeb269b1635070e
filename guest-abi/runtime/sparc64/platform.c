/*
 * sparc64's part below libhv's portable code: the interrupt queues' registers
 * for hv_mondo.c and hv_ldc.c, read with ASI_QUEUE (0x25) at 0x3c0 (cpu mondo
 * head) and 0x3c8 (its tail), 0x3d0/0x3d8 (device mondo) and so on;
 * the guest advances the head, the hypervisor the tail (sun4v API reference
 * section 7). Kept apart from smp.c so that a guest that only prints does not
 * link the secondary CPUs' stacks.
 */
#include <stdint.h>

#include "../libhv/libhv.h"

#include <hyperstrand/hv_api.h>

#define ASI_QUEUE        0x25
/* queue q's head register is at 0x3c0 + (q - 0x3c) * 0x10, its tail 8 bytes above */
#define QUEUE_HEAD(q)    (0x3c0 + ((q) - HV_CPU_MONDO_QUEUE) * 0x10)

static uint64_t queue_reg(uint64_t va)
{
    uint64_t v;
    __asm__ __volatile__("ldxa [%1] %2, %0" : "=r"(v) : "r"(va), "i"(ASI_QUEUE) : "memory");
    return v;
}

void __hv_queue_registers(uint64_t queue, uint64_t *head, uint64_t *tail)
{
    *head = queue_reg(QUEUE_HEAD(queue));
    *tail = queue_reg(QUEUE_HEAD(queue) + 8);
}

void __hv_queue_set_head(uint64_t queue, uint64_t head)
{
    __asm__ __volatile__("stxa %0, [%1] %2\n\tmembar #Sync"
                         :: "r"(head), "r"((uint64_t)QUEUE_HEAD(queue)), "i"(ASI_QUEUE) : "memory");
}

/* sparc64 needs no group beyond sun4v and core. */
void __hv_arch_negotiate(void)
{
}
