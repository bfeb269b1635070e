/*
 * console: reads what is typed for the domain (hv_console_getc) and writes it
 * back, until the input hangs up; then it says how much came. Between reads
 * it waits for a 1 ms timer interrupt (hv/timer.h), since typed input does not
 * end a cpu_yield. Run it as `echo hi | hv run console.elf`.
 */
#include <stdint.h>
#include <stdio.h>

#include <hv/runtime.h>
#include <hv/timer.h>

static void nothing(void)
{
}

int main(void)
{
    uint64_t tick = hv_time_frequency() / 1000;
    unsigned long bytes = 0, lines = 0, breaks = 0;

    printf("console: type something; it comes back until the input ends\n");
    hv_timer_set_handler(nothing);
    hv_interrupts_off();
    for (;;) {
        int c = hv_console_getc();
        if (c == HV_CONSOLE_NONE) {
            hv_timer_arm(hv_time_now() + tick);
            hv_wait_for_interrupt();
            continue;
        }
        if (c == -2) /* CONS_HUP */
            break;
        if (c == -1) { /* CONS_BREAK */
            breaks++;
            continue;
        }
        putchar(c);
        bytes++;
        lines += c == '\n';
    }
    printf("console: the input ended after %lu bytes in %lu lines, %lu breaks\n", bytes, lines, breaks);
    return 0;
}
