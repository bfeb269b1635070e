/*
 * Atomic operations, single-threaded so the results are deterministic: the
 * __atomic builtins (fetch-and-op, op-and-fetch, exchange, compare-exchange,
 * test-and-set) and the legacy __sync builtins, on int and long and on the
 * narrow types gcc implements with a word-sized compare-and-swap loop.
 */
#include <stdint.h>
#include <stdio.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })

#define ATOMIC_SUITE(T, FMT, CAST, NAME)                                                    \
    static void suite_##NAME(void)                                                          \
    {                                                                                       \
        static T cell;                                                                      \
        T old, expected, r;                                                                 \
        int ok;                                                                             \
                                                                                            \
        __atomic_store_n(&cell, (T)OPAQUE((T)100), __ATOMIC_SEQ_CST);                       \
        old = __atomic_fetch_add(&cell, (T)OPAQUE((T)23), __ATOMIC_SEQ_CST);                \
        printf(#NAME " fetch_add: old " FMT " now " FMT "\n", (CAST)old, (CAST)cell);       \
        old = __atomic_fetch_sub(&cell, (T)OPAQUE((T)200), __ATOMIC_ACQ_REL);               \
        printf(#NAME " fetch_sub: old " FMT " now " FMT "\n", (CAST)old, (CAST)cell);       \
        old = __atomic_fetch_and(&cell, (T)OPAQUE((T)0x5a), __ATOMIC_RELAXED);              \
        printf(#NAME " fetch_and: old " FMT " now " FMT "\n", (CAST)old, (CAST)cell);       \
        old = __atomic_fetch_or(&cell, (T)OPAQUE((T)0x21), __ATOMIC_RELEASE);               \
        printf(#NAME " fetch_or: old " FMT " now " FMT "\n", (CAST)old, (CAST)cell);        \
        old = __atomic_fetch_xor(&cell, (T)OPAQUE((T)0x7f), __ATOMIC_SEQ_CST);              \
        printf(#NAME " fetch_xor: old " FMT " now " FMT "\n", (CAST)old, (CAST)cell);       \
        old = __atomic_fetch_nand(&cell, (T)OPAQUE((T)0x0f), __ATOMIC_SEQ_CST);             \
        printf(#NAME " fetch_nand: old " FMT " now " FMT "\n", (CAST)old, (CAST)cell);      \
        r = __atomic_add_fetch(&cell, (T)OPAQUE((T)1), __ATOMIC_SEQ_CST);                   \
        printf(#NAME " add_fetch: " FMT "\n", (CAST)r);                                    \
        r = __atomic_sub_fetch(&cell, (T)OPAQUE((T)3), __ATOMIC_SEQ_CST);                   \
        printf(#NAME " sub_fetch: " FMT "\n", (CAST)r);                                    \
        old = __atomic_exchange_n(&cell, (T)OPAQUE((T)77), __ATOMIC_SEQ_CST);               \
        printf(#NAME " exchange: old " FMT " now " FMT "\n", (CAST)old, (CAST)cell);        \
        expected = (T)OPAQUE((T)76);                                                        \
        ok = __atomic_compare_exchange_n(&cell, &expected, (T)5, 0, __ATOMIC_SEQ_CST,       \
                                         __ATOMIC_SEQ_CST);                                 \
        printf(#NAME " cas miss: ok %d expected " FMT " now " FMT "\n", ok, (CAST)expected, \
               (CAST)cell);                                                                 \
        ok = __atomic_compare_exchange_n(&cell, &expected, (T)5, 0, __ATOMIC_SEQ_CST,       \
                                         __ATOMIC_SEQ_CST);                                 \
        printf(#NAME " cas hit: ok %d expected " FMT " now " FMT "\n", ok, (CAST)expected,  \
               (CAST)cell);                                                                 \
        expected = cell;                                                                    \
        while (!__atomic_compare_exchange_n(&cell, &expected, (T)(expected * 3), 1,         \
                                            __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))            \
            ;                                                                               \
        printf(#NAME " weak cas loop: now " FMT "\n", (CAST)__atomic_load_n(&cell,          \
                                                                              __ATOMIC_ACQUIRE)); \
        old = __sync_fetch_and_add(&cell, (T)OPAQUE((T)10));                                \
        r = __sync_add_and_fetch(&cell, (T)OPAQUE((T)10));                                  \
        printf(#NAME " sync add: old " FMT " new " FMT "\n", (CAST)old, (CAST)r);           \
        old = __sync_fetch_and_or(&cell, (T)0x40);                                          \
        r = __sync_and_and_fetch(&cell, (T)0x7c);                                           \
        printf(#NAME " sync or/and: old " FMT " new " FMT "\n", (CAST)old, (CAST)r);        \
        old = __sync_val_compare_and_swap(&cell, r, (T)OPAQUE((T)-3));                      \
        ok = __sync_bool_compare_and_swap(&cell, (T)12345, (T)0);                           \
        printf(#NAME " sync cas: old " FMT " failed-cas %d now " FMT "\n", (CAST)old, ok,   \
               (CAST)cell);                                                                 \
        old = __sync_lock_test_and_set(&cell, (T)1);                                        \
        __sync_synchronize();                                                               \
        printf(#NAME " lock_test_and_set: old " FMT " now " FMT "\n", (CAST)old, (CAST)cell);\
        __sync_lock_release(&cell);                                                         \
        printf(#NAME " lock_release: now " FMT "\n", (CAST)cell);                           \
    }

ATOMIC_SUITE(int, "%lld", long long, int)
ATOMIC_SUITE(unsigned int, "%llu", unsigned long long, uint)
ATOMIC_SUITE(long, "%lld", long long, long)
ATOMIC_SUITE(unsigned long, "%llu", unsigned long long, ulong)
ATOMIC_SUITE(signed char, "%lld", long long, schar)
ATOMIC_SUITE(unsigned short, "%llu", unsigned long long, ushort)

/* neighbours of a narrow atomic must not change */
static void neighbours(void)
{
    static union {
        uint64_t all;
        uint8_t b[8];
        uint16_t h[4];
    } u;

    u.all = OPAQUE(0x1122334455667788ULL);
    __atomic_fetch_add(&u.b[OPAQUE(2)], 0x10, __ATOMIC_SEQ_CST);
    __atomic_exchange_n(&u.b[OPAQUE(7)], 0xee, __ATOMIC_SEQ_CST);
    __atomic_fetch_xor(&u.h[OPAQUE(2)], 0xffff, __ATOMIC_SEQ_CST);
    printf("narrow atomics in a word: %016llx\n", (unsigned long long)u.all);
}

static void flags(void)
{
    static _Bool flag;
    int first = __atomic_test_and_set(&flag, __ATOMIC_SEQ_CST);
    int second = __atomic_test_and_set(&flag, __ATOMIC_SEQ_CST);
    __atomic_clear(&flag, __ATOMIC_SEQ_CST);
    int third = __atomic_test_and_set(&flag, __ATOMIC_SEQ_CST);
    printf("test_and_set: %d %d %d\n", first, second, third);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    printf("lock free: int %d long %d\n", __atomic_always_lock_free(sizeof(int), 0),
           __atomic_always_lock_free(sizeof(long), 0));
}

int main(void)
{
    suite_int();
    suite_uint();
    suite_long();
    suite_ulong();
    suite_schar();
    suite_ushort();
    neighbours();
    flags();
    return 0;
}
