/*
 * printf and snprintf: every conversion, flag, width and precision the guest
 * library supports, at the edges of each integer type, plus snprintf's
 * truncation and return values and a line longer than any internal buffer.
 * Only output that the C standard fixes (or that glibc and libhv agree on, such
 * as "(nil)") is exercised.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* some directives below are meant to be odd (0 with -, null %s, truncation) */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-truncation"

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })

static void integers(void)
{
    printf("[%d] [%d] [%d] [%i]\n", 0, OPAQUE(INT_MAX), OPAQUE(INT_MIN), OPAQUE(-12345));
    printf("[%u] [%u] [%x] [%X] [%o]\n", OPAQUE(0u), OPAQUE(UINT_MAX), OPAQUE(0xdeadbeefu), OPAQUE(0xdeadbeefu),
           OPAQUE(01234567u));
    printf("[%ld] [%ld] [%lu] [%lx] [%lX]\n", OPAQUE(LONG_MAX), OPAQUE(LONG_MIN), OPAQUE(ULONG_MAX),
           OPAQUE(0x0123456789abcdefUL), OPAQUE(0xfedcba9876543210UL));
    printf("[%lld] [%lld] [%llu] [%llx] [%llo]\n", OPAQUE(LLONG_MAX), OPAQUE(LLONG_MIN), OPAQUE(ULLONG_MAX),
           OPAQUE(0x8000000000000000ULL), OPAQUE(ULLONG_MAX));
    printf("[%hd] [%hu] [%hx] [%hhd] [%hhu] [%hhx]\n", OPAQUE(0x18001), OPAQUE(-1), OPAQUE(0x12345),
           OPAQUE(0x1ff), OPAQUE(-1), OPAQUE(0xabc));
    printf("[%zu] [%zx] [%td] [%jd] [%ju]\n", OPAQUE((size_t)-1), OPAQUE(sizeof(long double)),
           OPAQUE((ptrdiff_t)-77), OPAQUE((intmax_t)INT64_MIN), OPAQUE((uintmax_t)UINT64_MAX));
}

static void flags_and_widths(void)
{
    int v = OPAQUE(42), n = OPAQUE(-42), z = OPAQUE(0);

    printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%+5d] [%-+5d] [% 05d]\n", v, v, v, v, v, v, v, v);
    printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%+05d] [%-05d]\n", n, n, n, n, n, n, n);
    printf("[%d] [%+d] [% d] [%5d] [%05d] [%.0d] [%5.0d] [%+.0d]\n", z, z, z, z, z, z, z, z);
    printf("[%.5d] [%8.5d] [%-8.5d] [%08.5d] [%.5d] [%+.3d] [%.1d]\n", v, v, v, v, n, v, n);
    printf("[%x] [%#x] [%#X] [%#o] [%#x] [%#o] [%#.0o] [%#5x] [%#05x] [%-#8x]\n", 255u, 255u, 255u, 8u,
           0u, 0u, 0u, 15u, 15u, 15u);
    printf("[%08lx] [%-18lx] [%#018lx] [%.12lx] [%20lu] [%-20ld]\n", 0xabcdefUL, 0xabcdefUL, 0xabcdefUL,
           0xabcdefUL, ULONG_MAX, LONG_MIN);
    printf("[%*d] [%-*d] [%*d] [%.*d] [%.*d] [%*.*d]\n", 6, v, 6, v, -6, v, 4, v, -4, v, 7, 3, n);
}

static void strings_and_chars(void)
{
    const char *s = OPAQUE("hyperstrand");
    const char *empty = OPAQUE("");

    printf("[%s] [%15s] [%-15s] [%.5s] [%15.5s] [%-15.5s] [%.0s] [%.20s]\n", s, s, s, s, s, s, s, s);
    printf("[%s] [%5s] [%-5s] [%*s] [%-*s] [%.*s] [%.*s]\n", empty, empty, empty, 8, s, 8, "ab", 3, s, -1, s);
    printf("[%c] [%3c] [%-3c] [%c%c%c] [%c]\n", 'x', 'y', 'z', 'a', 'b', 'c', 0x141);
    printf("[%%] [100%%] [%s%%]\n", "50");
    printf("[%p] [%20p] [%-20p] [%p]\n", (void *)0, (void *)0, (void *)0, (void *)0x1234);
    printf("[%s] [%10s]\n", (char *)NULL, (char *)NULL);
}

static void with_snprintf(void)
{
    char buf[16];
    int r;

    memset(buf, '#', sizeof buf);
    r = snprintf(buf, sizeof buf, "%d-%s", 12345, "abcdefghijklmnop");
    printf("snprintf 16: r %d [%s]\n", r, buf);
    memset(buf, '#', sizeof buf);
    r = snprintf(buf, 5, "%d", OPAQUE(123456));
    printf("snprintf 5: r %d [%s] after NUL %c\n", r, buf, buf[5]);
    memset(buf, '#', sizeof buf);
    r = snprintf(buf, 1, "%s", "nothing fits");
    printf("snprintf 1: r %d [%s] %c\n", r, buf, buf[1]);
    memset(buf, '#', sizeof buf);
    r = snprintf(buf, 0, "%s", "size zero");
    printf("snprintf 0: r %d untouched %c\n", r, buf[0]);
    r = snprintf(NULL, 0, "%lx|%5d|%s", 0xffffUL, 3, "x");
    printf("snprintf NULL: r %d\n", r);
    r = snprintf(buf, sizeof buf, "%s", "");
    printf("snprintf empty: r %d [%s]\n", r, buf);
    r = printf("printf returns the count\n");
    printf("count was %d\n", r);
}

static void long_line(void)
{
    char big[700];
    int r;

    for (int i = 0; i < 699; i++)
        big[i] = (char)('A' + i % 26);
    big[699] = '\0';
    r = printf("%s|%s|%d\n", big, big + 650, 699);
    printf("long printf returned %d\n", r);
    r = printf("%600d|\n", OPAQUE(7));
    printf("wide printf returned %d\n", r);
}

int main(void)
{
    integers();
    flags_and_widths();
    strings_and_chars();
    with_snprintf();
    long_line();
    return 0;
}
