/*
 * sparc64's part below libhv's portable code: the cpu mondo queue's registers
 * for hv_mondo.c, read with ASI_QUEUE (0x25) at 0x3c0 (head) and 0x3c8 (tail);
 * the guest advances the head, the hypervisor the tail (sun4v API reference
 * section 7). Kept apart from smp.c so that a guest that only prints does not
 * link the secondary CPUs' stacks.
 */
#include <stdint.h>

#include "../libhv/libhv.h"

#define ASI_QUEUE        0x25
#define CPU_MONDO_HEAD   0x3c0
#define CPU_MONDO_TAIL   0x3c8

static uint64_t queue_reg(uint64_t va)
{
    uint64_t v;
    __asm__ __volatile__("ldxa [%1] %2, %0" : "=r"(v) : "r"(va), "i"(ASI_QUEUE) : "memory");
    return v;
}

void __hv_mondo_queue_state(uint64_t *head, uint64_t *tail)
{
    *head = queue_reg(CPU_MONDO_HEAD);
    *tail = queue_reg(CPU_MONDO_TAIL);
}

void __hv_mondo_queue_set_head(uint64_t head)
{
    __asm__ __volatile__("stxa %0, [%1] %2\n\tmembar #Sync"
                         :: "r"(head), "r"((uint64_t)CPU_MONDO_HEAD), "i"(ASI_QUEUE) : "memory");
}

/* sparc64 needs no group beyond sun4v and core. */
void __hv_arch_negotiate(void)
{
}
