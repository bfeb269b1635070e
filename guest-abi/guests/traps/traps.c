/*
 * traps: C trap handlers registered with the runtime's hv/sparc64.h.
 *
 *  - `ta 0x10` as a system call: the function number and arguments come in the
 *    interrupted code's %o0..%o2, the result goes back in %o0, and the handler
 *    returns HV_SPARC_TRAP_DONE to go on after the trap instruction;
 *  - the same `ta 0x10` on a second CPU (run with --vcpus 2), which reports the
 *    result with a cpu mondo: the handlers serve every CPU;
 *  - `ta 0x12`, whose handler prints (C that uses every scratch register), taken
 *    by registers.S, which checks that its globals, outs, Y and condition codes
 *    survive;
 *  - mem_address_not_aligned: the handler decodes the ldx at tpc and emulates it
 *    from the frame's registers;
 *  - illegal_instruction: skipped;
 *  - `ta 0x11`, whose handler recurses deep enough for spill and fill traps and
 *    at the bottom takes `ta 0x10` itself: handlers run at TL 0 and may trap;
 *  - the types the runtime keeps refused, a handler given back;
 *  - `ta 0x13`, whose handler gives up: the runtime's report, then exit status
 *    0x1113 (hv run shows its low 8 bits, 0x13).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <hyperstrand/hv_api.h>
#include <hv/md.h>
#include <hv/smp.h>
#include <hv/sparc64.h>

#define SYS_ADD 1
#define SYS_MUL 2

extern const char traps_illtrap_at[];
int traps_registers_survive(void);

static uint64_t illtrap_tpc;

/* ta 0x10: %o0 = function, %o1 and %o2 its arguments; the result in %o0. */
static uint64_t sys(uint64_t fn, uint64_t a, uint64_t b)
{
    register uint64_t o0 __asm__("o0") = fn;
    register uint64_t o1 __asm__("o1") = a;
    register uint64_t o2 __asm__("o2") = b;
    __asm__ __volatile__("ta 0x10" : "+r"(o0) : "r"(o1), "r"(o2) : "memory");
    return o0;
}

static int system_call(struct hv_sparc_trap_frame *f)
{
    switch (f->o[0]) {
    case SYS_ADD: f->o[0] = f->o[1] + f->o[2]; break;
    case SYS_MUL: f->o[0] = f->o[1] * f->o[2]; break;
    default: return HV_SPARC_TRAP_FATAL;
    }
    return HV_SPARC_TRAP_DONE;
}

/* On the second CPU: the system call there, and its result back to CPU 0 in a mondo. */
static void other_cpu(void *arg)
{
    uint64_t id = (uint64_t)(uintptr_t)arg;
    uint64_t mondo[8] = { id, sys(SYS_MUL, id, 100), 0, 0, 0, 0, 0, 0 };
    hv_mondo_send(0, mondo);
}

/* Starts the first CPU other than this one (CPU 0) on other_cpu and waits for its mondo. */
static void system_call_elsewhere(void)
{
    uint64_t ids[HV_SMP_MAX_CPUS], m[8];
    int n = hv_md_cpu_ids(ids, HV_SMP_MAX_CPUS);
    int i = 0;

    while (i < n && ids[i] == 0)
        i++;
    if (i == n || hv_mondo_queue_init(HV_SMP_MAX_QUEUE) != HV_EOK
        || hv_smp_start(ids[i], other_cpu, (void *)(uintptr_t)ids[i]) != HV_EOK) {
        printf("no second cpu to take ta 0x10 (run with --vcpus 2)\n");
        return;
    }
    hv_mondo_wait(m);
    printf("cpu %lu took ta 0x10 as well: mul(%lu, 100) = %lu\n", (unsigned long)m[0], (unsigned long)m[0],
           (unsigned long)m[1]);
}

static int print_line(struct hv_sparc_trap_frame *f)
{
    printf("registers across ta 0x%02lx, whose handler prints this line\n", (unsigned long)(f->tt - 0x100));
    return HV_SPARC_TRAP_DONE;
}

/* The frame holds the interrupted code's globals and outs: registers 0..15. */
static int frame_register(struct hv_sparc_trap_frame *f, unsigned r, uint64_t **where)
{
    static uint64_t zero;
    if (r >= 16)
        return -1;
    *where = r == 0 ? &zero : r < 8 ? &f->g[r] : &f->o[r - 8];
    return 0;
}

