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
 *   sparc64 guests trap into the hypervisor with Tcc.
 *
 *   Registers not named here are preserved.
 *
 *   kind       trap      function  args                 status  results
 *   fast       0x80      %o5       %o0 %o1 %o2 %o3 %o4  %o0     %o1 %o2 %o3 %o4 %o5
 *   hyperfast  per call  -         %o0 %o1 %o2 %o3      %o0     %o1 %o2 %o3
 *   core       0xff      %o5       %o0 %o1 %o2          %o0     %o1 %o2
 *
 * x86_64 (instruction "vmmcall")
 *   x86-64 guests leave guest mode with VMMCALL.
 *
 *   kind  trap          function  args                     status  results
 *   fast  0x80 in %rax  %rcx      %rdi %rsi %rdx %r10 %r8  %rax    %rsi %rdx %r10 %r8 %r9
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
#define HV_EOK      0 /* success */
#define HV_ENOCPU   1 /* bad CPU id */
#define HV_EINVAL   6 /* bad argument */
#define HV_EBADTRAP 7 /* The function number is unknown or its group version is not negotiated. */

/* API groups: the id of each, and the newest version this header describes. */
#define HV_GRP_CORE            0x0001 /* versions 1.0, 1.1 */
#define HV_GRP_CORE_MAJOR      1
#define HV_GRP_CORE_MINOR      1
#define HV_GRP_X86_TIMER       0x1000 /* versions 1.0 */
#define HV_GRP_X86_TIMER_MAJOR 1
#define HV_GRP_X86_TIMER_MINOR 0

/*
 * Trap numbers shared by all calls of a kind. A hyper-fast call is its own trap,
 * HV_<NAME>_TRAP below.
 */
#define HV_FAST_TRAP 0x80 /* fast trap: the function register selects the call */
#define HV_CORE_TRAP 0xff /* core trap: unversioned calls, always available */

/*
 * API group core (HV_GRP_CORE), versions 1.0, 1.1, on sparc64, x86_64.
 *
 * Basic services every guest needs.
 */

/* api_set_version()
 * TRAP:       HV_CORE_TRAP
 * FUNCTION:   HV_CORE_API_SET_VERSION
 * ARG0:       group        API group id
 * ARG1:       major        requested major version
 * ARG2:       minor        requested minor version
 * RET0:       status
 * RET1:       actual_minor the minor version granted
 * ERRORS:     EINVAL unknown group
 * ARCH:       sparc64, x86_64
 * SINCE:      core 1.0
 * C:          uint64_t hv_api_set_version(uint64_t group, uint64_t major,
 *                                         uint64_t minor, uint64_t *actual_minor);
 *
 * Negotiate the version of an API group.
 */
#define HV_CORE_API_SET_VERSION 0x00

/* mach_exit()
 * TRAP:       HV_FAST_TRAP
 * FUNCTION:   HV_FAST_MACH_EXIT
 * ARG0:       code exit status
 * RET0:       none, the call does not return
 * ARCH:       sparc64, x86_64
 * SINCE:      core 1.0
 * C:          void hv_mach_exit(uint64_t code);
 *
 * Stop the domain.
 */
#define HV_FAST_MACH_EXIT 0x00

/* cpu_state()
 * TRAP:       HV_FAST_TRAP
 * FUNCTION:   HV_FAST_CPU_STATE
 * ARG0:       cpu   the CPU to ask about
 * RET0:       status
 * RET1:       state one of the cpu_state constants
 * ERRORS:     ENOCPU cpu is not a CPU of this domain
 * ARCH:       sparc64, x86_64
 * SINCE:      core 1.0
 * C:          uint64_t hv_cpu_state(hv_cpuid_t cpu, uint64_t *state);
 *
 * Report the state of a CPU.
 *
 * Note: A CPU in error stays in error until the domain restarts.
 */
#define HV_FAST_CPU_STATE 0x17

/* cpu_poke()
 * TRAP:       HV_FAST_TRAP
 * FUNCTION:   HV_FAST_CPU_POKE
 * ARG0:       cpu the CPU to wake
 * RET0:       status
 * ERRORS:     ENOCPU cpu is not a CPU of this domain
 *             EINVAL cpu is the caller
 * ARCH:       sparc64, x86_64
 * SINCE:      core 1.1
 * DEPRECATED: core 1.1, poke is implied by cpu_mondo_send
 * C:          uint64_t hv_cpu_poke(hv_cpuid_t cpu);
 *
 * Wake a CPU sitting in cpu_yield.
 */
#define HV_FAST_CPU_POKE 0x13

/* mmu_map_addr()
 * TRAP:       HV_MMU_MAP_ADDR_TRAP
 * ARG0:       va    virtual address
 * ARG1:       ctx   context
 * ARG2:       tte   TTE data
 * ARG3:       flags MMU_FLAGS
 * RET0:       status
 * ERRORS:     EINVAL va or ctx out of range
 * ARCH:       sparc64
 * SINCE:      core 1.0
 * C:          uint64_t hv_mmu_map_addr(hv_va_t va, hv_ctx_t ctx, hv_tte_t tte,
 *                                      uint64_t flags);
 *
 * Map a page for the calling CPU only.
 */
