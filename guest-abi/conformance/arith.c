/*
 * Integer arithmetic: wrap-around, multiplication (including the high half of
 * 64x64 products), signed and unsigned division and remainder at corner values,
 * 8/16/32/64-bit semantics. Values pass through OPAQUE so that the compiler
 * cannot fold the operations away; INT_MIN / -1 style cases (undefined) are
 * skipped.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })
#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t hash;

static void mix(uint64_t v)
{
    hash ^= v;
    hash *= 0x100000001b3ULL;
}

static const int64_t s64[] = {
    0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 1000000007, -1000000007,
    INT32_MAX, INT32_MIN, (int64_t)INT32_MAX + 1, (int64_t)INT32_MIN - 1,
    (int64_t)UINT32_MAX, 0x123456789abcdef0LL, -0x123456789abcdef0LL,
    INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1,
};

static void wrap(void)
{
    uint64_t u64max = OPAQUE(UINT64_MAX);
    uint32_t u32max = OPAQUE(UINT32_MAX);
    uint16_t u16max = OPAQUE((uint16_t)UINT16_MAX);
    uint8_t u8max = OPAQUE((uint8_t)UINT8_MAX);
    int64_t s64max = OPAQUE(INT64_MAX);
    int32_t s32max = OPAQUE(INT32_MAX);

    printf("u64 max+1 = %llu\n", (unsigned long long)(u64max + 1));
    printf("u64 0-1 = %llu\n", (unsigned long long)(OPAQUE((uint64_t)0) - 1));
    printf("u32 max+1 = %u\n", (unsigned)(uint32_t)(u32max + 1));
    printf("u32 max+2 in 64 bits = %llu\n", (unsigned long long)((uint64_t)u32max + 2));
    printf("u16 max+1 = %u\n", (unsigned)(uint16_t)(u16max + 1));
    printf("u8 max+1 = %u\n", (unsigned)(uint8_t)(u8max + 1));
    printf("s64 max+1 via unsigned = %lld\n", (long long)(int64_t)((uint64_t)s64max + 1));
    printf("s32 max+1 via unsigned = %d\n", (int)(int32_t)((uint32_t)s32max + 1));
    printf("s32 max+1 in 64 bits = %lld\n", (long long)((int64_t)s32max + 1));
    printf("-(s64 min) via unsigned = %lld\n", (long long)(int64_t)(0 - (uint64_t)OPAQUE(INT64_MIN)));
    printf("~0 u64 = %llx, ~0 u32 = %x\n", (unsigned long long)~OPAQUE((uint64_t)0), ~OPAQUE(0u));
}

static void multiply(void)
{
    uint64_t a = OPAQUE(UINT64_MAX), b = OPAQUE(0x100000000ULL);
    uint32_t c = OPAQUE(0xffffu), d = OPAQUE(0x10001u);
    int32_t e = OPAQUE(-46341), f = OPAQUE(46341);
    unsigned __int128 wide = (unsigned __int128)OPAQUE(0xfedcba9876543210ULL) * OPAQUE(0x123456789abcdef1ULL);
    __int128 swide = (__int128)OPAQUE(-0x7edcba9876543210LL) * OPAQUE(0x123456789abcdef1LL);

    printf("max*max u64 = %llu\n", (unsigned long long)(a * a));
    printf("2^32*2^32 u64 = %llu\n", (unsigned long long)(b * b));
    printf("0xffff*0x10001 u32 = %#x\n", c * d);
    printf("0xffffffff*0xffffffff u32 = %#x\n", OPAQUE(0xffffffffu) * OPAQUE(0xffffffffu));
    printf("-46341*46341 s32 via unsigned = %d\n", (int32_t)((uint32_t)e * (uint32_t)f));
    printf("-46341*46341 s64 = %lld\n", (long long)((int64_t)e * f));
    printf("u128 product = %016llx%016llx\n", (unsigned long long)(wide >> 64), (unsigned long long)wide);
    printf("s128 product = %016llx%016llx\n", (unsigned long long)((unsigned __int128)swide >> 64),
           (unsigned long long)swide);
    printf("u128 / 1000000007 = %llu rem %llu\n",
           (unsigned long long)(wide / OPAQUE(1000000007ULL) >> 64),
           (unsigned long long)(wide % OPAQUE(1000000007ULL)));

    hash = 0xcbf29ce484222325ULL;
    for (unsigned i = 0; i < N(s64); i++) {
        for (unsigned j = 0; j < N(s64); j++) {
            uint64_t x = (uint64_t)OPAQUE(s64[i]), y = (uint64_t)OPAQUE(s64[j]);
            unsigned __int128 p = (unsigned __int128)x * y;
            mix(x * y);
            mix((uint64_t)(p >> 64));
            mix((uint32_t)x * (uint32_t)y);
            mix((uint64_t)(int64_t)(int32_t)((uint32_t)x * (uint32_t)y));
        }
    }
    printf("multiply matrix hash = %016llx\n", (unsigned long long)hash);
}

struct sdiv { int64_t a, b; };

static void divide(void)
{
    static const struct sdiv cases[] = {
        { 7, 2 }, { -7, 2 }, { 7, -2 }, { -7, -2 }, { 1, 3 }, { -1, 3 }, { 0, -5 },
        { INT64_MIN, 1 }, { INT64_MIN, 2 }, { INT64_MIN, -2 }, { INT64_MIN, INT64_MAX },
        { INT64_MAX, INT64_MIN }, { INT64_MIN, INT64_MIN }, { INT64_MAX, -1 },
        { INT64_MIN + 1, -1 }, { INT64_MAX, 10 }, { INT64_MIN, 10 }, { INT64_MIN, 3 },
        { 0x123456789abcdef0LL, 0x100000000LL }, { -0x123456789abcdef0LL, 0xffffffffLL },
    };

    for (unsigned i = 0; i < N(cases); i++) {
        int64_t a = OPAQUE(cases[i].a), b = OPAQUE(cases[i].b);
        printf("s64 %lld / %lld = %lld rem %lld\n", (long long)a, (long long)b,
               (long long)(a / b), (long long)(a % b));
    }

    uint64_t umax = OPAQUE(UINT64_MAX), top = OPAQUE(0x8000000000000000ULL);
    printf("u64 max/1 = %llu, max/2 = %llu, max/max = %llu, max%%max = %llu\n",
           (unsigned long long)(umax / OPAQUE(1ULL)), (unsigned long long)(umax / OPAQUE(2ULL)),
           (unsigned long long)(umax / umax), (unsigned long long)(umax % umax));
    printf("u64 max/2^32 = %llu rem %llu\n", (unsigned long long)(umax / OPAQUE(0x100000000ULL)),
           (unsigned long long)(umax % OPAQUE(0x100000000ULL)));
    printf("u64 2^63/3 = %llu rem %llu\n", (unsigned long long)(top / OPAQUE(3ULL)),
           (unsigned long long)(top % OPAQUE(3ULL)));
    printf("u64 2^63/(2^63+1) = %llu rem %llu\n", (unsigned long long)(top / (top + 1)),
           (unsigned long long)(top % (top + 1)));
    printf("u64 5/max = %llu rem %llu\n", (unsigned long long)(OPAQUE(5ULL) / umax),
           (unsigned long long)(OPAQUE(5ULL) % umax));

    int32_t smin = OPAQUE(INT32_MIN), smax = OPAQUE(INT32_MAX);
    uint32_t u32 = OPAQUE(UINT32_MAX);
    printf("s32 min/-2 = %d rem %d\n", smin / OPAQUE(-2), smin % OPAQUE(-2));
    printf("s32 min/max = %d rem %d\n", smin / smax, smin % smax);
    printf("s32 -7/2 = %d rem %d, 7/-2 = %d rem %d\n", OPAQUE(-7) / OPAQUE(2), OPAQUE(-7) % OPAQUE(2),
           OPAQUE(7) / OPAQUE(-2), OPAQUE(7) % OPAQUE(-2));
    printf("u32 max/7 = %u rem %u\n", u32 / OPAQUE(7u), u32 % OPAQUE(7u));
    printf("u32 max/0x80000000 = %u rem %u\n", u32 / OPAQUE(0x80000000u), u32 % OPAQUE(0x80000000u));
    printf("u32 of s32 -1 / 2 = %u\n", (uint32_t)OPAQUE(-1) / 2u);
    printf("s16 -32768/-1 promoted = %d\n", (int)OPAQUE((int16_t)-32768) / OPAQUE(-1));
    printf("s8 -128/-1 promoted, back to s8 = %d\n", (int8_t)((int)OPAQUE((int8_t)-128) / OPAQUE(-1)));

    /* every pair of the value table, in each width */
    static const char *const width_names[] = { "s64", "u64", "s32", "u32", "s16", "u16", "s8", "u8" };
    for (int w = 0; w < 8; w++) {
        hash = 0xcbf29ce484222325ULL;
        for (unsigned i = 0; i < N(s64); i++) {
            for (unsigned j = 0; j < N(s64); j++) {
                int64_t x = OPAQUE(s64[i]), y = OPAQUE(s64[j]);
                switch (w) {
                case 0:
                    if (y == 0 || (x == INT64_MIN && y == -1))
                        continue;
                    mix((uint64_t)(x / y));
                    mix((uint64_t)(x % y));
                    break;
                case 1:
                    if (y == 0)
                        continue;
                    mix((uint64_t)x / (uint64_t)y);
                    mix((uint64_t)x % (uint64_t)y);
                    break;
                case 2: {
                    int32_t a = (int32_t)x, b = (int32_t)y;
                    if (b == 0 || (a == INT32_MIN && b == -1))
                        continue;
                    mix((uint64_t)(int64_t)(a / b));
                    mix((uint64_t)(int64_t)(a % b));
                    break;
                }
                case 3: {
                    uint32_t a = (uint32_t)x, b = (uint32_t)y;
                    if (b == 0)
                        continue;
                    mix(a / b);
                    mix(a % b);
                    break;
                }
                case 4: {
                    int16_t a = (int16_t)x, b = (int16_t)y;
                    if (b == 0)
                        continue;
                    mix((uint64_t)(int64_t)(int16_t)(a / b));
                    mix((uint64_t)(int64_t)(a % b));
                    break;
                }
                case 5: {
                    uint16_t a = (uint16_t)x, b = (uint16_t)y;
                    if (b == 0)
                        continue;
                    mix((uint64_t)(a / b));
                    mix((uint64_t)(a % b));
                    break;
                }
                case 6: {
                    int8_t a = (int8_t)x, b = (int8_t)y;
                    if (b == 0)
                        continue;
                    mix((uint64_t)(int64_t)(int8_t)(a / b));
                    mix((uint64_t)(int64_t)(a % b));
                    break;
                }
                default: {
                    uint8_t a = (uint8_t)x, b = (uint8_t)y;
                    if (b == 0)
                        continue;
                    mix((uint64_t)(a / b));
                    mix((uint64_t)(a % b));
                    break;
                }
                }
            }
        }
        printf("%s division matrix hash = %016llx\n", width_names[w], (unsigned long long)hash);
    }
}

