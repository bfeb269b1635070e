/*
 * hv/timer.h on sparc64: STICK (asr 24) is the time base, STICK_CMPR (asr 25)
 * the one-shot timer, taken as interrupt_level_14 (tt 0x4e) by interrupt.S,
 * which calls the handler (UltraSPARC Architecture 2005, 5.5.x ASRs; sun4v API
 * reference section 7).
 */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/md.h>
#include <hv/timer.h>

#define STICK_NPT         (1ULL << 63)   /* STICK's non-privileged-trap bit, not part of the count */
#define STICK_CMPR_INT_DIS (1ULL << 63)  /* STICK_CMPR: no interrupt */
#define PSTATE_IE         0x2

/* In interrupt.S, which calls it. */
extern void (*volatile __hv_timer_fn)(void);

static uint64_t frequency;

uint64_t hv_time_now(void)
{
    uint64_t v;
    __asm__ __volatile__("rd %%asr24, %0" : "=r"(v));
    return v & ~STICK_NPT;
}

uint64_t hv_time_frequency(void)
{
    if (frequency == 0) {
        uint64_t f = 0;
        if (hv_md_platform_value("stick-frequency", &f) == 0)
            frequency = f;
    }
    return frequency;
}

void hv_timer_set_handler(void (*fn)(void))
{
    __hv_timer_fn = fn;
}

void hv_timer_arm(uint64_t deadline)
{
    uint64_t v = deadline == 0 ? STICK_CMPR_INT_DIS : deadline & ~STICK_CMPR_INT_DIS;
    __asm__ __volatile__("wr %0, 0, %%asr25" : : "r"(v) : "memory");
}

void hv_interrupts_on(void)
{
    uint64_t p;
    __asm__ __volatile__("wrpr %%g0, 0, %%pil\n\t"
                         "rdpr %%pstate, %0\n\t"
                         "or %0, %1, %0\n\t"
                         "wrpr %0, 0, %%pstate"
                         : "=&r"(p) : "i"(PSTATE_IE) : "memory");
}

void hv_interrupts_off(void)
{
    uint64_t p;
    __asm__ __volatile__("rdpr %%pstate, %0\n\t"
                         "andn %0, %1, %0\n\t"
                         "wrpr %0, 0, %%pstate"
                         : "=&r"(p) : "i"(PSTATE_IE) : "memory");
}

void hv_wait_for_interrupt(void)
{
    /* cpu_yield returns once an interrupt is pending above PIL, even with IE clear */
    __asm__ __volatile__("wrpr %%g0, 0, %%pil" ::: "memory");
    hv_cpu_yield();
    hv_interrupts_on();
    __asm__ __volatile__("nop" ::: "memory");   /* the interrupt is taken at this boundary */
    hv_interrupts_off();
}