#define HV_MMU_MAP_ADDR_TRAP 0x83

/*
 * tsb_descr: 32 bytes, aligned to 8 bytes; since core 1.0.
 *
 * A TSB as handed to mmu_tsb_ctx0.
 */
struct hv_tsb_descr {
    uint16_t pgsz_idx; /* 0x00: page size used for indexing */
    uint16_t assoc;    /* 0x02: associativity, must be 1 */
    uint32_t num_ttes; /* 0x04: number of entries */
    uint8_t _pad8[8];  /* 0x08: padding */
    hv_ra_t tsb_base;  /* 0x10: real address of the TSB */
    uint64_t resv;     /* 0x18: reserved, must be zero */
};
#define HV_TSB_DESCR_SIZE            32
#define HV_TSB_DESCR_ALIGN           8
#define HV_TSB_DESCR_PGSZ_IDX_OFFSET 0x00
#define HV_TSB_DESCR_ASSOC_OFFSET    0x02
#define HV_TSB_DESCR_NUM_TTES_OFFSET 0x04
#define HV_TSB_DESCR_TSB_BASE_OFFSET 0x10
#define HV_TSB_DESCR_RESV_OFFSET     0x18
typedef char hv_tsb_descr_size_check[(sizeof(struct hv_tsb_descr) == HV_TSB_DESCR_SIZE) ? 1 : -1];

/*
 * constants cpu_state: since core 1.0.
 *
 * States reported by cpu_state.
 */
#define HV_CPU_STATE_STOPPED 1 /* stopped */
#define HV_CPU_STATE_RUNNING 2 /* running */
#define HV_CPU_STATE_ERROR   3 /* in error; since core 1.1 */

/*
 * API group x86_timer (HV_GRP_X86_TIMER), versions 1.0, on x86_64.
 *
 * Calls only x86 guests have.
 */

/* timer_set()
 * TRAP:       HV_FAST_TRAP
 * FUNCTION:   HV_FAST_TIMER_SET
 * ARG0:       deadline absolute deadline in ticks; 0 cancels
 * RET0:       status
 * ERRORS:     EINVAL deadline is in the past
 * ARCH:       x86_64
 * SINCE:      x86_timer 1.0
 * C:          uint64_t hv_timer_set(uint64_t deadline);
 *
 * Arm the one-shot timer.
 */
#define HV_FAST_TIMER_SET 0x400

/*
 * Call stubs, per architecture. Each returns the status (RET0) and stores RETn
 * through its n-th pointer argument; a NULL pointer skips the store. The registers
 * a convention names do not survive a call, all others do.
 */

#if defined(__sparc__) && defined(__arch64__) /* sparc64 */

/* api_set_version(), see HV_CORE_API_SET_VERSION */
static __inline__ uint64_t hv_api_set_version(uint64_t group, uint64_t major, uint64_t minor,
                                              uint64_t *actual_minor)
{
    register uint64_t reg_o5 __asm__("o5") = HV_CORE_API_SET_VERSION;
    register uint64_t reg_o0 __asm__("o0") = group;
    register uint64_t reg_o1 __asm__("o1") = major;
    register uint64_t reg_o2 __asm__("o2") = minor;

    __asm__ __volatile__("ta 0xff"
        : "+r" (reg_o5), "+r" (reg_o0), "+r" (reg_o1), "+r" (reg_o2)
        :
        : "memory");
    if (actual_minor)
        *actual_minor = reg_o1;
    return reg_o0;
}

/* mach_exit(), see HV_FAST_MACH_EXIT */
static __inline__ __attribute__((noreturn)) void hv_mach_exit(uint64_t code)
{
    register uint64_t reg_o5 __asm__("o5") = HV_FAST_MACH_EXIT;
    register uint64_t reg_o0 __asm__("o0") = code;

    __asm__ __volatile__("ta 0x80"
        : "+r" (reg_o5), "+r" (reg_o0)
        :
        : "o1", "o2", "o3", "o4", "memory");
    for (;;) {
    }
}

/* cpu_state(), see HV_FAST_CPU_STATE */
static __inline__ uint64_t hv_cpu_state(hv_cpuid_t cpu, uint64_t *state)
{
    register uint64_t reg_o5 __asm__("o5") = HV_FAST_CPU_STATE;
    register uint64_t reg_o0 __asm__("o0") = cpu;
    register uint64_t reg_o1 __asm__("o1");

    __asm__ __volatile__("ta 0x80"
        : "+r" (reg_o5), "+r" (reg_o0), "=r" (reg_o1)
        :
        : "o2", "o3", "o4", "memory");
    if (state)
        *state = reg_o1;
    return reg_o0;
}

