/*
 * hyperstrand/hv_api.h: the Hyperstrand hypercall API for guests.
 *
 * Generated from the hypercall spec (the .hvspec files); do not edit. Change the spec
 * and regenerate.
 *
 * Every call returns a status in the status register, 0 on success. ARGn travels in
 * the n-th argument register of the call's convention, RET0 is the status and RETn
 * (n >= 1) the n-th result register. Calling conventions per architecture:
 *
 * sparc64 (instruction "ta")
 *   As in the sample.
 *
 *   kind       trap      function  args                 status  results
 *   fast       0x80      %o5       %o0 %o1 %o2 %o3 %o4  %o0     %o1 %o2 %o3 %o4 %o5
 *   hyperfast  per call  -         %o0 %o1 %o2 %o3      %o0     %o1 %o2 %o3
 *   core       0xff      %o5       %o0 %o1 %o2          %o0     %o1 %o2
 *
 * riscv64 (instruction "ecall")
 *   No preprocessor test is known for this one, so it gets no stubs.
 *
 *   kind  trap         function  args                 status  results
 *   fast  0x80 in %a7  %a6       %a0 %a1 %a2 %a3 %a4  %a0     %a1 %a2 %a3 %a4 %a5
 *   core  0xff in %a7  %a6       %a0 %a1 %a2          %a0     %a1 %a2
 *
 * x86_64 (instruction "vmmcall")
 *   Uses its own fast trap number and has no hyperfast convention.
 *
 *   kind  trap          function  args                     status  results
 *   fast  0x81 in %rax  %rcx      %rdi %rsi %rdx %r10 %r8  %rax    %rsi %rdx %r10 %r8 %r9
 *   core  0xff in %rax  %rcx      %rdi %rsi %rdx           %rax    %rsi %rdx
 */
#ifndef HYPERSTRAND_HV_API_H
#define HYPERSTRAND_HV_API_H

#include <stdint.h>

/* Types the spec names. Whatever the type, a value travels in a 64-bit register. */
typedef uint64_t hv_ra_t;    /* real address: guest physical, checked against the domain's memory */
typedef uint64_t hv_va_t;    /* virtual address */
typedef uint64_t hv_cpuid_t; /* virtual CPU id as listed in the machine description */
typedef uint64_t hv_ctx_t;   /* MMU context number */
typedef uint64_t hv_tte_t;   /* sun4v TTE data word */

/* Error codes: the status (RET0) a call returns. */
#define HV_EOK    0 /* success */
#define HV_EOLD   3 /* no longer returned; since edge 1.0; removed in edge 2.0, number reserved */
#define HV_EWEIRD 9 /* text with * / and / * in it; since edge 1.0; deprecated in edge 1.1: see *
                     * / there */

/* API groups: the id of each, and the newest version this header describes. */
#define HV_GRP_EDGE       0x0042 /* versions 1.0, 1.1, 2.0 */
#define HV_GRP_EDGE_MAJOR 2
#define HV_GRP_EDGE_MINOR 0

/*
 * Trap numbers shared by all calls of a kind. A hyper-fast call is its own trap,
 * HV_<NAME>_TRAP below.
 */
#define HV_FAST_TRAP 0x80 /* fast trap: the function register selects the call; x86_64 uses 0x81 */
#define HV_CORE_TRAP 0xff /* core trap: unversioned calls, always available */

/*
 * API group edge (HV_GRP_EDGE), versions 1.0, 1.1, 2.0, on sparc64, riscv64, x86_64.
 *
 * Offered on every binding, one of them unknown to the C generator.
 *
 * Its doc has two paragraphs.
 */

/* putchar()
 * TRAP:       HV_CORE_TRAP
 * FUNCTION:   HV_CORE_PUTCHAR
 * ARG0:       char the character, passed zero-extended
 * RET0:       status
 * ARCH:       sparc64, riscv64, x86_64
 * SINCE:      edge 1.0
 * C:          uint64_t hv_putchar(char char_);
 *
 * Write one character; a name that is a C keyword.
 */
#define HV_CORE_PUTCHAR 0x01

/* old_call(): removed in edge 2.0; number reserved */
#define HV_FAST_OLD_CALL 0x12

/* swap()
 * TRAP:       HV_FAST_TRAP
 * FUNCTION:   HV_FAST_SWAP
 * ARG0:       int     a signed value
 * ARG1:       value   the new value
 * RET0:       status
 * RET1:       value   the old value
 * RET2:       default a default
 * RET3:       r3      third
 * RET4:       r4      fourth
 * RET5:       r5      fifth, a long description that has to be wrapped over more
 *                     than one line of the block
 * ERRORS:     EWEIRD never, but it shows an error list with two entries
 *             EOLD   never
 * ARCH:       sparc64, riscv64, x86_64
 * SINCE:      edge 1.1
 * DEPRECATED: edge 2.0, use swap2
 * C:          uint64_t hv_swap(int64_t int_, uint32_t value, uint64_t *value_out,
 *                              uint64_t *default_, uint64_t *r3, uint64_t *r4,
 *                              uint64_t *r5);
 *
 * Keyword names, a result named like an argument, every result register in use.
 *
 * Note: First note.
 *
 * Note: Second note, which is long enough that it has to wrap onto a second line
 * of the comment.
 */
