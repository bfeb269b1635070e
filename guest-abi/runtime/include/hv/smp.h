/*
 * hv/smp.h: starting CPUs and exchanging cpu mondos (sun4v API reference
 * section 7), for guests of the Hyperstrand runtime.
 */
#ifndef HV_SMP_H
#define HV_SMP_H

#include <stdint.h>

/* The most CPUs the runtime keeps start records and stacks for. */
#define HV_SMP_MAX_CPUS 64

/* hv_md_cpu_ids: the CPUs the machine description lists. */
#include <hv/md.h>

/*
 * Starts CPU cpu (stopped) running fn(arg) on a stack of the runtime's own;
 * when fn returns the CPU waits in cpu_yield forever. Returns cpu_start's status.
 */
uint64_t hv_smp_start(uint64_t cpu, void (*fn)(void *), void *arg);

/* Configures the calling CPU's cpu mondo queue (2..HV_SMP_MAX_QUEUE entries). */
#define HV_SMP_MAX_QUEUE 64
uint64_t hv_mondo_queue_init(unsigned entries);

/*
 * Takes the oldest mondo from the calling CPU's queue into data[8]: 1 if there
 * was one, 0 if the queue is empty. Interrupts need not be enabled.
 */
int hv_mondo_take(uint64_t data[8]);

/* Like hv_mondo_take, but waits in cpu_yield until a mondo arrives. */
void hv_mondo_wait(uint64_t data[8]);

/*
 * Sends data[8] to CPU cpu's mondo queue, retrying while it answers EWOULDBLOCK
 * (the target's queue is full or not configured yet). Returns the final status.
 */
uint64_t hv_mondo_send(uint64_t cpu, const uint64_t data[8]);

#endif
