/*
 * Bit manipulation: population count, leading and trailing zeros, find first
 * set, parity, byte swaps, bit reversal, rotates and mask arithmetic, at 32 and
 * 64 bits. Several of these become libgcc calls on a V9 target without POPC.
 */
#include <stdint.h>
#include <stdio.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })

static const uint64_t samples[] = {
    1, 2, 3, 0x80, 0xff, 0x8000, 0x10000, 0x7fffffff, 0x80000000ULL, 0xffffffffULL, 0x100000000ULL,
    0x0123456789abcdefULL, 0x8000000000000000ULL, 0xfffffffffffffffeULL, 0xffffffffffffffffULL,
    0x00f000f000f000f0ULL,
};

static uint64_t reverse64(uint64_t v)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i++) {
        r = (r << 1) | (v & 1);
        v >>= 1;
    }
    return r;
}

static uint32_t rotr32(uint32_t v, unsigned n)
{
    return (v >> (n & 31)) | (v << ((32 - n) & 31));
}

int main(void)
{
    for (unsigned i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        uint64_t v = OPAQUE(samples[i]);
        uint32_t w = (uint32_t)v;
        printf("%016llx: pop %2d clz %2d ctz %2d ffs %2d par %d | w pop %2d clz %2d ctz %2d ffs %2d\n",
               (unsigned long long)v, __builtin_popcountll(v), __builtin_clzll(v), __builtin_ctzll(v),
               __builtin_ffsll((long long)v), __builtin_parityll(v), __builtin_popcount(w),
               w ? __builtin_clz(w) : 32, w ? __builtin_ctz(w) : 32, __builtin_ffs((int)w));
    }
    uint64_t v = OPAQUE(0x0123456789abcdefULL);
    printf("bswap16 %04x bswap32 %08x bswap64 %016llx\n", __builtin_bswap16((uint16_t)v),
           __builtin_bswap32((uint32_t)v), (unsigned long long)__builtin_bswap64(v));
    printf("reverse64 %016llx\n", (unsigned long long)reverse64(v));
    for (unsigned n = 0; n < 32; n += 7)
        printf("rotr32(%08x, %u) = %08x\n", (uint32_t)v, n, rotr32((uint32_t)v, OPAQUE(n)));

    uint64_t x = OPAQUE(0xf0f0f0f0aaaa5555ULL);
    printf("lowest set %016llx, clear lowest %016llx, smear right %016llx\n", (unsigned long long)(x & -x),
           (unsigned long long)(x & (x - 1)), (unsigned long long)(x | (x - 1)));
    printf("andn %016llx orn %016llx xnor %016llx\n", (unsigned long long)(x & ~OPAQUE(0xff00ff00ff00ff00ULL)),
           (unsigned long long)(x | ~OPAQUE(0xff00ff00ff00ff00ULL)),
           (unsigned long long)~(x ^ OPAQUE(0x0f0f0f0f0f0f0f0fULL)));
    unsigned fields = 0;
    for (int bit = 0; bit < 64; bit++)
        fields += (unsigned)((x >> OPAQUE(bit)) & 1) << (bit % 8);
    printf("bit walk %u\n", fields);

    uint64_t mulhash = 0;
    for (uint64_t k = 1; k < 2000; k++)
        mulhash = (mulhash ^ (k * 0x9e3779b97f4a7c15ULL)) >> 3 | (mulhash << 61);
    printf("multiplicative hash %016llx\n", (unsigned long long)mulhash);
    return 0;
}