#define HV_FAST_SWAP 0x20

/* yield()
 * TRAP:       HV_FAST_TRAP
 * FUNCTION:   HV_FAST_YIELD
 * RET0:       status
 * ARCH:       sparc64, riscv64, x86_64
 * SINCE:      edge 1.0
 * C:          uint64_t hv_yield(void);
 *
 * No arguments and no results: the status register is output only.
 */
#define HV_FAST_YIELD 0x22

/* unmap()
 * TRAP:       HV_UNMAP_TRAP
 * ARG0:       va  virtual address
 * ARG1:       ctx context
 * RET0:       status
 * ARCH:       sparc64
 * SINCE:      edge 1.0
 * C:          uint64_t hv_unmap(hv_va_t va, hv_ctx_t ctx);
 *
 * A hyper-fast call; only sparc64 has that convention.
 */
#define HV_UNMAP_TRAP 0x84

/* halt()
 * TRAP:       HV_CORE_TRAP
 * FUNCTION:   HV_CORE_HALT
 * RET0:       none, the call does not return
 * ARCH:       sparc64, riscv64, x86_64
 * SINCE:      edge 1.0
 * C:          void hv_halt(void);
 *
 * A core call that does not return.
 */
#define HV_CORE_HALT 0x02

/*
 * named: 24 bytes, aligned to 8 bytes; since edge 1.0.
 *
 * A char array and a gap in the middle.
 */
struct hv_named {
    char tag[6];       /* 0x00: name, NUL padded */
    uint8_t _pad6[2];  /* 0x06: padding */
    uint16_t id;       /* 0x08: id */
    uint8_t _pad10[6]; /* 0x0a: padding */
    hv_ra_t base;      /* 0x10: base address */
};
#define HV_NAMED_SIZE        24
#define HV_NAMED_ALIGN       8
#define HV_NAMED_TAG_OFFSET  0x00
#define HV_NAMED_ID_OFFSET   0x08
#define HV_NAMED_BASE_OFFSET 0x10
typedef char hv_named_size_check[(sizeof(struct hv_named) == HV_NAMED_SIZE) ? 1 : -1];

/*
 * tail: 16 bytes, aligned to 8 bytes; since edge 1.0.
 *
 * Padding before and after the only field.
 */
struct hv_tail {
    uint8_t _pad0[4]; /* 0x00: padding */
    uint32_t a;       /* 0x04: the value */
    uint8_t _pad8[8]; /* 0x08: padding */
};
#define HV_TAIL_SIZE     16
#define HV_TAIL_ALIGN    8
#define HV_TAIL_A_OFFSET 0x04
typedef char hv_tail_size_check[(sizeof(struct hv_tail) == HV_TAIL_SIZE) ? 1 : -1];

/* layout gone: since edge 1.0; removed in edge 2.0; no longer defined */

/*
 * constants limits: since edge 1.0.
 *
 * Values that need care in C.
 */
#define HV_NEG     (-1)                         /* minus one */
#define HV_INT_LOW (-2147483647 - 1)            /* the smallest int */
#define HV_BELOW   (-2147483649LL)              /* one below the smallest int */
#define HV_LOWEST  (-9223372036854775807LL - 1) /* the smallest 64-bit value */
#define HV_U32MAX  0xffffffffULL                /* does not fit in an int */
#define HV_S64MAX  0x7fffffffffffffffULL        /* the largest 64-bit value */
#define HV_LATER   5                            /* added later; since edge 1.1 */

/* constants old: since edge 1.0; removed in edge 2.0; no longer defined */

/*
 * Call stubs, per architecture. Each returns the status (RET0) and stores RETn
 * through its n-th pointer argument; a NULL pointer skips the store. The registers
 * a convention names do not survive a call, all others do.
 */

#if defined(__sparc__) && defined(__arch64__) /* sparc64 */

/* putchar(), see HV_CORE_PUTCHAR */
static __inline__ uint64_t hv_putchar(char char_)
{
    register uint64_t reg_o5 __asm__("o5") = HV_CORE_PUTCHAR;
    register uint64_t reg_o0 __asm__("o0") = (unsigned char)char_;

    __asm__ __volatile__("ta 0xff"
        : "+r" (reg_o5), "+r" (reg_o0)
        :
        : "o1", "o2", "memory");
    return reg_o0;
}

/* swap(), see HV_FAST_SWAP */
static __inline__ uint64_t hv_swap(int64_t int_, uint32_t value, uint64_t *value_out,
                                   uint64_t *default_, uint64_t *r3, uint64_t *r4, uint64_t *r5)
{
    register uint64_t reg_o5 __asm__("o5") = HV_FAST_SWAP;
    register uint64_t reg_o0 __asm__("o0") = int_;
    register uint64_t reg_o1 __asm__("o1") = value;
    register uint64_t reg_o2 __asm__("o2");
    register uint64_t reg_o3 __asm__("o3");
    register uint64_t reg_o4 __asm__("o4");

    __asm__ __volatile__("ta 0x80"
        : "+r" (reg_o5), "+r" (reg_o0), "+r" (reg_o1), "=r" (reg_o2), "=r" (reg_o3), "=r" (reg_o4)
        :
        : "memory");
    if (value_out)
        *value_out = reg_o1;
    if (default_)
        *default_ = reg_o2;
    if (r3)
        *r3 = reg_o3;
    if (r4)
        *r4 = reg_o4;
    if (r5)
        *r5 = reg_o5;
    return reg_o0;
}