static void compare(void)
{
    int64_t m1 = OPAQUE(-1LL);
    uint64_t one = OPAQUE(1ULL);
    int32_t i = OPAQUE(-1);
    uint32_t u = OPAQUE(1u);

    printf("(u64)-1 > 1: %d, -1 < 1 signed: %d\n", (uint64_t)m1 > one, m1 < (int64_t)one);
    printf("(u32)-1 > 1u: %d, -1 < (int)1u: %d\n", (uint32_t)i > u, i < (int32_t)u);
    printf("INT64_MIN < INT64_MAX: %d, as unsigned: %d\n", OPAQUE(INT64_MIN) < OPAQUE(INT64_MAX),
           (uint64_t)OPAQUE(INT64_MIN) < (uint64_t)OPAQUE(INT64_MAX));

    hash = 0xcbf29ce484222325ULL;
    for (unsigned a = 0; a < N(s64); a++) {
        for (unsigned b = 0; b < N(s64); b++) {
            int64_t x = OPAQUE(s64[a]), y = OPAQUE(s64[b]);
            unsigned bits = (x < y) | (x <= y) << 1 | (x == y) << 2 | ((uint64_t)x < (uint64_t)y) << 3 |
                            ((int32_t)x < (int32_t)y) << 4 | ((uint32_t)x < (uint32_t)y) << 5 |
                            ((uint64_t)x >= (uint64_t)y) << 6 | (x != y) << 7;
            mix(bits);
            mix((uint64_t)(x - y));
            mix((uint64_t)(x + y));
            mix((uint64_t)(x < y ? x : y));
        }
    }
    printf("compare matrix hash = %016llx\n", (unsigned long long)hash);
}

int main(void)
{
    printf("== wrap\n");
    wrap();
    printf("== multiply\n");
    multiply();
    printf("== divide\n");
    divide();
    printf("== compare\n");
    compare();
    return 0;
}
