/*
 * Floating point in single and double precision, as gcc emits it: arithmetic,
 * conversions, compares with every branch and conditional-move form, FP loads and
 * stores, and the FSR (rounding direction, accrued and current exceptions).
 * Results are printed as bit patterns and integers (libhv's printf has no %f).
 *
 * Built as a guest with the FPU (fp_* programs get crt0-fpu.o and no -mno-fpu, see
 * the Makefile). Inline asm is used only where C cannot say it: square roots
 * without libm, FSR access, the exact operand order of NaN cases, and
 * out-of-range float-to-integer conversions (undefined behaviour in C). Cases
 * where SPARC implementations (and qemu) differ are avoided: a negative NaN
 * converted to an integer, results that round up to the smallest normal number
 * (tininess before or after rounding), NaN operands of fsmuld, and a signalling
 * NaN meeting a quiet one or two NaNs where rs2 has the smaller fraction (qemu
 * 7.2 picks NaNs by x87 rules; V9 prefers the signalling NaN, then rs2).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })
/* As OPAQUE, but ordered with the FSR accesses (volatile asm stays in program order). */
#define AFTER_FSR(x) ({ __auto_type v_ = (x); __asm__ volatile("" : "+r"(v_)); v_; })
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The FSR fields every V9 FPU has: fcc3-1, rd, tem, fcc0, aexc, cexc (not ver, ftt, qne, ns). */
#define FSR_PORTABLE 0x3fcf800fffULL

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

