/*
 * The libgcc helpers x86_64 guests need, built like the rest of the runtime:
 * general registers only, no red zone, no endbr64. Debian's libgcc.a is built
 * for user space (its __umodti3 keeps SSE registers in the red zone, and every
 * function starts with endbr64), so x86_64 guests link without -lgcc. A program
 * that needs a helper missing here fails to link; the helper belongs here.
 *
 * gcc calls these for 128-bit division and for popcount without POPCNT.
 */
#include <stdint.h>

typedef unsigned __int128 u128;
typedef __int128 s128;

u128 __udivti3(u128 n, u128 d);
u128 __umodti3(u128 n, u128 d);
s128 __divti3(s128 n, s128 d);
s128 __modti3(s128 n, s128 d);
int __popcountdi2(uint64_t v);

/* (hi:lo) / d with DIVQ; hi < d keeps the quotient in 64 bits. d == 0 raises #DE. */
static inline uint64_t div_128_64(uint64_t hi, uint64_t lo, uint64_t d, uint64_t *rem)
{
    uint64_t q, r;

    __asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d) : "cc");
    *rem = r;
    return q;
}

static u128 udivmod(u128 n, u128 d, u128 *rem)
{
    uint64_t n_hi = (uint64_t)(n >> 64), n_lo = (uint64_t)n;
    uint64_t d_hi = (uint64_t)(d >> 64), d_lo = (uint64_t)d;
    uint64_t q_hi = 0, q_lo, r;

    if (d_hi == 0) {
        /* a 64-bit divisor: long division in two steps of 128 by 64 bits */
        if (n_hi >= d_lo)
            q_hi = div_128_64(0, n_hi, d_lo, &n_hi);
        q_lo = div_128_64(n_hi, n_lo, d_lo, &r);
        *rem = r;
        return (u128)q_hi << 64 | q_lo;
    }
    if (n < d) {
        *rem = n;
        return 0;
    }
    /*
     * d >= 2^64, so the quotient fits in 64 bits. Divide n / 2 by the top 64 bits
     * of d shifted left until its top bit is set, scale the result back: that
     * estimate is the quotient or one above it. Step it down by one, then up
     * again if the remainder still holds a d.
     */
    int shift = __builtin_clzll(d_hi);
    uint64_t d_top = (uint64_t)((d << shift) >> 64);
    u128 n_half = n >> 1;
    uint64_t q = div_128_64((uint64_t)(n_half >> 64), (uint64_t)n_half, d_top, &r) >> (63 - shift);
    if (q != 0)
        q--;
    u128 left = n - (u128)q * d;
    if (left >= d) {
        q++;
        left -= d;
    }
    *rem = left;
    return q;
}

u128 __udivti3(u128 n, u128 d)
{
    u128 r;
    return udivmod(n, d, &r);
}

u128 __umodti3(u128 n, u128 d)
{
    u128 r;
    udivmod(n, d, &r);
    return r;
}

/* Truncating division, as C requires: the quotient's sign is the product of the signs. */
s128 __divti3(s128 n, s128 d)
{
    u128 un = n < 0 ? 0 - (u128)n : (u128)n;
    u128 ud = d < 0 ? 0 - (u128)d : (u128)d;
    u128 r;
    u128 q = udivmod(un, ud, &r);
    return (s128)((n < 0) != (d < 0) ? 0 - q : q);
}

/* The remainder takes the sign of the dividend. */
s128 __modti3(s128 n, s128 d)
{
    u128 un = n < 0 ? 0 - (u128)n : (u128)n;
    u128 ud = d < 0 ? 0 - (u128)d : (u128)d;
    u128 r;
    udivmod(un, ud, &r);
    return (s128)(n < 0 ? 0 - r : r);
}

int __popcountdi2(uint64_t v)
{
    int n = 0;

    /* one round per set bit: plain enough that gcc does not turn it back into a call here */
    for (; v != 0; v &= v - 1)
        n++;
    return n;
}
