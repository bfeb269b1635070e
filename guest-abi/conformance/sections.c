/*
 * What the loader and the start code must get right: initialized .data of every
 * width, .rodata tables, pointers stored in data (absolute addresses filled in at
 * link time), function pointer tables, a large .bss that must start out zero,
 * and static locals.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })

int8_t d8[5] = { -1, 2, -3, 4, -128 };
uint16_t d16[4] = { 0xbeef, 1, 0x8000, 0x7fff };
int32_t d32[3] = { -100000, 0x12345678, INT32_MIN };
uint64_t d64[3] = { 0x0123456789abcdefULL, 0, UINT64_MAX };
char greeting[] = "initialized data";
static const uint32_t table[8] = { 2, 3, 5, 7, 11, 13, 17, 19 };
static const char *const names[] = { "alpha", "beta", "gamma", "delta" };
static const char *mutable_names[] = { "one", "two", "three" };

struct record {
    const char *name;
    int32_t value;
    uint8_t flags;
    const struct record *next;
};

static const struct record r3 = { "third", 3, 0x33, NULL };
static const struct record r2 = { "second", -2, 0x22, &r3 };
static struct record r1 = { "first", 1, 0x11, &r2 };

static int64_t twice(int64_t v) { return v * 2; }
static int64_t square(int64_t v) { return v * v; }
static int64_t negate(int64_t v) { return -v; }
static int64_t (*const transforms[])(int64_t) = { twice, square, negate };

static uint64_t zeros[16384];
static unsigned char zero_bytes[777];
int common_like;

static int counter(void)
{
    static int calls = 10;
    return ++calls;
}

int main(void)
{
    printf("d8 %d %d %d %d %d\n", d8[0], d8[1], d8[2], d8[3], d8[4]);
    printf("d16 %04x %04x %04x %04x\n", d16[0], d16[1], d16[2], d16[3]);
    printf("d32 %d %x %d\n", d32[0], (unsigned)d32[1], d32[2]);
    printf("d64 %016llx %llu %llx\n", (unsigned long long)d64[0], (unsigned long long)d64[1],
           (unsigned long long)d64[2]);
    printf("greeting \"%s\" (%u bytes)\n", greeting, (unsigned)sizeof greeting);

    uint32_t product = 1;
    for (int i = 0; i < 8; i++)
        product *= table[OPAQUE(i)];
    printf("rodata table product %u\n", product);
    for (int i = 0; i < 4; i++)
        printf("names[%d] = %s\n", i, names[OPAQUE(i)]);

    for (const struct record *r = &r1; r != NULL; r = r->next)
        printf("record %s %d %02x\n", r->name, r->value, r->flags);

    for (int i = 0; i < 3; i++)
        printf("transform %d of 7 = %lld\n", i, (long long)transforms[OPAQUE(i)](7));

    uint64_t any = 0;
    for (int i = 0; i < 16384; i++)
        any |= zeros[i];
    for (int i = 0; i < 777; i++)
        any |= zero_bytes[i];
    any |= (uint64_t)common_like;
    printf("bss all zero: %s\n", any == 0 ? "yes" : "no");

    /* data is writable and keeps what is written */
    d8[OPAQUE(4)] += 1;
    d64[OPAQUE(1)] = d64[0] ^ d64[2];
    greeting[OPAQUE(0)] = 'I';
    mutable_names[OPAQUE(1)] = "TWO";
    r1.value = 100;
    zeros[OPAQUE(16383)] = 0xfeed;
    printf("after writes: %d %016llx %s %s %s %d %llx\n", d8[4], (unsigned long long)d64[1], greeting,
           mutable_names[0], mutable_names[1], r1.value, (unsigned long long)zeros[16383]);

    int a = counter(), b = counter(), c = counter();
    printf("static local counter %d %d %d\n", a, b, c);
    printf("distinct objects: %d\n", (void *)&d8 != (void *)&d16 && memcmp(names[0], names[1], 5) != 0);
    return 0;
}
