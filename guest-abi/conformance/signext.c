/*
 * Sign and zero extension: conversions between every pair of integer widths,
 * narrow arguments and return values across calls (the callee or caller must
 * extend them), integer promotions, and signed and unsigned bit-fields.
 */
#include <stdint.h>
#include <stdio.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })
#define NOINLINE __attribute__((noinline, noclone))

static const uint64_t values[] = {
    0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ULL, 0x8000000000000000ULL, 0xffffffffffffffffULL, 0x0123456789abcdefULL, 0xfedcba9876543210ULL,
};

static void conversions(void)
{
    printf("value            s8   u8  s16    u16         s32        u32  (s64)(s32)        (u64)(u32)\n");
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
        uint64_t v = OPAQUE(values[i]);
        int8_t s8 = (int8_t)v;
        uint8_t u8 = (uint8_t)v;
        int16_t s16 = (int16_t)v;
        uint16_t u16 = (uint16_t)v;
        int32_t s32 = (int32_t)v;
        uint32_t u32 = (uint32_t)v;
        printf("%016llx %4d %4u %6d %6u %11d %10u %016llx %016llx\n", (unsigned long long)v, s8, u8, s16,
               u16, s32, u32, (unsigned long long)(int64_t)s32, (unsigned long long)(uint64_t)u32);
    }
}

/* narrow parameters and results: the ABI extends them in registers */
NOINLINE static int64_t widen_s8(int8_t v) { return v; }
NOINLINE static int64_t widen_u8(uint8_t v) { return v; }
NOINLINE static int64_t widen_s16(int16_t v) { return v; }
NOINLINE static int64_t widen_u16(uint16_t v) { return v; }
NOINLINE static int64_t widen_s32(int32_t v) { return v; }
NOINLINE static int64_t widen_u32(uint32_t v) { return v; }
NOINLINE static int8_t narrow_s8(int64_t v) { return (int8_t)(v + 1); }
NOINLINE static uint8_t narrow_u8(int64_t v) { return (uint8_t)(v + 1); }
NOINLINE static int16_t narrow_s16(int64_t v) { return (int16_t)(v + 1); }
NOINLINE static uint16_t narrow_u16(int64_t v) { return (uint16_t)(v + 1); }
NOINLINE static int32_t narrow_s32(int64_t v) { return (int32_t)(v + 1); }
NOINLINE static uint32_t narrow_u32(int64_t v) { return (uint32_t)(v + 1); }

static void calls(void)
{
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i += 2) {
        uint64_t v = OPAQUE(values[i]);
        printf("args %016llx: %lld %lld %lld %lld %lld %lld\n", (unsigned long long)v,
               (long long)widen_s8((int8_t)v), (long long)widen_u8((uint8_t)v),
               (long long)widen_s16((int16_t)v), (long long)widen_u16((uint16_t)v),
               (long long)widen_s32((int32_t)v), (long long)widen_u32((uint32_t)v));
        int64_t r8 = narrow_s8((int64_t)v), r16 = narrow_s16((int64_t)v), r32 = narrow_s32((int64_t)v);
        uint64_t q8 = narrow_u8((int64_t)v), q16 = narrow_u16((int64_t)v), q32 = narrow_u32((int64_t)v);
        printf("rets %016llx: %lld %llu %lld %llu %lld %llu\n", (unsigned long long)v, (long long)r8,
               (unsigned long long)q8, (long long)r16, (unsigned long long)q16, (long long)r32,
               (unsigned long long)q32);
    }
}

static void promotions(void)
{
    uint8_t a = OPAQUE((uint8_t)200), b = OPAQUE((uint8_t)100);
    int8_t c = OPAQUE((int8_t)-100), d = OPAQUE((int8_t)-100);
    uint16_t e = OPAQUE((uint16_t)0xffff);
    uint32_t f = OPAQUE(1u);
    int g = OPAQUE(-1);
    char ch = OPAQUE((char)0xe9);

    printf("u8 200+100 = %d, as u8 = %u\n", a + b, (uint8_t)(a + b));
    printf("s8 -100 + -100 = %d, as s8 = %d\n", c + d, (int8_t)(c + d));
    printf("u8 100 - 200 = %d\n", b - a);
    printf("u16 0xffff * 0xffff as unsigned = %u\n", (unsigned)e * e);
    printf("~u8 200 = %d, ~u16 = %d\n", ~a, ~e);
    printf("(unsigned)-1 < 1u: %d, -1 < (long)1u: %d\n", (unsigned)g < f, (long)g < (long)f);
    printf("char 0xe9 is %d (plain char is %s)\n", ch, (char)-1 < 0 ? "signed" : "unsigned");
    printf("u32 1 - 2 as u64 = %llu, as s64 via s32 = %lld\n", (unsigned long long)(uint64_t)(f - 2),
           (long long)(int32_t)(f - 2));
    printf("(s64)(u32)-1 = %lld, (s64)(s32)-1 = %lld\n", (long long)(int64_t)(uint32_t)g,
           (long long)(int64_t)(int32_t)g);
}

struct fields {
    signed int s3 : 3;
    unsigned int u5 : 5;
    signed int s12 : 12;
    unsigned int u1 : 1;
    signed int s1 : 1;
    unsigned long long u40 : 40;
    signed long long s23 : 23;
};

static void bitfields(void)
{
    static const int64_t samples[] = { 0, 1, 3, 4, 7, -1, -4, 100, -2048, 2047, 0x123456789aLL, -4194304 };

    for (unsigned i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        struct fields f = { 0, 0, 0, 0, 0, 0, 0 };
        int64_t v = OPAQUE(samples[i]);
        f.s3 = (int)v;
        f.u5 = (unsigned)v;
        f.s12 = (int)v;
        f.u1 = (unsigned)v;
        f.s1 = (int)v;
        f.u40 = (unsigned long long)v;
        f.s23 = v;
        printf("bitfields %lld: s3 %d u5 %u s12 %d u1 %u s1 %d u40 %llx s23 %lld\n", (long long)v, f.s3,
               f.u5, f.s12, f.u1, f.s1, (unsigned long long)f.u40, (long long)f.s23);
    }
}

int main(void)
{
    conversions();
    calls();
    promotions();
    bitfields();
    return 0;
}
