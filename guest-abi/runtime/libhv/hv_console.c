/*
 * The console for guests. Output: cons_write when core 1.1 is in force,
 * cons_putchar otherwise, api_putchar before negotiation; EWOULDBLOCK means
 * "try again". Input: cons_getchar, one byte at a time.
 */
#include <stddef.h>
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/runtime.h>

#include "libhv.h"

/* Set when cons_write failed with something other than EWOULDBLOCK (say ENORADDR). */
static int cons_write_unusable;

void hv_console_write(const char *s, size_t n)
{
    while (n > 0) {
        uint64_t status, count = 0;

        if (hv_boot_info.core_ready && hv_boot_info.core_minor >= 1 && !cons_write_unusable) {
            status = hv_cons_write((hv_ra_t)(uintptr_t)s, n, &count);
            if (status == HV_EOK) {
                if (count > n)
                    count = n;
                s += count;
                n -= count;
            } else if (status != HV_EWOULDBLOCK) {
                cons_write_unusable = 1;
            }
            continue;
        }
        if (hv_boot_info.core_ready) {
            status = hv_cons_putchar((unsigned char)*s);
            if (status == HV_EWOULDBLOCK)
                continue;
            if (status != HV_EOK)
                hv_api_putchar(*s);
        } else {
            hv_api_putchar(*s);
        }
        s++;
        n--;
    }
}

int hv_console_getc(void)
{
    uint64_t ch = 0;
    if (!hv_boot_info.core_ready || hv_cons_getchar(&ch) != HV_EOK)
        return HV_CONSOLE_NONE;
    return (int)(int64_t)ch; /* a byte, or CONS_BREAK (-1) / CONS_HUP (-2) */
}

void __hv_platform_write(const char *s, size_t n)
{
    hv_console_write(s, n);
}
