/*
 * Control flow: dense switches (jump tables), sparse switches, indirect calls
 * through tables, computed goto, conditional moves, loops with early exits,
 * variadic functions with arguments beyond the registers, and structs passed and
 * returned by value.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })
#define NOINLINE __attribute__((noinline, noclone))

NOINLINE static int dense(int v)
{
    switch (v) {
    case 0: return 11;
    case 1: return 23;
    case 2: return 37;
    case 3: return 41;
    case 4: return 59;
    case 5: return 61;
    case 6: return 79;
    case 7: return 83;
    case 8: return 97;
    case 9: return 101;
    case 10: return 113;
    case 11: return 127;
    case 12: return 131;
    case 13: return 149;
    default: return -1;
    }
}

NOINLINE static const char *sparse(long v)
{
    switch (v) {
    case -1000000: return "minus a million";
    case -1: return "minus one";
    case 0: return "zero";
    case 7: return "seven";
    case 4096: return "page";
    case 65536: return "64k";
    case 0x7fffffffL: return "int max";
    case 0x100000000L: return "2^32";
    default: return "other";
    }
}

typedef int64_t (*binop)(int64_t, int64_t);
NOINLINE static int64_t op_add(int64_t a, int64_t b) { return a + b; }
NOINLINE static int64_t op_sub(int64_t a, int64_t b) { return a - b; }
NOINLINE static int64_t op_mul(int64_t a, int64_t b) { return a * b; }
NOINLINE static int64_t op_max(int64_t a, int64_t b) { return a > b ? a : b; }
static binop const ops[] = { op_add, op_sub, op_mul, op_max };

/* a tiny stack machine dispatched with computed goto */
static int64_t interpret(const unsigned char *code)
{
    static void *const labels[] = { &&push, &&add, &&mul, &&dup, &&swap, &&jnz, &&dec, &&halt, &&over };
    int64_t stack[16];
    int sp = 0;
    const unsigned char *pc = code;

#define NEXT goto *labels[*pc++]
    NEXT;
push:
    stack[sp++] = *pc++;
    NEXT;
add:
    sp--;
    stack[sp - 1] += stack[sp];
    NEXT;
mul:
    sp--;
    stack[sp - 1] *= stack[sp];
    NEXT;
dup:
    stack[sp] = stack[sp - 1];
    sp++;
    NEXT;
swap: {
    int64_t t = stack[sp - 1];
    stack[sp - 1] = stack[sp - 2];
    stack[sp - 2] = t;
    NEXT;
}
jnz:
    if (stack[sp - 1] != 0)
        pc = code + *pc;
    else
        pc++;
    NEXT;
dec:
    stack[sp - 1]--;
    NEXT;
over:
    stack[sp] = stack[sp - 2];
    sp++;
    NEXT;
halt:
    return stack[sp - 2];
#undef NEXT
}

NOINLINE static int64_t sum_varargs(int count, ...)
{
    va_list ap;
    int64_t total = 0;

    va_start(ap, count);
    for (int i = 0; i < count; i++) {
        if (i % 3 == 2)
            total += va_arg(ap, int);
        else
            total = total * 3 + va_arg(ap, long);
    }
    va_end(ap);
    return total;
}

struct small {
    int32_t a;
    int16_t b;
    int8_t c;
};

struct large {
    int64_t v[7];
    char tag[10];
};

NOINLINE static struct small make_small(int32_t a, int16_t b, int8_t c)
{
    struct small s = { a * 2, (int16_t)(b + 1), (int8_t)(c - 1) };
    return s;
}

NOINLINE static struct large twist(struct large in, struct small s)
{
    struct large out = in;
    for (int i = 0; i < 7; i++)
        out.v[i] = in.v[6 - i] * s.a + s.b - s.c;
    out.tag[0] = (char)('A' + s.c % 26);
    return out;
}

NOINLINE static int64_t select_sum(const int64_t *v, int n, int64_t limit)
{
    int64_t lo = 0, hi = 0, clamp = 0;
    for (int i = 0; i < n; i++) {
        lo += v[i] < 0 ? v[i] : 0;
        hi += v[i] > limit ? limit : v[i];
        clamp += v[i] == 0 ? 1 : (v[i] & 1 ? 3 : -2);
    }
    return lo * 1000003 + hi * 31 + clamp;
}

int main(void)
{
    unsigned total = 0;
    for (int i = -2; i < 16; i++)
        total = total * 7 + (unsigned)dense(OPAQUE(i));
    printf("dense switch fold = %u\n", total);
    for (int i = 0; i < 14; i++)
        printf("%d%c", dense(OPAQUE(i)), i == 13 ? '\n' : ' ');

    static const long keys[] = { -1000000, -1, 0, 1, 7, 4096, 4097, 65536, 0x7fffffffL, 0x100000000L };
    for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++)
        printf("sparse(%ld) = %s\n", keys[i], sparse(OPAQUE(keys[i])));

    int64_t acc = 1;
    for (int i = 0; i < 40; i++)
        acc = ops[OPAQUE(i) % 4](acc, i - 17) % 1000000007;
    printf("indirect call fold = %lld\n", (long long)acc);

    /* 10! with a loop: [acc n] -> swap, over, mul, swap, dec, jnz back */
    static const unsigned char factorial[] = {
        0, 1,   /*  0: push 1 */
        0, 10,  /*  2: push 10 */
        4,      /*  4: swap */
        8,      /*  5: over */
        2,      /*  6: mul */
        4,      /*  7: swap */
        6,      /*  8: dec */
        5, 4,   /*  9: jnz 4 */
        7,      /* 11: halt, result = second from top */
    };
    printf("computed goto program = %lld\n", (long long)interpret(factorial));

    printf("varargs(3) = %lld\n", (long long)sum_varargs(3, 1L, 2L, 3));
    printf("varargs(12) = %lld\n", (long long)sum_varargs(12, 1L, -2L, 3, 40000000000L, 5L, -6, 7L, 8L, 9,
                                                        10L, -11L, 12));

    struct small s = make_small(OPAQUE(-1234567), (int16_t)OPAQUE(32767), (int8_t)OPAQUE(-128));
    printf("small struct = %d %d %d\n", s.a, s.b, s.c);
    struct large in = { { 1, -2, 3, -4, 5, -6, 7 }, "abcdefghi" };
    struct large out = twist(in, make_small(3, 4, 5));
    printf("large struct = %lld %lld %lld %lld %lld %lld %lld %s\n", (long long)out.v[0], (long long)out.v[1],
           (long long)out.v[2], (long long)out.v[3], (long long)out.v[4], (long long)out.v[5],
           (long long)out.v[6], out.tag);

    int64_t vals[64];
    for (int i = 0; i < 64; i++)
        vals[i] = (int64_t)((i * 37) % 101) - 50;
    printf("conditional moves = %lld\n", (long long)select_sum(vals, 64, 20));

    int found = -1, steps = 0;
    for (int i = 0; i < 100 && found < 0; i++) {
        for (int j = 0; j < 100; j++) {
            steps++;
            if ((i * j) % 97 == 1 && j > i) {
                found = i * 1000 + j;
                break;
            }
            if (j > 50)
                continue;
            steps++;
        }
    }
    printf("nested loops: found %d after %d steps\n", found, steps);
    return 0;
}