/* Emulates `ldx [rs1 + rs2|simm13], rd` (format 3, op3 0x0b) with a misaligned address, big-endian. */
static int unaligned_ldx(struct hv_sparc_trap_frame *f)
{
    uint32_t insn = *(const uint32_t *)(uintptr_t)f->tpc;
    uint64_t *rd, *rs1, *rs2;

    if (insn >> 30 != 3 || (insn >> 19 & 0x3f) != 0x0b || frame_register(f, insn >> 25 & 31, &rd) != 0
        || frame_register(f, insn >> 14 & 31, &rs1) != 0
        || (!(insn & 0x2000) && frame_register(f, insn & 31, &rs2) != 0))
        return HV_SPARC_TRAP_FATAL;
    int64_t simm13 = (int64_t)((uint64_t)(insn & 0x1fff) << 51) >> 51;
    const uint8_t *p = (const uint8_t *)(uintptr_t)(*rs1 + (insn & 0x2000 ? (uint64_t)simm13 : *rs2));
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    if (rd != &f->g[0])
        *rd = v;
    return HV_SPARC_TRAP_DONE;
}

static int skip_illegal(struct hv_sparc_trap_frame *f)
{
    illtrap_tpc = f->tpc;
    return HV_SPARC_TRAP_DONE;
}

/* Deep enough for the register windows to spill and fill while the handler runs. */
static __attribute__((noinline)) uint64_t deep(int n)
{
    volatile uint64_t r = n == 0 ? sys(SYS_ADD, 30, 12) : deep(n - 1);
    return r;
}

static int nested(struct hv_sparc_trap_frame *f)
{
    f->o[0] = deep((int)f->o[0]);
    return HV_SPARC_TRAP_DONE;
}

static int give_up(struct hv_sparc_trap_frame *f)
{
    (void)f;
    return HV_SPARC_TRAP_FATAL;
}

static const char *yes(int ok)
{
    return ok ? "yes" : "NO";
}

int main(void)
{
    printf("traps: C handlers for sparc64 traps (hv/sparc64.h)\n");

    hv_sparc_trap_set(HV_SPARC_TT_TRAP_INSTRUCTION(0x10), system_call);
    printf("ta 0x10, a system call: add(30, 12) = %lu, mul(6, 7) = %lu\n", (unsigned long)sys(SYS_ADD, 30, 12),
           (unsigned long)sys(SYS_MUL, 6, 7));
    system_call_elsewhere();

    hv_sparc_trap_set(HV_SPARC_TT_TRAP_INSTRUCTION(0x12), print_line);
    int survived = traps_registers_survive();
    printf("the interrupted code's globals, outs, Y and condition codes survived: %s\n", yes(survived));

    static const uint8_t bytes[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
    hv_sparc_trap_set(HV_SPARC_TT_MEM_ADDRESS_NOT_ALIGNED, unaligned_ldx);
    register const uint8_t *address __asm__("o1") = bytes + 3;
    register uint64_t loaded __asm__("o2");
    __asm__ __volatile__("ldx [%1 + 0], %0" : "=r"(loaded) : "r"(address) : "memory");
    printf("unaligned ldx at offset 3, emulated by the handler: 0x%016lx\n", (unsigned long)loaded);

    hv_sparc_trap_set(HV_SPARC_TT_ILLEGAL_INSTRUCTION, skip_illegal);
    __asm__ __volatile__(".globl traps_illtrap_at\ntraps_illtrap_at:\n\tilltrap 0x2a" ::: "memory");
    printf("illtrap 0x2a skipped by its handler, which saw it at tpc: %s\n",
           yes(illtrap_tpc == (uint64_t)(uintptr_t)traps_illtrap_at));

    hv_sparc_trap_set(HV_SPARC_TT_TRAP_INSTRUCTION(0x11), nested);
    register uint64_t depth __asm__("o0") = 40;
    __asm__ __volatile__("ta 0x11" : "+r"(depth) : : "memory");
    printf("ta 0x11's handler, 40 calls deep, took ta 0x10 itself: %lu\n", (unsigned long)depth);

    hv_sparc_trap_handler h = give_up;
    printf("refused: clean_window %s, interrupt_level_14 %s, spill_0_normal %s, ta 0x80 %s, tt 0 %s\n",
           yes(hv_sparc_trap_set(0x024, h) == -1), yes(hv_sparc_trap_set(HV_SPARC_TT_INTERRUPT_LEVEL(14), h) == -1),
           yes(hv_sparc_trap_set(0x080, h) == -1), yes(hv_sparc_trap_set(0x180, h) == -1),
           yes(hv_sparc_trap_set(0, h) == -1));

    hv_sparc_trap_set(HV_SPARC_TT_TRAP_INSTRUCTION(0x10), NULL);
    printf("ta 0x10 given back to the runtime: %s\n", yes(hv_sparc_trap_get(HV_SPARC_TT_TRAP_INSTRUCTION(0x10)) == NULL));

    hv_sparc_trap_set(HV_SPARC_TT_TRAP_INSTRUCTION(0x13), give_up);
    printf("ta 0x13, whose handler gives up:\n");
    __asm__ __volatile__("ta 0x13" ::: "memory");
    printf("traps: still running after ta 0x13\n");
    return 0;
}
