/*
 * Loads and stores of every width (1, 2, 4, 8 bytes) at every offset 0..7, through
 * memcpy, unions, packed structs and plain aligned accesses, signed and unsigned.
 * The printed values depend on byte order: this corpus is big-endian (sparc64).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })

static unsigned char buf[32] __attribute__((aligned(16)));

static void fill(void)
{
    for (int i = 0; i < 32; i++)
        buf[i] = (unsigned char)(0x81 + i * 0x11);
}

static void dump(const char *label, const unsigned char *p, int n)
{
    printf("%s:", label);
    for (int i = 0; i < n; i++)
        printf(" %02x", p[i]);
    printf("\n");
}

static void unaligned_loads(void)
{
    fill();
    for (int off = 0; off < 8; off++) {
        const unsigned char *p = buf + OPAQUE(off);
        uint8_t u8;
        int8_t s8;
        uint16_t u16;
        int16_t s16;
        uint32_t u32;
        int32_t s32;
        uint64_t u64;

        memcpy(&u8, p, 1);
        memcpy(&s8, p, 1);
        memcpy(&u16, p, 2);
        memcpy(&s16, p, 2);
        memcpy(&u32, p, 4);
        memcpy(&s32, p, 4);
        memcpy(&u64, p, 8);
        printf("load off %d: u8 %02x s8 %d u16 %04x s16 %d u32 %08x s32 %d u64 %016llx\n", off, u8, s8,
               u16, s16, u32, s32, (unsigned long long)u64);
    }
}

static void unaligned_stores(void)
{
    for (int off = 0; off < 8; off++) {
        unsigned char *p;
        uint16_t v16 = OPAQUE((uint16_t)0xa1b2);
        uint32_t v32 = OPAQUE(0xc3d4e5f6u);
        uint64_t v64 = OPAQUE(0x0102030405060708ULL);
        char label[32];

        memset(buf, 0, sizeof buf);
        p = buf + OPAQUE(off);
        p[0] = 0xee;
        memcpy(p + 1, &v16, 2);
        memcpy(p + 3, &v32, 4);
        memcpy(p + 7, &v64, 8);
        snprintf(label, sizeof label, "store off %d", off);
        dump(label, buf, 24);
    }
}

union overlay {
    uint64_t d;
    int64_t sd;
    uint32_t w[2];
    int32_t sw[2];
    uint16_t h[4];
    int16_t sh[4];
    uint8_t b[8];
    int8_t sb[8];
};

static void unions(void)
{
    union overlay u;

    u.d = OPAQUE(0x8899aabbccddeeffULL);
    printf("union d %016llx w %08x %08x h %04x %04x %04x %04x\n", (unsigned long long)u.d, u.w[0], u.w[1],
           u.h[0], u.h[1], u.h[2], u.h[3]);
    printf("union b %02x %02x %02x %02x %02x %02x %02x %02x\n", u.b[0], u.b[1], u.b[2], u.b[3], u.b[4],
           u.b[5], u.b[6], u.b[7]);
    printf("union signed sw %d %d sh %d %d sb %d %d\n", u.sw[0], u.sw[1], u.sh[0], u.sh[3], u.sb[0],
           u.sb[7]);
    u.b[OPAQUE(3)] = 0x01;
    u.h[OPAQUE(2)] = 0x7fff;
    printf("after byte/half stores d %016llx sd %lld\n", (unsigned long long)u.d, (long long)u.sd);
    u.w[OPAQUE(1)] = 0x80000000u;
    printf("after word store d %016llx\n", (unsigned long long)u.d);
}

struct __attribute__((packed)) packed {
    uint8_t tag;
    uint64_t wide;
    uint16_t half;
    uint32_t word;
    int16_t shalf;
    int32_t sword;
};

static void packed_fields(void)
{
    static struct packed pk[3];

    for (int i = 0; i < 3; i++) {
        int k = OPAQUE(i);
        pk[k].tag = (uint8_t)(0xf0 + k);
        pk[k].wide = 0xfedcba9876543210ULL + (uint64_t)k;
        pk[k].half = (uint16_t)(0xbeef + k);
        pk[k].word = 0xdeadbeefu + (uint32_t)k;
        pk[k].shalf = (int16_t)(-2 - k);
        pk[k].sword = -100000 - k;
    }
    printf("sizeof(struct packed) = %u\n", (unsigned)sizeof(struct packed));
    for (int i = 0; i < 3; i++) {
        int k = OPAQUE(i);
        printf("packed[%d]: %02x %016llx %04x %08x %d %d\n", k, pk[k].tag, (unsigned long long)pk[k].wide,
               pk[k].half, pk[k].word, pk[k].shalf, pk[k].sword);
    }
    dump("packed bytes", (const unsigned char *)pk, 21);
}

/* aligned accesses of each width through volatile pointers: one load or store each */
static void aligned(void)
{
    static uint64_t cell[4];
    volatile uint64_t *d = cell;
    volatile uint32_t *w = (volatile uint32_t *)cell;
    volatile uint16_t *h = (volatile uint16_t *)cell;
    volatile uint8_t *b = (volatile uint8_t *)cell;
    volatile int32_t *sw = (volatile int32_t *)cell;
    volatile int16_t *sh = (volatile int16_t *)cell;
    volatile int8_t *sb = (volatile int8_t *)cell;

    d[0] = 0xf1e2d3c4b5a69788ULL;
    d[1] = 0;
    w[2] = 0x89abcdefu;
    h[6] = 0x8001;
    b[14] = 0x80;
    b[15] = 0x7f;
    printf("aligned u64 %016llx %016llx\n", (unsigned long long)d[0], (unsigned long long)d[1]);
    printf("aligned u32 %08x %08x s32 %d %d\n", w[0], w[1], sw[0], sw[2]);
    printf("aligned u16 %04x %04x s16 %d %d\n", h[0], h[3], sh[0], sh[6]);
    printf("aligned u8 %02x %02x s8 %d %d %d\n", b[0], b[7], sb[0], sb[14], sb[15]);
    int64_t wide_from_s32 = sw[OPAQUE(2)];
    uint64_t wide_from_u32 = w[OPAQUE(2)];
    printf("widened s32 %016llx u32 %016llx\n", (unsigned long long)wide_from_s32,
           (unsigned long long)wide_from_u32);
}

