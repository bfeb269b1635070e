/*
 * Recursion deep enough to run through the 8 register windows many times over,
 * so that a guest build exercises the spill and fill handlers: naive Fibonacci,
 * Ackermann, a 1500-deep chain that keeps values live in locals and ins across
 * every call, a function with more arguments than fit in registers, mutual
 * recursion and recursion through function pointers. Results are combined in
 * ways gcc cannot turn into loops.
 */
#include <stdint.h>
#include <stdio.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })
#define NOINLINE __attribute__((noinline, noclone))

static unsigned max_depth;

static uint64_t rotl(uint64_t v, int n)
{
    return (v << n) | (v >> (64 - n));
}

NOINLINE static uint64_t fib(unsigned n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

NOINLINE static uint64_t ack(uint64_t m, uint64_t n, unsigned depth)
{
    if (depth > max_depth)
        max_depth = depth;
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1, depth + 1);
    return ack(m - 1, ack(m, n - 1, depth + 1), depth + 1);
}

/*
 * Each level keeps six values live across the call (in locals and ins) and
 * checks them afterwards: a spill or fill that loses or swaps a register shows
 * up as a wrong hash or a non-zero error count.
 */
static unsigned errors;

NOINLINE static uint64_t chain(unsigned depth, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t l0 = a * 3 + depth, l1 = b ^ (a << 7), l2 = c + depth * 0x9e3779b9ULL;
    uint64_t l3 = l0 ^ l1, l4 = l1 + l2, l5 = rotl(l2, 13) ^ depth;
    uint64_t below;

    if (depth == 0)
        return l3 ^ l4 ^ l5;
    below = chain(depth - 1, l0, l1, l2);
    if (l3 != (l0 ^ l1) || l4 != l1 + l2 || l5 != (rotl(l2, 13) ^ depth))
        errors++;
    if (l0 != a * 3 + depth || l1 != (b ^ (a << 7)) || l2 != c + depth * 0x9e3779b9ULL)
        errors++;
    return rotl(below, 5) ^ l3 ^ (l4 * 31) ^ l5;
}

/* ten arguments: the last four travel on the stack */
NOINLINE static uint64_t many_args(int depth, uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                                   uint64_t e, uint64_t f, uint64_t g, uint64_t h, uint64_t i)
{
    uint64_t r;

    if (depth == 0)
        return a - b + c - d + e - f + g - h + i;
    r = many_args(depth - 1, b, c, d, e, f, g, h, i, a + depth);
    return r * 3 - (a ^ i) + (h & 0xff);
}

NOINLINE static uint64_t odd_walk(unsigned n);

NOINLINE static uint64_t even_walk(unsigned n)
{
    if (n == 0)
        return 1;
    return rotl(odd_walk(n - 1), 3) + n;
}

NOINLINE static uint64_t odd_walk(unsigned n)
{
    if (n == 0)
        return 2;
    return rotl(even_walk(n - 1), 7) ^ n;
}

typedef uint64_t (*step_fn)(unsigned n, const void *table);

NOINLINE static uint64_t step_a(unsigned n, const void *table);
NOINLINE static uint64_t step_b(unsigned n, const void *table);

NOINLINE static uint64_t step_a(unsigned n, const void *table)
{
    const step_fn *fns = table;
    if (n == 0)
        return 0x1234;
    return fns[n % 3](n - 1, table) * 5 + n;
}

NOINLINE static uint64_t step_b(unsigned n, const void *table)
{
    const step_fn *fns = table;
    if (n == 0)
        return 0x4321;
    return rotl(fns[(n * 7) % 3](n - 1, table), 11) - n;
}

static const step_fn steps[3] = { step_a, step_b, step_a };

/* sum of a list built on the stack, one node per frame */
struct node {
    const struct node *next;
    int64_t value;
};

NOINLINE static int64_t sum_list(const struct node *n)
{
    return n == NULL ? 0 : n->value + sum_list(n->next) * 2 % 1000003;
}

NOINLINE static int64_t build_and_sum(int depth, const struct node *next)
{
    struct node here = { next, depth * 7 - 300 };
    if (depth == 0)
        return sum_list(&here);
    return build_and_sum(depth - 1, &here);
}

int main(void)
{
    for (unsigned n = 0; n <= 24; n += 4)
        printf("fib(%u) = %llu\n", n, (unsigned long long)fib(OPAQUE(n)));

    for (uint64_t m = 0; m <= 3; m++) {
        for (uint64_t n = 0; n <= 5; n++) {
            if (m == 3 && n > 5)
                break;
            max_depth = 0;
            uint64_t r = ack(OPAQUE(m), OPAQUE(n), 0);
            printf("ack(%llu, %llu) = %llu, depth %u\n", (unsigned long long)m, (unsigned long long)n,
                   (unsigned long long)r, max_depth);
        }
    }

    static const unsigned depths[] = { 1, 7, 8, 9, 15, 16, 100, 500, 1500 };
    for (unsigned i = 0; i < sizeof depths / sizeof depths[0]; i++) {
        errors = 0;
        uint64_t h = chain(OPAQUE(depths[i]), 1, 2, 3);
        printf("chain(%u) = %016llx, errors %u\n", depths[i], (unsigned long long)h, errors);
    }

    for (int d = 0; d <= 40; d += 10)
        printf("many_args(%d) = %016llx\n", d,
               (unsigned long long)many_args(OPAQUE(d), 1, -2, 3, -4, 5, -6, 7, -8, 9));

    for (unsigned n = 0; n <= 600; n += 150)
        printf("even_walk(%u) = %016llx\n", n, (unsigned long long)even_walk(OPAQUE(n)));

    for (unsigned n = 0; n <= 300; n += 100)
        printf("steps(%u) = %016llx\n", n, (unsigned long long)step_a(OPAQUE(n), steps));

    printf("list sum (800 frames) = %lld\n", (long long)build_and_sum(OPAQUE(800), NULL));
    return 0;
}
