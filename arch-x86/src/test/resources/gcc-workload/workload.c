/*
 * A freestanding workload for the x86-64 CPU model: a mix of what gcc -O2 emits for kernel-style
 * C (jump tables, 128-bit multiplies, divisions, bit scans, byte swaps, struct copies, atomics,
 * recursion, indirect calls, sign/zero extension, overflow checks). compute() returns a checksum
 * that the test compares with the same code run natively on the host.
 */
typedef unsigned long u64;
typedef long s64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef unsigned long size_t;

void *memcpy(void *dst, const void *src, size_t n)
{
    u8 *d = dst;
    const u8 *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    u8 *d = dst;
    while (n--)
        *d++ = (u8) c;
    return dst;
}

static u64 mix(u64 h, u64 v)
{
    h ^= v;
    h *= 0x9e3779b97f4a7c15UL;
    h ^= h >> 29;
    h = (h << 17) | (h >> 47);
    return h;
}

struct node {
    struct node *next;
    s64 key;
    u32 tag;
    u16 small;
    s64 pad[5];
};

static struct node pool[64];

static u64 list_work(u64 seed)
{
    struct node *head = 0;
    for (int i = 0; i < 64; i++) {
        struct node *n = &pool[i];
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        n->key = (s64) (seed >> 11) - (1L << 51);
        n->tag = (u32) seed;
        n->small = (u16) (seed >> 40);
        /* insert sorted */
        struct node **p = &head;
        while (*p && (*p)->key < n->key)
            p = &(*p)->next;
        n->next = *p;
        *p = n;
    }
    u64 h = 0;
    for (struct node *n = head; n; n = n->next)
        h = mix(h, (u64) n->key ^ n->tag ^ ((u64) (s64) (short) n->small << 3));
    return h;
}

static int classify(int c)
{
    switch (c) {
    case 0: return 11;
    case 1: return 7;
    case 2: return -3;
    case 3: return 99;
    case 4: return 1000;
    case 5: return -77;
    case 6: return 5;
    case 7: return 123456;
    case 8: return 42;
    case 9: return -1;
    case 10: return 17;
    case 11: return 8;
    default: return c * 3;
    }
}

/* different work per case: a jump table (jmp *table(,%reg,8)) */
static __attribute__((noinline)) u64 step(u32 c, u64 x)
{
    switch (c) {
    case 0: return x + 1;
    case 1: return x * 3;
    case 2: return x ^ (x >> 7);
    case 3: return x - 0x1234;
    case 4: return ~x;
    case 5: return x << 3;
    case 6: return x / 3;
    case 7: return (x << 13) | (x >> 51);
    case 8: return x & 0xff00ff00ff00ff00UL;
    case 9: return -x;
    default: return x;
    }
}

static u64 mulhi(u64 a, u64 b)
{
    return (u64) (((unsigned __int128) a * b) >> 64);
}

static s64 smulhi(s64 a, s64 b)
{
    return (s64) (((__int128) a * b) >> 64);
}

static int format(char *buf, s64 v)
{
    char tmp[24];
    int n = 0, len = 0;
    u64 u = v < 0 ? -(u64) v : (u64) v;
    do {
        tmp[n++] = (char) ('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        buf[len++] = '-';
    while (n)
        buf[len++] = tmp[--n];
    buf[len] = 0;
    return len;
}

static u64 fib(u32 n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

struct big {
    u64 w[24];
};

static struct big copy_source;

static __attribute__((noinline)) struct big make_big(u64 seed)
{
    struct big b = copy_source;
    for (int i = 0; i < 24; i++)
        b.w[i] += seed * (u64) i;
    return b;
}

typedef u64 (*op_fn)(u64, u64);

static u64 op_add(u64 a, u64 b) { return a + b; }
static u64 op_xor(u64 a, u64 b) { return a ^ b; }
static u64 op_div(u64 a, u64 b) { return b ? a / b : a; }
static u64 op_sdiv(u64 a, u64 b) { return (s64) b ? (u64) ((s64) a / ((s64) b | 1)) : a; }
static u64 op_mod(u64 a, u64 b) { return b ? a % (b | 3) : a; }

static op_fn volatile ops[5] = { op_add, op_xor, op_div, op_sdiv, op_mod };

static u64 counter;

u64 compute(void)
{
    u64 h = 0x1234;
    char buf[32];

    for (int i = 0; i < 24; i++)
        copy_source.w[i] = (u64) i * 0x0101010101010101UL;

    h = mix(h, list_work(0xdeadbeef));

    for (int c = -2; c < 20; c++)
        h = mix(h, (u64) (s64) classify(c));

    for (u64 i = 1; i < 200; i++) {
        u64 a = h ^ (i * 0x5851f42d4c957f2dUL);
        h = mix(h, mulhi(a, ~i));
        h = mix(h, (u64) smulhi((s64) a, -(s64) i * 977));
        h = mix(h, a / (i | 1));
        h = mix(h, (u64) ((s64) a / (s64) (i * 7 - 500)));
        h = mix(h, a % 1000003);
        h = mix(h, (u64) __builtin_ctzl(a | 0x8000000000000000UL));
        h = mix(h, (u64) __builtin_clzl(a | 1));
        h = mix(h, __builtin_bswap64(a));
        h = mix(h, (u32) a >> (i & 31));
        h = mix(h, (u64) ((s64) a >> (i & 63)));
        h = mix(h, (a & 0x100) ? a : ~a);
        s64 r;
        h = mix(h, __builtin_add_overflow((s64) a, (s64) (i << 60), &r) ? 1 : (u64) r);
        h = mix(h, (u64) (s64) (signed char) a + (u64) (u8) (a >> 8) + (u64) (s64) (short) (a >> 16));
        h = mix(h, ops[i % 5](a, i * 31337));
        __atomic_fetch_add(&counter, i, __ATOMIC_SEQ_CST);
        u64 expected = counter;
        __atomic_compare_exchange_n(&counter, &expected, expected ^ a, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        h = mix(h, __atomic_exchange_n(&counter, counter + 1, __ATOMIC_SEQ_CST));
    }

    for (u32 c = 0; c < 40; c++)
        h = mix(h, step(c % 12, h));

    for (int i = -1000; i < 1000; i += 37)
        h = mix(h, (u64) format(buf, (s64) i * 1234567) + (u64) buf[1]);

    struct big b = make_big(h);
    for (int i = 0; i < 24; i++)
        h = mix(h, b.w[i]);

    h = mix(h, fib(20));
    return h;
}