/* block copies: struct assignment, memcpy and memmove of assorted sizes and offsets */
struct block {
    uint64_t q[6];
};

static void blocks(void)
{
    static unsigned char src[96], dst[96];
    struct block a, b;
    uint64_t hash = 0xcbf29ce484222325ULL;

    for (int i = 0; i < 96; i++)
        src[i] = (unsigned char)(i * 37 + 11);
    for (int len = 0; len <= 40; len++) {
        for (int so = 0; so < 8; so++) {
            for (int doff = 0; doff < 8; doff++) {
                memset(dst, 0xaa, sizeof dst);
                memcpy(dst + OPAQUE(doff), src + OPAQUE(so), (size_t)OPAQUE(len));
                for (int i = 0; i < 56; i++) {
                    hash ^= dst[i];
                    hash *= 0x100000001b3ULL;
                }
            }
        }
    }
    printf("memcpy offsets hash = %016llx\n", (unsigned long long)hash);

    for (int i = 0; i < 6; i++)
        a.q[i] = OPAQUE((uint64_t)i * 0x1111111111111111ULL);
    b = a;
    b.q[OPAQUE(5)] ^= 1;
    printf("struct copy %016llx %016llx\n", (unsigned long long)b.q[4], (unsigned long long)b.q[5]);

    for (int i = 0; i < 32; i++)
        dst[i] = (unsigned char)i;
    memmove(dst + 3, dst, (size_t)OPAQUE(20));
    dump("memmove up", dst, 24);
    for (int i = 0; i < 32; i++)
        dst[i] = (unsigned char)i;
    memmove(dst, dst + 5, (size_t)OPAQUE(20));
    dump("memmove down", dst, 24);
}

int main(void)
{
    unaligned_loads();
    unaligned_stores();
    unions();
    packed_fields();
    aligned();
    blocks();
    return 0;
}