/* yield(), see HV_FAST_YIELD */
static __inline__ uint64_t hv_yield(void)
{
    register uint64_t reg_o5 __asm__("o5") = HV_FAST_YIELD;
    register uint64_t reg_o0 __asm__("o0");

    __asm__ __volatile__("ta 0x80"
        : "+r" (reg_o5), "=r" (reg_o0)
        :
        : "o1", "o2", "o3", "o4", "memory");
    return reg_o0;
}

/* unmap(), see HV_UNMAP_TRAP */
static __inline__ uint64_t hv_unmap(hv_va_t va, hv_ctx_t ctx)
{
    register uint64_t reg_o0 __asm__("o0") = va;
    register uint64_t reg_o1 __asm__("o1") = ctx;

    __asm__ __volatile__("ta 0x84"
        : "+r" (reg_o0), "+r" (reg_o1)
        :
        : "o2", "o3", "memory");
    return reg_o0;
}

/* halt(), see HV_CORE_HALT */
static __inline__ __attribute__((noreturn)) void hv_halt(void)
{
    register uint64_t reg_o5 __asm__("o5") = HV_CORE_HALT;

    __asm__ __volatile__("ta 0xff"
        : "+r" (reg_o5)
        :
        : "o0", "o1", "o2", "memory");
    for (;;) {
    }
}

#elif defined(__x86_64__) /* x86_64 */

/* putchar(), see HV_CORE_PUTCHAR */
static __inline__ uint64_t hv_putchar(char char_)
{
    register uint64_t reg_rax __asm__("rax") = HV_CORE_TRAP;
    register uint64_t reg_rcx __asm__("rcx") = HV_CORE_PUTCHAR;
    register uint64_t reg_rdi __asm__("rdi") = (unsigned char)char_;

    __asm__ __volatile__("vmmcall"
        : "+r" (reg_rax), "+r" (reg_rcx), "+r" (reg_rdi)
        :
        : "rsi", "rdx", "memory");
    return reg_rax;
}

/* swap(), see HV_FAST_SWAP */
static __inline__ uint64_t hv_swap(int64_t int_, uint32_t value, uint64_t *value_out,
                                   uint64_t *default_, uint64_t *r3, uint64_t *r4, uint64_t *r5)
{
    register uint64_t reg_rax __asm__("rax") = 0x81;
    register uint64_t reg_rcx __asm__("rcx") = HV_FAST_SWAP;
    register uint64_t reg_rdi __asm__("rdi") = int_;
    register uint64_t reg_rsi __asm__("rsi") = value;
    register uint64_t reg_rdx __asm__("rdx");
    register uint64_t reg_r10 __asm__("r10");
    register uint64_t reg_r8 __asm__("r8");
    register uint64_t reg_r9 __asm__("r9");

    __asm__ __volatile__("vmmcall"
        : "+r" (reg_rax), "+r" (reg_rcx), "+r" (reg_rdi), "+r" (reg_rsi), "=r" (reg_rdx),
          "=r" (reg_r10), "=r" (reg_r8), "=r" (reg_r9)
        :
        : "memory");
    if (value_out)
        *value_out = reg_rsi;
    if (default_)
        *default_ = reg_rdx;
    if (r3)
        *r3 = reg_r10;
    if (r4)
        *r4 = reg_r8;
    if (r5)
        *r5 = reg_r9;
    return reg_rax;
}

/* yield(), see HV_FAST_YIELD */
static __inline__ uint64_t hv_yield(void)
{
    register uint64_t reg_rax __asm__("rax") = 0x81;
    register uint64_t reg_rcx __asm__("rcx") = HV_FAST_YIELD;

    __asm__ __volatile__("vmmcall"
        : "+r" (reg_rax), "+r" (reg_rcx)
        :
        : "rdi", "rsi", "rdx", "r10", "r8", "r9", "memory");
    return reg_rax;
}

/* halt(), see HV_CORE_HALT */
static __inline__ __attribute__((noreturn)) void hv_halt(void)
{
    register uint64_t reg_rax __asm__("rax") = HV_CORE_TRAP;
    register uint64_t reg_rcx __asm__("rcx") = HV_CORE_HALT;

    __asm__ __volatile__("vmmcall"
        : "+r" (reg_rax), "+r" (reg_rcx)
        :
        : "rdi", "rsi", "rdx", "memory");
    for (;;) {
    }
}

#endif /* architecture */

/*
 * Binding riscv64: no C predicate is known for this architecture,
 * so it has no stubs.
 */

#endif /* HYPERSTRAND_HV_API_H */