static double dbl(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static float flt(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static void set_fsr(uint64_t fsr)
{
    __asm__ volatile("ldx %0, %%fsr" : : "m"(fsr) : "memory");
}

static uint64_t get_fsr(void)
{
    uint64_t fsr;
    __asm__ volatile("stx %%fsr, %0" : "=m"(fsr) : : "memory");
    return fsr & FSR_PORTABLE;
}

static double fsqrtd(double x)
{
    double r;
    __asm__ volatile("fsqrtd %1, %0" : "=e"(r) : "e"(x));
    return r;
}

static float fsqrts(float x)
{
    float r;
    __asm__ volatile("fsqrts %1, %0" : "=f"(r) : "f"(x));
    return r;
}

static double faddd(double a, double b)
{
    double r;
    __asm__ volatile("faddd %1, %2, %0" : "=e"(r) : "e"(a), "e"(b));
    return r;
}

static double fmuld(double a, double b)
{
    double r;
    __asm__ volatile("fmuld %1, %2, %0" : "=e"(r) : "e"(a), "e"(b));
    return r;
}

static double fsmuld(float a, float b)
{
    double r;
    __asm__ volatile("fsmuld %1, %2, %0" : "=e"(r) : "f"(a), "f"(b));
    return r;
}

static uint32_t fdtoi(double x)
{
    float r;
    __asm__ volatile("fdtoi %1, %0" : "=f"(r) : "e"(x));
    return fbits(r);
}

static uint64_t fdtox(double x)
{
    double r;
    __asm__ volatile("fdtox %1, %0" : "=e"(r) : "e"(x));
    return bits(r);
}

static uint32_t fstoi(float x)
{
    float r;
    __asm__ volatile("fstoi %1, %0" : "=f"(r) : "f"(x));
    return fbits(r);
}

static void basics(void)
{
    double a = OPAQUE(1.5), b = OPAQUE(-0.1), zero = OPAQUE(0.0);
    float f = OPAQUE(3.25f), g = OPAQUE(1e-3f);

    printf("add %016llx sub %016llx mul %016llx div %016llx\n", (unsigned long long)bits(a + b),
           (unsigned long long)bits(a - b), (unsigned long long)bits(a * b), (unsigned long long)bits(a / b));
    printf("float add %08x sub %08x mul %08x div %08x\n", fbits(f + g), fbits(f - g), fbits(f * g), fbits(f / g));
    printf("neg %016llx %08x abs %016llx %08x\n", (unsigned long long)bits(-a), fbits(-f),
           (unsigned long long)bits(__builtin_fabs(b)), fbits(__builtin_fabsf(-g)));
    printf("sqrt %016llx %016llx %08x %08x\n", (unsigned long long)bits(fsqrtd(a)),
           (unsigned long long)bits(fsqrtd(OPAQUE(16.0))), fbits(fsqrts(f)), fbits(fsqrts(OPAQUE(0.25f))));
    printf("fsmuld %016llx double(f)*double(g) %016llx\n", (unsigned long long)bits(fsmuld(f, g)),
           (unsigned long long)bits((double)f * (double)g));
    printf("1/0 %016llx -1/0 %016llx 0/0 is nan %d\n", (unsigned long long)bits(1.0 / zero),
           (unsigned long long)bits(-1.0 / zero), (zero / zero) != (zero / zero));
    printf("to int: %d %d %lld %lld\n", (int)(a * 3), (int)(b * 25), (long long)(a * 1e15),
           (long long)(-a * 1e15));
    printf("from int: %016llx %016llx %08x\n", (unsigned long long)bits((double)OPAQUE(-7)),
           (unsigned long long)bits((double)OPAQUE(0x7fffffffffffffffLL)), fbits((float)OPAQUE(16777217)));
    printf("float<->double: %016llx %08x\n", (unsigned long long)bits((double)f), fbits((float)b));
    printf("compare: %d %d %d %d\n", a < b, a > b, a == a, b <= zero);
}

static void specials(void)
{
    double inf = OPAQUE(dbl(0x7ff0000000000000ULL)), zero = OPAQUE(0.0), one = OPAQUE(1.0);
    double qnan1 = OPAQUE(dbl(0x7ff8000000000001ULL)), qnan2 = OPAQUE(dbl(0xfff8000000000002ULL));
    double snan1 = OPAQUE(dbl(0x7ff0000000000003ULL)), snan2 = OPAQUE(dbl(0xfff0000000000004ULL));
    double big = OPAQUE(dbl(0x7fefffffffffffffULL)), tiny = OPAQUE(dbl(0x0000000000000001ULL));
    double minnorm = OPAQUE(dbl(0x0010000000000000ULL));
    float finf = OPAQUE(flt(0x7f800000)), fsub = OPAQUE(flt(0x00000003));

    printf("inf-inf %016llx 0*inf %016llx inf/inf %016llx sqrt(-1) %016llx\n",
           (unsigned long long)bits(inf - inf), (unsigned long long)bits(zero * inf),
           (unsigned long long)bits(inf / inf), (unsigned long long)bits(fsqrtd(-one)));
    printf("float inf-inf %08x 0/0 %08x sqrt(-1) %08x\n", fbits(finf - finf), fbits((float)zero / (float)zero),
           fbits(fsqrts(-(float)one)));
    printf("nan+nan %016llx nan+1 %016llx 1*nan %016llx\n", (unsigned long long)bits(faddd(qnan1, qnan2)),
           (unsigned long long)bits(faddd(qnan1, one)), (unsigned long long)bits(fmuld(one, qnan2)));
    printf("snan+1 %016llx 1*snan %016llx snan+snan %016llx\n", (unsigned long long)bits(faddd(snan1, one)),
           (unsigned long long)bits(fmuld(one, snan2)), (unsigned long long)bits(faddd(snan1, snan2)));
    printf("inf+1 %016llx -inf*2 %016llx 1/inf %016llx -1/inf %016llx\n", (unsigned long long)bits(inf + one),
           (unsigned long long)bits(-inf * 2.0), (unsigned long long)bits(one / inf),
           (unsigned long long)bits(-one / inf));
    printf("max*2 %016llx max+max %016llx -max*2 %016llx\n", (unsigned long long)bits(big * 2.0),
           (unsigned long long)bits(big + big), (unsigned long long)bits(-big * OPAQUE(2.0)));
    printf("subnormal: %016llx %016llx %016llx %016llx\n", (unsigned long long)bits(tiny * 0.5),
           (unsigned long long)bits(tiny * 3.0), (unsigned long long)bits(minnorm / 3.0),
           (unsigned long long)bits(minnorm - tiny));
    printf("float subnormal: %08x %08x %08x %08x\n", fbits(fsub * 0.5f), fbits(fsub * 3.0f),
           fbits((float)(double)fsub), fbits((float)(minnorm * 1e300)));
    printf("zeros: %016llx %016llx %016llx %016llx\n", (unsigned long long)bits(zero * -one),
           (unsigned long long)bits(-zero + -zero), (unsigned long long)bits(one - one),
           (unsigned long long)bits(fsqrtd(-zero)));
}

static void conversions(void)
{
    static const double d[] = {0.0, 0.5, -0.5, 2.75, -2.75, 1e9, -2147483648.9, 2147483647.9,
                               123456789012.75, -9.2e18, 1.0e-300};
    static const long long l[] = {0, 1, -1, 16777217, -16777219, 9007199254740993LL, -9007199254740995LL,
                                  0x7fffffffffffffffLL, (-0x7fffffffffffffffLL - 1), 1234567890123456789LL};
    uint64_t h = 0;
    unsigned i;

    for (i = 0; i < N(d); i++) {
        double x = OPAQUE(d[i]);
        long long t = (long long)x;
        int small = x > -2147483649.0 && x < 2147483648.0;
        printf("d %016llx -> l %lld i %d f %08x ul %llu\n", (unsigned long long)bits(x), t, small ? (int)x : -1,
               fbits((float)x), x >= 0 ? (unsigned long long)x : 0ULL);
    }
    for (i = 0; i < N(l); i++) {
        long long x = OPAQUE(l[i]);
        h = h * 31 + bits((double)x);
        printf("l %lld -> d %016llx f %08x i->f %08x i->d %016llx ul->d %016llx\n", x,
               (unsigned long long)bits((double)x), fbits((float)x), fbits((float)(int)x),
               (unsigned long long)bits((double)(int)x), (unsigned long long)bits((double)(unsigned long long)x));
    }
    printf("float->int %d %d %lld %u\n", (int)OPAQUE(-7.9f), (int)OPAQUE(8388609.5f), (long long)OPAQUE(-1.5e18f),
           (unsigned)OPAQUE(4e9f));
    printf("out of range: fdtoi %08x %08x %08x %08x fstoi %08x fdtox %016llx %016llx\n", fdtoi(OPAQUE(3e9)),
           fdtoi(OPAQUE(-3e9)), fdtoi(OPAQUE(dbl(0x7ff0000000000000ULL))), fdtoi(OPAQUE(dbl(0x7fffffffffffffffULL))),
           fstoi(OPAQUE(flt(0xff800000))), (unsigned long long)fdtox(OPAQUE(1e19)),
           (unsigned long long)fdtox(OPAQUE(-1e19)));
    printf("double->float %08x %08x %08x %08x nan %08x\n", fbits((float)OPAQUE(0.1)), fbits((float)OPAQUE(1e39)),
           fbits((float)OPAQUE(-1e39)), fbits((float)OPAQUE(3.4028235677973366e38)),
           fbits((float)OPAQUE(dbl(0x7ff8000020000001ULL))));
    printf("float->double nan %016llx sum %016llx\n", (unsigned long long)bits((double)OPAQUE(flt(0xffc00001))),
           (unsigned long long)h);
}

/* The C relations on (a, b) as a bitmask, evaluated as values (movcc on %fcc). */
static unsigned relations(double a, double b)
{
    return (unsigned)(a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5 |
           __builtin_isunordered(a, b) << 6 | __builtin_isless(a, b) << 7 | __builtin_isgreaterequal(a, b) << 8 |
           __builtin_islessgreater(a, b) << 9 | !(a < b) << 10 | !(a >= b) << 11;
}

static unsigned frelations(float a, float b)
{
    return (unsigned)(a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5 |
           __builtin_isunordered(a, b) << 6 | __builtin_islessequal(a, b) << 7 | __builtin_isgreater(a, b) << 8;
}

/* The same relations as branches (fbfcc), each counted separately. */
static __attribute__((noinline)) unsigned branches(double a, double b)
{
    unsigned m = 0;
    if (a < b) m |= 1;
    if (a <= b) m |= 2;
    if (a > b) m |= 4;
    if (a >= b) m |= 8;
    if (a == b) m |= 16;
    if (a != b) m |= 32;
    if (__builtin_isunordered(a, b)) m |= 64;
    if (__builtin_isless(a, b)) m |= 128;
    if (__builtin_isgreaterequal(a, b)) m |= 256;
    if (__builtin_islessgreater(a, b)) m |= 512;
    if (!(a < b)) m |= 1024;
    if (!(a >= b)) m |= 2048;
    if (!__builtin_isless(a, b)) m |= 4096;
    if (!__builtin_islessgreater(a, b)) m |= 8192;
    return m;
}

static void compares(void)
{
    static const uint64_t v[] = {0x3ff0000000000000ULL, 0x4000000000000000ULL, 0x8000000000000000ULL, 0,
                                 0x7ff8000000000000ULL, 0xfff0000000000000ULL, 0x7ff0000000000000ULL,
                                 0xbff0000000000000ULL};
    unsigned i, j;

    for (i = 0; i < N(v); i++) {
        printf("cmp %016llx:", (unsigned long long)v[i]);
        for (j = 0; j < N(v); j++) {
            double a = OPAQUE(dbl(v[i])), b = OPAQUE(dbl(v[j]));
            printf(" %03x/%04x/%03x", relations(a, b), branches(a, b), frelations((float)a, (float)b));
        }
        printf("\n");
    }
}

static void selects(void)
{
    double x = OPAQUE(1.25), y = OPAQUE(-3.5);
    float p = OPAQUE(0.5f), q = OPAQUE(2.0f);
    long k;
    int n = 0;

    for (k = -2; k <= 2; k++) {
        long kk = OPAQUE(k);
        double a = OPAQUE((double)k);
        double s1 = a < x ? x : y;                /* fmovd on %fcc */
        float s2 = a >= (double)p ? p : q;        /* fmovs on %fcc */
        double s3 = kk == 0 ? x : y;              /* fmovrd or fmovd on %icc/%xcc */
        double s4 = kk > 0 ? y : x;
        float s5 = (int)kk < 0 ? q : p;
        int s6 = a > y ? 7 : -7;                  /* movcc on %fcc */
        n += s6;
        printf("sel %ld: %016llx %08x %016llx %016llx %08x %d\n", k, (unsigned long long)bits(s1), fbits(s2),
               (unsigned long long)bits(s3), (unsigned long long)bits(s4), fbits(s5), s6);
    }
    printf("sel sum %d\n", n);
}

struct mixed {
    float f[3];
    double d[2];
    char tag;
};

static void memory(void)
{
    static float fa[17];
    static double da[13];
    struct mixed m[4];
    double sd = 0;
    float sf = 0;
    unsigned i;

    for (i = 0; i < N(fa); i++) {
        fa[i] = OPAQUE((float)i) / 3.0f;
    }
    for (i = 0; i < N(da); i++) {
        da[i] = OPAQUE((double)i) * 0.1 - 0.5;
    }
    for (i = 0; i < N(fa); i++) {
        sf += fa[i] * fa[N(fa) - 1 - i];
    }
    for (i = 0; i < N(da); i++) {
        sd = sd * 0.5 + da[i] * da[i];
    }
    for (i = 0; i < N(m); i++) {
        m[i].f[0] = fa[i];
        m[i].f[1] = (float)da[i];
        m[i].f[2] = m[i].f[0] + m[i].f[1];
        m[i].d[0] = da[i + 1];
        m[i].d[1] = (double)m[i].f[2] * m[i].d[0];
        m[i].tag = (char)i;
    }
    m[3] = OPAQUE(m[1].tag) ? m[1] : m[2];
    printf("sums %08x %016llx\n", fbits(sf), (unsigned long long)bits(sd));
    for (i = 0; i < N(m); i++) {
        printf("m%u %08x %08x %08x %016llx %016llx %d\n", i, fbits(m[i].f[0]), fbits(m[i].f[1]), fbits(m[i].f[2]),
               (unsigned long long)bits(m[i].d[0]), (unsigned long long)bits(m[i].d[1]), m[i].tag);
    }
}

/*
 * One operation under a given FSR (rounding direction in bits 31:30), its inputs read
 * after the FSR is loaded and its result produced before the FSR is stored: the result
 * and the exceptions it accrued (FSR.aexc).
 */
#define UNDER_FSR(fsr, type, expr, fmt, conv)                                               \
    do {                                                                                    \
        type r_;                                                                            \
        uint64_t after_;                                                                    \
        set_fsr(fsr);                                                                       \
        r_ = AFTER_FSR(expr);                                                               \
        after_ = get_fsr();                                                                 \
        set_fsr(0);                                                                         \
        printf(" " fmt "/%02llx", conv(r_), (unsigned long long)((after_ >> 5) & 0x1f));    \
    } while (0)

#define A AFTER_FSR

static void rounding(void)
{
    double one = OPAQUE(1.0), three = OPAQUE(3.0), big = OPAQUE(dbl(0x7fefffffffffffffULL));
    double minnorm = OPAQUE(dbl(0x0010000000000000ULL));
    float fone = OPAQUE(1.0f), fthree = OPAQUE(3.0f);
    long long odd = OPAQUE(16777217LL), lbig = OPAQUE(0x7fffffffffffffffLL);
    int mode;

    for (mode = 0; mode < 4; mode++) {
        uint64_t fsr = (uint64_t)mode << 30;
        printf("rd %d:", mode);
        UNDER_FSR(fsr, double, A(one) / A(three), "%016llx", (unsigned long long)bits);
        UNDER_FSR(fsr, double, -A(one) / A(three), "%016llx", (unsigned long long)bits);
        UNDER_FSR(fsr, float, A(fone) / A(fthree), "%08x", fbits);
        UNDER_FSR(fsr, float, -A(fone) / A(fthree), "%08x", fbits);
        UNDER_FSR(fsr, double, fsqrtd(A(three)), "%016llx", (unsigned long long)bits);
        printf("\n     ");
        UNDER_FSR(fsr, double, A(big) * A(three), "%016llx", (unsigned long long)bits);
        UNDER_FSR(fsr, double, -A(big) - A(big), "%016llx", (unsigned long long)bits);
        UNDER_FSR(fsr, double, A(minnorm) / A(three), "%016llx", (unsigned long long)bits);
        UNDER_FSR(fsr, double, A(one) - A(one), "%016llx", (unsigned long long)bits);
        printf("\n     ");
        UNDER_FSR(fsr, float, (float)A(odd), "%08x", fbits);
        UNDER_FSR(fsr, float, (float)-A(odd), "%08x", fbits);
        UNDER_FSR(fsr, double, (double)A(lbig), "%016llx", (unsigned long long)bits);
        UNDER_FSR(fsr, float, (float)(A(one) / A(three)), "%08x", fbits);
        UNDER_FSR(fsr, int, (int)(-A(one) / A(three) * 9.0), "%d", (int));
        printf("\n");
    }
}

/* FSR after "fdivd a, b" from FSR = 0, in one asm sequence: cexc and aexc of exactly that FPop. */
static uint64_t fsr_of_fdivd(double a, double b)
{
    uint64_t zero = 0, after;
    double r;
    __asm__ volatile("ldx %3, %%fsr\n\tfdivd %1, %2, %0\n\tstx %%fsr, %4"
                     : "=&e"(r) : "e"(a), "e"(b), "m"(zero), "m"(after) : "memory");
    (void)r;
    return after & FSR_PORTABLE;
}

static uint64_t fsr_of_fcmped(double a, double b)
{
    uint64_t zero = 0, after;
    __asm__ volatile("ldx %2, %%fsr\n\tfcmped %%fcc2, %0, %1\n\tstx %%fsr, %3"
                     : : "e"(a), "e"(b), "m"(zero), "m"(after) : "memory");
    return after & FSR_PORTABLE;
}

static void flags(void)
{
    double zero = OPAQUE(0.0), one = OPAQUE(1.0), three = OPAQUE(3.0), big = OPAQUE(dbl(0x7fefffffffffffffULL));
    double qnan = OPAQUE(dbl(0x7ff8000000000000ULL)), tiny = OPAQUE(dbl(0x0000000000000001ULL));

    printf("cexc/aexc of fdivd: exact %03llx inexact %03llx div0 %03llx invalid %03llx underflow %03llx"
           " overflow %03llx\n", (unsigned long long)fsr_of_fdivd(one, one), (unsigned long long)fsr_of_fdivd(one, three),
           (unsigned long long)fsr_of_fdivd(one, zero), (unsigned long long)fsr_of_fdivd(zero, zero),
           (unsigned long long)fsr_of_fdivd(tiny, three), (unsigned long long)fsr_of_fdivd(big, tiny));
    printf("fcmped %%fcc2: less %010llx greater %010llx equal %010llx unordered %010llx\n",
           (unsigned long long)fsr_of_fcmped(one, three), (unsigned long long)fsr_of_fcmped(three, one),
           (unsigned long long)fsr_of_fcmped(-zero, zero), (unsigned long long)fsr_of_fcmped(qnan, one));
    set_fsr(0x3f00000c00ULL);
    printf("fsr fcc round trip %010llx\n", (unsigned long long)get_fsr());
    set_fsr(0);
}

int main(void)
{
    basics();
    specials();
    conversions();
    compares();
    selects();
    memory();
    rounding();
    flags();
    return 0;
}
