/*
 * Small whole programs: sorting (insertion, quick, heap), CRC-32 (bitwise and
 * table-driven), Adler-32 and FNV-1a, a sieve of Eratosthenes in .bss, gcd,
 * integer square roots, Collatz chains and a small matrix product.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t lcg_state = 42;

static uint32_t lcg(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(lcg_state >> 33);
}

static void insertion_sort(int32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quick_sort(int32_t *a, int lo, int hi)
{
    while (lo < hi) {
        int32_t pivot = a[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                int32_t t = a[i];
                a[i++] = a[j];
                a[j--] = t;
            }
        }
        if (j - lo < hi - i) {
            quick_sort(a, lo, j);
            lo = i;
        } else {
            quick_sort(a, i, hi);
            hi = j;
        }
    }
}

static void sift_down(uint64_t *a, int start, int end)
{
    int root = start;
    while (2 * root + 1 <= end) {
        int child = 2 * root + 1;
        if (child + 1 <= end && a[child] < a[child + 1])
            child++;
        if (a[root] >= a[child])
            return;
        uint64_t t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

static void heap_sort(uint64_t *a, int n)
{
    for (int start = (n - 2) / 2; start >= 0; start--)
        sift_down(a, start, n - 1);
    for (int end = n - 1; end > 0; end--) {
        uint64_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, 0, end - 1);
    }
}

static int32_t arr1[500], arr2[2000];
static uint64_t arr3[700];

static void sorting(void)
{
    uint64_t sum = 0;
    int sorted = 1;

    for (int i = 0; i < 500; i++)
        arr1[i] = (int32_t)lcg() - 0x40000000;
    insertion_sort(arr1, 500);
    for (int i = 1; i < 500; i++)
        sorted &= arr1[i - 1] <= arr1[i];
    printf("insertion sort: sorted %d min %d max %d median %d\n", sorted, arr1[0], arr1[499], arr1[250]);

    for (int i = 0; i < 2000; i++)
        arr2[i] = (int32_t)(lcg() % 1000) - 500;
    quick_sort(arr2, 0, 1999);
    sorted = 1;
    for (int i = 1; i < 2000; i++)
        sorted &= arr2[i - 1] <= arr2[i];
    for (int i = 0; i < 2000; i += 97)
        sum = sum * 31 + (uint64_t)(int64_t)arr2[i];
    printf("quick sort: sorted %d first %d last %d sample hash %llu\n", sorted, arr2[0], arr2[1999],
           (unsigned long long)sum);

    for (int i = 0; i < 700; i++)
        arr3[i] = (uint64_t)lcg() << 32 | lcg();
    heap_sort(arr3, 700);
    sorted = 1;
    for (int i = 1; i < 700; i++)
        sorted &= arr3[i - 1] <= arr3[i];
    printf("heap sort: sorted %d first %016llx last %016llx\n", sorted, (unsigned long long)arr3[0],
           (unsigned long long)arr3[699]);
}

static uint32_t crc_table[256];

static uint32_t crc32_bitwise(const unsigned char *p, size_t n)
{
    uint32_t crc = 0xffffffffu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static uint32_t crc32_table(const unsigned char *p, size_t n)
{
    uint32_t crc = 0xffffffffu;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t adler32(const unsigned char *p, size_t n)
{
    uint32_t a = 1, b = 0;
    while (n--) {
        a = (a + *p++) % 65521;
        b = (b + a) % 65521;
    }
    return b << 16 | a;
}

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    while (n--) {
        h ^= *p++;
        h *= 0x100000001b3ULL;
    }
    return h;
}

static unsigned char data[4096];

static void checksums(void)
{
    static const char check[] = "123456789";

    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    for (int i = 0; i < 4096; i++)
        data[i] = (unsigned char)lcg();
    printf("crc32(\"123456789\") = %08x / %08x\n", crc32_bitwise((const unsigned char *)check, 9),
           crc32_table((const unsigned char *)check, 9));
    printf("crc32(4 KiB) = %08x / %08x\n", crc32_bitwise(data, sizeof data), crc32_table(data, sizeof data));
    printf("adler32(\"123456789\") = %08x, adler32(4 KiB) = %08x\n",
           adler32((const unsigned char *)check, 9), adler32(data, sizeof data));
    printf("fnv1a64(\"123456789\") = %016llx, fnv1a64(4 KiB) = %016llx\n",
           (unsigned long long)fnv1a((const unsigned char *)check, 9),
           (unsigned long long)fnv1a(data, sizeof data));
}

#define SIEVE_MAX 200000
static unsigned char composite[SIEVE_MAX + 1];

static void sieve(void)
{
    unsigned count = 0, last[5] = { 0 };
    uint64_t sum = 0;

    for (unsigned i = 0; i <= SIEVE_MAX; i++) {
        if (composite[i] != 0) {
            printf("sieve: .bss not zero at %u\n", i);
            return;
        }
    }
    for (unsigned i = 2; (uint64_t)i * i <= SIEVE_MAX; i++) {
        if (!composite[i]) {
            for (unsigned j = i * i; j <= SIEVE_MAX; j += i)
                composite[j] = 1;
        }
    }
    for (unsigned i = 2; i <= SIEVE_MAX; i++) {
        if (!composite[i]) {
            count++;
            sum += i;
            last[count % 5] = i;
        }
    }
    printf("primes <= %d: %u, sum %llu, last five %u %u %u %u %u\n", SIEVE_MAX, count,
           (unsigned long long)sum, last[(count + 1) % 5], last[(count + 2) % 5], last[(count + 3) % 5],
           last[(count + 4) % 5], last[count % 5]);
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* digit by digit, two bits at a time: no overflow anywhere in the range */
static uint64_t isqrt(uint64_t n)
{
    uint64_t root = 0, bit = 1ULL << 62;

    while (bit > n)
        bit >>= 2;
    while (bit != 0) {
        if (n >= root + bit) {
            n -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    return root;
}

static void numbers(void)
{
    static const uint64_t pairs[][2] = {
        { 48, 18 }, { 1071, 462 }, { 0xffffffffffffffffULL, 0xfffffffffffffffeULL },
        { 1ULL << 63, 1ULL << 40 }, { 982451653, 57885161 }, { 6700417ULL * 641, 641ULL * 3 },
    };
    for (unsigned i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        printf("gcd(%llu, %llu) = %llu\n", (unsigned long long)pairs[i][0], (unsigned long long)pairs[i][1],
               (unsigned long long)gcd(pairs[i][0], pairs[i][1]));

    static const uint64_t squares[] = { 0, 1, 2, 99, 100, 1000000007, 0xfffffffe00000001ULL,
                                        0xffffffffffffffffULL };
    for (unsigned i = 0; i < sizeof squares / sizeof squares[0]; i++)
        printf("isqrt(%llu) = %llu\n", (unsigned long long)squares[i], (unsigned long long)isqrt(squares[i]));

    unsigned best = 1, best_len = 1;
    for (unsigned start = 1; start < 10000; start++) {
        uint64_t n = start;
        unsigned len = 1;
        while (n != 1) {
            n = n & 1 ? 3 * n + 1 : n / 2;
            len++;
        }
        if (len > best_len) {
            best_len = len;
            best = start;
        }
    }
    printf("longest Collatz chain below 10000 starts at %u, %u terms\n", best, best_len);
}

static void matrices(void)
{
    int64_t a[8][8], b[8][8], c[8][8];
    uint64_t h = 0;

    for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++) {
            a[i][j] = (int64_t)(i * 8 + j) - 20;
            b[i][j] = (int64_t)((i + 1) * (j + 3) % 17) - 8;
        }
    }
    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                int64_t s = 0;
                for (int k = 0; k < 8; k++)
                    s += a[i][k] * b[k][j];
                c[i][j] = s % 1000003;
            }
        }
        memcpy(a, c, sizeof a);
    }
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            h = h * 1000003 + (uint64_t)c[i][j];
    printf("matrix product: c[0][0] %lld c[7][7] %lld hash %016llx\n", (long long)c[0][0],
           (long long)c[7][7], (unsigned long long)h);
}

int main(void)
{
    sorting();
    checksums();
    sieve();
    numbers();
    matrices();
    return 0;
}
