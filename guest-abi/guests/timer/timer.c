/*
 * timer: the domain's time base and the one-shot timer interrupt (hv/timer.h),
 * the same program on both architectures. It reads the time base, then runs a
 * periodic tick of one millisecond by re-arming the timer from its own handler,
 * waiting for each interrupt in cpu_yield; checks that no tick came before its
 * deadline, and that a cancelled timer stays quiet.
 */
#include <stdint.h>
#include <stdio.h>

#include <hv/timer.h>

#define TICKS 5

static volatile uint64_t fired;
static volatile int early;
static uint64_t period;
static uint64_t deadline;

static void tick(void)
{
    if (hv_time_now() < deadline)
        early = 1;
    fired++;
    if (fired < TICKS) {
        deadline += period;
        hv_timer_arm(deadline);
    }
}

int main(void)
{
    uint64_t frequency = hv_time_frequency();
    uint64_t t0 = hv_time_now();
    uint64_t t1 = hv_time_now();

    printf("timer: the time base counts %lu ticks per second\n", (unsigned long)frequency);
    printf("timer: it never goes backwards: %s\n", t1 >= t0 ? "yes" : "no");
    if (frequency < 1000) {
        printf("timer: too coarse for a 1 ms tick\n");
        return 1;
    }

    period = frequency / 1000;
    hv_timer_set_handler(tick);
    hv_interrupts_off();
    uint64_t start = hv_time_now();
    deadline = start + period;
    hv_timer_arm(deadline);
    int waits = 0;
    while (fired < TICKS) {
        hv_wait_for_interrupt();
        waits++;
    }
    uint64_t elapsed = hv_time_now() - start;
    printf("timer: %lu interrupts, re-armed from the handler every 1 ms, none before its deadline: %s\n",
           (unsigned long)fired, early ? "no" : "yes");
    printf("timer: one wait per interrupt: %s; %d ms passed: %s\n", waits == TICKS ? "yes" : "no", TICKS,
           elapsed >= TICKS * period ? "yes" : "no");

    hv_timer_arm(hv_time_now() + period);
    hv_timer_arm(0);
    uint64_t quiet_until = hv_time_now() + 2 * period;
    hv_interrupts_on();
    while (hv_time_now() < quiet_until)
        ;
    hv_interrupts_off();
    printf("timer: a cancelled timer stays quiet for 2 ms: %s\n", fired == TICKS ? "yes" : "no");
    return 0;
}