/* cpu_poke(), see HV_FAST_CPU_POKE */
static __inline__ uint64_t hv_cpu_poke(hv_cpuid_t cpu)
{
    register uint64_t reg_o5 __asm__("o5") = HV_FAST_CPU_POKE;
    register uint64_t reg_o0 __asm__("o0") = cpu;

    __asm__ __volatile__("ta 0x80"
        : "+r" (reg_o5), "+r" (reg_o0)
        :
        : "o1", "o2", "o3", "o4", "memory");
    return reg_o0;
}

/* mmu_map_addr(), see HV_MMU_MAP_ADDR_TRAP */
static __inline__ uint64_t hv_mmu_map_addr(hv_va_t va, hv_ctx_t ctx, hv_tte_t tte, uint64_t flags)
{
    register uint64_t reg_o0 __asm__("o0") = va;
    register uint64_t reg_o1 __asm__("o1") = ctx;
    register uint64_t reg_o2 __asm__("o2") = tte;
    register uint64_t reg_o3 __asm__("o3") = flags;

    __asm__ __volatile__("ta 0x83"
        : "+r" (reg_o0), "+r" (reg_o1), "+r" (reg_o2), "+r" (reg_o3)
        :
        : "memory");
    return reg_o0;
}

#elif defined(__x86_64__) /* x86_64 */

/* api_set_version(), see HV_CORE_API_SET_VERSION */
static __inline__ uint64_t hv_api_set_version(uint64_t group, uint64_t major, uint64_t minor,
                                              uint64_t *actual_minor)
{
    register uint64_t reg_rax __asm__("rax") = HV_CORE_TRAP;
    register uint64_t reg_rcx __asm__("rcx") = HV_CORE_API_SET_VERSION;
    register uint64_t reg_rdi __asm__("rdi") = group;
    register uint64_t reg_rsi __asm__("rsi") = major;
    register uint64_t reg_rdx __asm__("rdx") = minor;

    __asm__ __volatile__("vmmcall"
        : "+r" (reg_rax), "+r" (reg_rcx), "+r" (reg_rdi), "+r" (reg_rsi), "+r" (reg_rdx)
        :
        : "memory");
    if (actual_minor)
        *actual_minor = reg_rsi;
    return reg_rax;
}

/* mach_exit(), see HV_FAST_MACH_EXIT */
static __inline__ __attribute__((noreturn)) void hv_mach_exit(uint64_t code)
{
    register uint64_t reg_rax __asm__("rax") = HV_FAST_TRAP;
    register uint64_t reg_rcx __asm__("rcx") = HV_FAST_MACH_EXIT;
    register uint64_t reg_rdi __asm__("rdi") = code;

    __asm__ __volatile__("vmmcall"
        : "+r" (reg_rax), "+r" (reg_rcx), "+r" (reg_rdi)
        :
        : "rsi", "rdx", "r10", "r8", "r9", "memory");
    for (;;) {
    }
}

/* cpu_state(), see HV_FAST_CPU_STATE */
static __inline__ uint64_t hv_cpu_state(hv_cpuid_t cpu, uint64_t *state)
{
    register uint64_t reg_rax __asm__("rax") = HV_FAST_TRAP;
    register uint64_t reg_rcx __asm__("rcx") = HV_FAST_CPU_STATE;
    register uint64_t reg_rdi __asm__("rdi") = cpu;
    register uint64_t reg_rsi __asm__("rsi");

    __asm__ __volatile__("vmmcall"
        : "+r" (reg_rax), "+r" (reg_rcx), "+r" (reg_rdi), "=r" (reg_rsi)
        :
        : "rdx", "r10", "r8", "r9", "memory");
    if (state)
        *state = reg_rsi;
    return reg_rax;
}

/* cpu_poke(), see HV_FAST_CPU_POKE */
static __inline__ uint64_t hv_cpu_poke(hv_cpuid_t cpu)
{
    register uint64_t reg_rax __asm__("rax") = HV_FAST_TRAP;
    register uint64_t reg_rcx __asm__("rcx") = HV_FAST_CPU_POKE;
    register uint64_t reg_rdi __asm__("rdi") = cpu;

    __asm__ __volatile__("vmmcall"
        : "+r" (reg_rax), "+r" (reg_rcx), "+r" (reg_rdi)
        :
        : "rsi", "rdx", "r10", "r8", "r9", "memory");
    return reg_rax;
}

/* timer_set(), see HV_FAST_TIMER_SET */
static __inline__ uint64_t hv_timer_set(uint64_t deadline)
{
    register uint64_t reg_rax __asm__("rax") = HV_FAST_TRAP;
    register uint64_t reg_rcx __asm__("rcx") = HV_FAST_TIMER_SET;
    register uint64_t reg_rdi __asm__("rdi") = deadline;

    __asm__ __volatile__("vmmcall"
        : "+r" (reg_rax), "+r" (reg_rcx), "+r" (reg_rdi)
        :
        : "rsi", "rdx", "r10", "r8", "r9", "memory");
    return reg_rax;
}

#endif /* architecture */

#endif /* HYPERSTRAND_HV_API_H */
