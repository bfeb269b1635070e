/*
 * Shifts of every width (8, 16, 32, 64 bits, signed and unsigned) by every amount
 * from 0 to width-1, with the amount both in a register and as a constant, plus
 * 32-bit shifts done in 64-bit registers and rotates. Each (width, operation)
 * pair is folded into a hash; a few amounts are printed in full. Right shifts of
 * negative values are arithmetic (gcc's documented choice); left shifts are done
 * on unsigned values only.
 */
#include <stdint.h>
#include <stdio.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })

static uint64_t hash;

static void mix(uint64_t v)
{
    hash ^= v;
    hash *= 0x100000001b3ULL;
}

static void begin(void)
{
    hash = 0xcbf29ce484222325ULL;
}

static const uint64_t patterns[] = {
    0x8123456789abcdefULL, 0x0000000000000001ULL, 0xffffffffffffffffULL,
    0x7fffffff80000000ULL, 0x00000000ffffffffULL, 0xa5a5a5a55a5a5a5aULL,
};
#define NPAT (sizeof patterns / sizeof patterns[0])

#define SAMPLES(w) { 0, 1, (w) / 2 - 1, (w) / 2, (w) - 1 }

/* one width: fold all amounts, print five of them for the first pattern */
#define SHIFT_WIDTH(W)                                                                     \
    static void shifts##W(void)                                                            \
    {                                                                                      \
        static const int samples[] = SAMPLES(W);                                           \
        begin();                                                                           \
        for (unsigned p = 0; p < NPAT; p++) {                                              \
            uint##W##_t u = (uint##W##_t)OPAQUE(patterns[p]);                              \
            int##W##_t s = (int##W##_t)u;                                                  \
            for (int n = 0; n < W; n++) {                                                  \
                int k = OPAQUE(n);                                                         \
                mix((uint##W##_t)(u << k));                                                \
                mix((uint##W##_t)(u >> k));                                                \
                mix((uint64_t)(int64_t)(int##W##_t)(s >> k));                              \
                mix((uint##W##_t)((u << k) | (k ? u >> (W - k) : 0)));                     \
            }                                                                              \
        }                                                                                  \
        printf("u%d/s%d shift hash = %016llx\n", W, W, (unsigned long long)hash);          \
        uint##W##_t u = (uint##W##_t)OPAQUE(patterns[0]);                                  \
        int##W##_t s = (int##W##_t)u;                                                      \
        for (unsigned i = 0; i < 5; i++) {                                                 \
            int k = OPAQUE(samples[i]);                                                    \
            printf("w%d n=%2d: shl %016llx shr %016llx sar %016llx\n", W, k,               \
                   (unsigned long long)(uint##W##_t)(u << k),                              \
                   (unsigned long long)(uint##W##_t)(u >> k),                              \
                   (unsigned long long)(int64_t)(int##W##_t)(s >> k));                     \
        }                                                                                  \
    }

SHIFT_WIDTH(8)
SHIFT_WIDTH(16)
SHIFT_WIDTH(32)
SHIFT_WIDTH(64)

/* constant amounts: the compiler picks immediate forms (sll/srl/sra, sllx/srlx/srax) */
static void constant_amounts(void)
{
    uint64_t u = OPAQUE(patterns[0]);
    int64_t s = (int64_t)u;
    uint32_t u32 = (uint32_t)OPAQUE(patterns[0]);
    int32_t s32 = (int32_t)u32;

    printf("u64 << 1, 31, 32, 63: %016llx %016llx %016llx %016llx\n", (unsigned long long)(u << 1),
           (unsigned long long)(u << 31), (unsigned long long)(u << 32), (unsigned long long)(u << 63));
    printf("u64 >> 1, 31, 32, 63: %016llx %016llx %016llx %016llx\n", (unsigned long long)(u >> 1),
           (unsigned long long)(u >> 31), (unsigned long long)(u >> 32), (unsigned long long)(u >> 63));
    printf("s64 >> 1, 31, 32, 63: %016llx %016llx %016llx %016llx\n", (unsigned long long)(s >> 1),
           (unsigned long long)(s >> 31), (unsigned long long)(s >> 32), (unsigned long long)(s >> 63));
    printf("u32 << 1, 16, 31: %08x %08x %08x\n", u32 << 1, u32 << 16, u32 << 31);
    printf("u32 >> 1, 16, 31: %08x %08x %08x\n", u32 >> 1, u32 >> 16, u32 >> 31);
    printf("s32 >> 1, 16, 31: %08x %08x %08x\n", (uint32_t)(s32 >> 1), (uint32_t)(s32 >> 16),
           (uint32_t)(s32 >> 31));
}

/* 32-bit values living in 64-bit registers: results must be truncated / extended right */
static void mixed_widths(void)
{
    uint32_t u = OPAQUE(0x89abcdefu);
    int32_t s = (int32_t)u;
    begin();
    for (int n = 0; n < 64; n++) {
        int k = OPAQUE(n);
        mix((uint64_t)u << k);                 /* widened first: 64-bit shift */
        mix((uint64_t)(u << (k & 31)));         /* 32-bit shift, zero-extended */
        mix((uint64_t)(int64_t)(s >> (k & 31))); /* 32-bit arithmetic shift, sign-extended */
        mix((uint64_t)((int64_t)s >> k));       /* sign-extended first, then 64-bit shift */
        mix((uint64_t)(int64_t)(int32_t)(u << (k & 31))); /* truncated, then sign-extended */
    }
    printf("mixed width hash = %016llx\n", (unsigned long long)hash);
    int k = OPAQUE(4);
    printf("(u64)u32 << 4 = %llx, u32 << 4 = %x, (s64)s32 >> 4 = %llx, s32 >> 4 = %x\n",
           (unsigned long long)((uint64_t)u << k), u << k, (unsigned long long)((int64_t)s >> k),
           (uint32_t)(s >> k));
    printf("(s64)(s32)(u32 << 4) = %lld\n", (long long)(int64_t)(int32_t)(u << k));
}

int main(void)
{
    shifts8();
    shifts16();
    shifts32();
    shifts64();
    constant_amounts();
    mixed_widths();
    return 0;
}
