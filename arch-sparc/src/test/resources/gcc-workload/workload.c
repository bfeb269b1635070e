/* A freestanding workload for the SPARC CPU model: recursion (window spills and fills),
 * byte/half/word/doubleword memory traffic, 32- and 64-bit multiply and divide, shifts,
 * a jump table and conditional moves. compute() returns a hash of everything. */
typedef unsigned long u64;
typedef long s64;
typedef unsigned int u32;
typedef int s32;
typedef unsigned short u16;

static u64 fib(int n) { return n < 2 ? (u64) n : fib(n - 1) + fib(n - 2); }

static u32 crc32(const unsigned char *p, int n) {
    u32 table[256];
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    u32 crc = 0xffffffffu;
    for (int i = 0; i < n; i++) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffu;
}

static void sort(s32 *a, int n) {
    for (int i = 1; i < n; i++) {
        s32 v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

static u64 ackermann(u64 m, u64 n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

__attribute__((noinline)) static u64 depth(int n, u64 acc) {
    if (n == 0) return acc;
    u64 r = depth(n - 1, acc * 31 + (u64) n);
    return r ^ (r >> 7) ^ (u64) n;
}

__attribute__((noinline)) static u64 classify(int i) {
    switch (i % 9) {
    case 0: return 11; case 1: return 23; case 2: return 37; case 3: return 41;
    case 4: return 53; case 5: return 67; case 6: return 71; case 7: return 83;
    default: return 97;
    }
}

u64 compute(void) {
    u64 h = 1469598103934665603UL;
    const u64 prime = 1099511628211UL;
    h = (h ^ fib(18)) * prime;
    h = (h ^ ackermann(2, 3)) * prime;
    h = (h ^ depth(40, h)) * prime;

    unsigned char buf[256];
    for (int i = 0; i < 256; i++) buf[i] = (unsigned char) (i * 7 + 3);
    h = (h ^ crc32(buf, 256)) * prime;

    s32 arr[64];
    u32 seed = 12345;
    for (int i = 0; i < 64; i++) { seed = seed * 1103515245u + 12345u; arr[i] = (s32) seed >> 3; }
    sort(arr, 64);
    for (int i = 0; i < 64; i += 7) h = (h ^ (u64) (s64) arr[i]) * prime;

    for (int i = 1; i <= 100; i++) {
        s64 d = i - 50 == 0 ? 1 : i - 50;
        h += (u64) ((s64) (h ^ (u64) i) / d);
        h += (u32) h / (u32) (i + 3);
        h += (u64) ((s32) h / (s32) (i - 200));
        h ^= h % 1000003u;
        h = (h << (i & 63)) | (h >> ((64 - (i & 63)) & 63));
        h += classify(i);
        h = (s64) h < 0 ? h * 3 : h + 5;
    }

    u16 halves[16];
    for (int i = 0; i < 16; i++) halves[i] = (u16) (h >> (i * 4));
    for (int i = 0; i < 16; i++) h = (h ^ halves[i]) * prime;
    return h;
}
