/*
 * hv/timer.h: the domain's time base and each CPU's one-shot timer interrupt,
 * for guests of the Hyperstrand runtime, the same on both architectures.
 *
 * sparc64: the time base is STICK, its frequency the MD platform node's
 * stick-frequency; the timer is STICK_CMPR, taken as interrupt level 14
 * (sun4v API reference section 7). x86_64: the time base and the timer are
 * x86_platform's time_get and timer_set, taken as vector X86_VECTOR_TIMER.
 */
#ifndef HV_TIMER_H
#define HV_TIMER_H

#include <stdint.h>

/* The time base in ticks: it never goes backwards, and all CPUs of the domain share it. */
uint64_t hv_time_now(void);

/* Ticks per second; constant while the domain runs (0 if the platform does not say). */
uint64_t hv_time_frequency(void);

/*
 * The function every CPU's timer interrupt calls, in interrupt context with
 * interrupts off: keep it short, and do not wait in it. On sparc64 it runs at
 * TL 1, so it must not take traps other than register-window spills and fills.
 */
void hv_timer_set_handler(void (*fn)(void));

/* Arms the calling CPU's one-shot timer for `deadline` (ticks); 0 cancels it. One interrupt, then it is disarmed. */
void hv_timer_arm(uint64_t deadline);

/* Interrupts on (sparc64: PSTATE.IE with PIL 0; x86_64: RFLAGS.IF) and off. */
void hv_interrupts_on(void);
void hv_interrupts_off(void);

/*
 * Called with interrupts off: waits in cpu_yield, at no cost to the host, until
 * an interrupt is pending, takes it, and returns with interrupts off again.
 * Check what you wait for with interrupts off, then call this, so that no
 * interrupt slips in between the check and the wait.
 */
void hv_wait_for_interrupt(void);

#endif
