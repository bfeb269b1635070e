/*
 * Console output for the moments before (or instead of) the C library: before API
 * negotiation and while reporting a trap. api_putchar is a core-trap call, so it
 * works from the first instruction on and needs no buffer in guest memory.
 */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/runtime.h>

void hv_early_write(const char *s)
{
    while (*s != '\0')
        hv_api_putchar(*s++);
}

void hv_early_dec(uint64_t v)
{
    char digits[20];
    int n = 0;

    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0)
        hv_api_putchar(digits[--n]);
}

void hv_early_hex(uint64_t v, int digits)
{
    hv_early_write("0x");
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        hv_api_putchar("0123456789abcdef"[(v >> shift) & 0xf]);
}
