/*
 * bench: the CPU benchmark guest. Four integer kernels, each printing a
 * checksum that depends only on the source, so every build of this file (the
 * guest, a static Linux program under qemu-sparc64, a native x86-64 program)
 * prints the same lines:
 *
 *   crc32    table-driven CRC-32 (the zlib polynomial) over a 64 KiB buffer
 *   sieve    sieve of Eratosthenes below 2,000,000, one byte per number
 *   qsort    quicksort of 200,000 pseudo-random uint32_t values, then a check
 *   matmul   product of two 128 x 128 matrices of uint64_t (wrapping arithmetic)
 *
 * The sizes give a sparc64 guest about 300 million retired instructions
 * (`hv bench` prints the exact count). Integer code only: the guest build has
 * no FPU. Builds:
 *
 *   make -C guest-abi                                   guest: target/guests/sparc64/bench.elf
 *   sparc64-linux-gnu-gcc -O2 -mcpu=v9 -mno-fpu -static -o bench guests/bench/bench.c
 *   gcc -O2 -o bench guests/bench/bench.c               native, for comparison
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Hide a value from the optimizer so the work cannot be folded at compile time. */
#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })

#define CRC_BYTES   (64u * 1024u)
#define CRC_PASSES  120u
#define SIEVE_LIMIT 2000000u
#define SIEVE_PASSES 2u
#define SORT_COUNT  200000u
#define SORT_PASSES 2u
#define MAT_N       128u
#define MAT_PASSES  3u

static uint64_t rng_state;

static void rng_seed(uint64_t seed)
{
    rng_state = seed;
}

/* A 64-bit LCG (Knuth's MMIX constants); the high half is the output. */
static uint32_t rng_next(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 32);
}

/* ---- crc32 ------------------------------------------------------------------------- */

static uint32_t crc_table[256];
static uint8_t crc_buf[CRC_BYTES];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    for (uint32_t i = 0; i < n; i++)
        crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t bench_crc32(void)
{
    crc_init();
    rng_seed(1);
    for (uint32_t i = 0; i < CRC_BYTES; i++)
        crc_buf[i] = (uint8_t)(rng_next() >> 24);
    uint32_t crc = 0;
    uint32_t passes = OPAQUE(CRC_PASSES);
    for (uint32_t pass = 0; pass < passes; pass++) {
        crc = crc32(crc, crc_buf, CRC_BYTES);
        crc_buf[pass & (CRC_BYTES - 1)] ^= (uint8_t)crc; /* each pass sees different data */
    }
    return crc;
}

/* ---- sieve ------------------------------------------------------------------------- */

static uint8_t composite[SIEVE_LIMIT];

static void bench_sieve(uint32_t *count_out, uint32_t *sum_out, uint32_t *last_out)
{
    uint32_t limit = OPAQUE(SIEVE_LIMIT);
    uint32_t count = 0, sum = 0, last = 0;
    for (uint32_t pass = 0; pass < SIEVE_PASSES; pass++) {
        memset(composite, 0, limit);
        for (uint32_t i = 2; (uint64_t)i * i < limit; i++) {
            if (composite[i])
                continue;
            for (uint32_t j = i * i; j < limit; j += i)
                composite[j] = 1;
        }
        count = 0;
        sum = 0;
        for (uint32_t i = 2; i < limit; i++) {
            if (!composite[i]) {
                count++;
                sum += i;
                last = i;
            }
        }
    }
    *count_out = count;
    *sum_out = sum;
    *last_out = last;
}

/* ---- qsort ------------------------------------------------------------------------- */

static uint32_t sort_buf[SORT_COUNT];

static void quicksort(uint32_t *a, int32_t lo, int32_t hi)
{
    while (lo < hi) {
        uint32_t pivot = a[lo + (hi - lo) / 2];
        int32_t i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                uint32_t t = a[i];
                a[i++] = a[j];
                a[j--] = t;
            }
        }
        /* recurse into the smaller side: the stack stays O(log n) deep */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

static void bench_qsort(uint32_t *hash_out, uint32_t *sorted_out)
{
    uint32_t n = OPAQUE(SORT_COUNT);
    uint32_t hash = 0, sorted = 1;
    for (uint32_t pass = 0; pass < SORT_PASSES; pass++) {
        rng_seed(2 + pass);
        for (uint32_t i = 0; i < n; i++)
            sort_buf[i] = rng_next();
        quicksort(sort_buf, 0, (int32_t)n - 1);
        for (uint32_t i = 1; i < n; i++)
            if (sort_buf[i - 1] > sort_buf[i])
                sorted = 0;
        /* an order-sensitive hash of the result (FNV-1a over the words) */
        hash = 2166136261u;
        for (uint32_t i = 0; i < n; i += 7)
            hash = (hash ^ sort_buf[i]) * 16777619u;
    }
    *hash_out = hash;
    *sorted_out = sorted;
}

/* ---- matmul ------------------------------------------------------------------------ */

static uint64_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];

static uint64_t bench_matmul(void)
{
    uint32_t n = OPAQUE(MAT_N);
    rng_seed(3);
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t j = 0; j < n; j++) {
            mat_a[i][j] = ((uint64_t)rng_next() << 32) | rng_next();
            mat_b[i][j] = ((uint64_t)rng_next() << 32) | rng_next();
        }
    }
    uint64_t check = 0;
    for (uint32_t pass = 0; pass < MAT_PASSES; pass++) {
        for (uint32_t i = 0; i < n; i++) {
            for (uint32_t j = 0; j < n; j++) {
                uint64_t s = 0;
                for (uint32_t k = 0; k < n; k++)
                    s += mat_a[i][k] * mat_b[k][j];
                mat_c[i][j] = s;
            }
        }
        for (uint32_t i = 0; i < n; i++)
            for (uint32_t j = 0; j < n; j++)
                check = (check ^ mat_c[i][j]) * 0x100000001b3ULL + i + j;
        /* feed the product back so the second pass differs from the first */
        memcpy(mat_a, mat_c, sizeof mat_a);
    }
    return check;
}

int main(void)
{
    uint32_t count, sum, last, hash, sorted;

    printf("bench: crc32 %u KiB x %u, sieve < %u x %u, qsort %u x %u, matmul %ux%u x %u\n",
           CRC_BYTES / 1024, CRC_PASSES, SIEVE_LIMIT, SIEVE_PASSES, SORT_COUNT, SORT_PASSES,
           MAT_N, MAT_N, MAT_PASSES);
    printf("crc32  %08x\n", bench_crc32());
    bench_sieve(&count, &sum, &last);
    printf("sieve  %u primes, sum %08x, last %u\n", count, sum, last);
    bench_qsort(&hash, &sorted);
    printf("qsort  %08x %s\n", hash, sorted ? "sorted" : "NOT SORTED");
    printf("matmul %016llx\n", (unsigned long long)bench_matmul());
    return sorted ? 0 : 1;
}
