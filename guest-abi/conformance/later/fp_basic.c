/*
 * Floating point, for when guests may use the FPU (not built yet: the guest build
 * uses -mno-fpu and the boot state has PSTATE.PEF = 0). Results are printed as
 * bit patterns and integers, so no %f support is needed in libhv. Move it up to
 * conformance/ and run `make -C guest-abi expected images` once FP guests work.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

int main(void)
{
    double a = OPAQUE(1.5), b = OPAQUE(-0.1), zero = OPAQUE(0.0);
    float f = OPAQUE(3.25f), g = OPAQUE(1e-3f);

    printf("add %016llx sub %016llx mul %016llx div %016llx\n", (unsigned long long)bits(a + b),
           (unsigned long long)bits(a - b), (unsigned long long)bits(a * b), (unsigned long long)bits(a / b));
    printf("float add %08x mul %08x div %08x\n", fbits(f + g), fbits(f * g), fbits(f / g));
    printf("1/0 %016llx -1/0 %016llx 0/0 is nan %d\n", (unsigned long long)bits(1.0 / zero),
           (unsigned long long)bits(-1.0 / zero), (zero / zero) != (zero / zero));
    printf("to int: %d %d %lld %lld\n", (int)(a * 3), (int)(b * 25), (long long)(a * 1e15),
           (long long)(-a * 1e15));
    printf("from int: %016llx %016llx %08x\n", (unsigned long long)bits((double)OPAQUE(-7)),
           (unsigned long long)bits((double)OPAQUE(0x7fffffffffffffffLL)), fbits((float)OPAQUE(16777217)));
    printf("float<->double: %016llx %08x\n", (unsigned long long)bits((double)f), fbits((float)b));
    printf("compare: %d %d %d %d\n", a < b, a > b, a == a, b <= zero);
    return 0;
}
