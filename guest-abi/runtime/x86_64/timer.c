/*
 * hv/timer.h on x86_64: x86_platform's time_get and timer_set, and vector
 * X86_VECTOR_TIMER pointed at timer_entry.S, which calls the handler.
 */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/timer.h>
#include <hv/x86_64.h>

void __hv_timer_entry(void);

/* Called by timer_entry.S. */
void (*volatile __hv_timer_fn)(void);

uint64_t hv_time_now(void)
{
    uint64_t ticks = 0, frequency = 0;
    hv_time_get(&ticks, &frequency);
    return ticks;
}

uint64_t hv_time_frequency(void)
{
    uint64_t ticks = 0, frequency = 0;
    hv_time_get(&ticks, &frequency);
    return frequency;
}

void hv_timer_set_handler(void (*fn)(void))
{
    __hv_timer_fn = fn;
    hv_x86_idt_set(HV_X86_VECTOR_TIMER, __hv_timer_entry);
}

void hv_timer_arm(uint64_t deadline)
{
    hv_timer_set(deadline);
}

void hv_interrupts_on(void)
{
    __asm__ __volatile__("sti" ::: "memory");
}

void hv_interrupts_off(void)
{
    __asm__ __volatile__("cli" ::: "memory");
}

void hv_wait_for_interrupt(void)
{
    hv_cpu_yield();
    /* STI's shadow covers the NOP: a pending interrupt is taken right after it */
    __asm__ __volatile__("sti\n\tnop\n\tcli" ::: "memory");
}
