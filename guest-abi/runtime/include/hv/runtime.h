/*
 * hv/runtime.h: what the Hyperstrand guest runtime (crt0 + libhv) offers beyond
 * the C library subset, and the exit statuses it uses.
 *
 * Usable from assembler: only the #defines are visible there.
 */
#ifndef HV_RUNTIME_H
#define HV_RUNTIME_H

/* Exit statuses the runtime itself passes to mach_exit / api_exit. */
#define HV_EXIT_NEGOTIATION_FAILED 1      /* api_set_version refused sun4v 1.0 or core 1.x */
#define HV_EXIT_ABORT              134    /* abort(): 128 + SIGABRT, as a shell would report it */
#define HV_EXIT_TRAP_BASE          0x1000 /* unexpected trap: 0x1000 + trap type (sparc64, 0x1000..0x11ff)
                                           * or + exception vector (x86_64, 0x1000..0x101f) */
#define HV_EXIT_DOUBLE_TRAP        0x1200 /* a trap while the runtime was reporting a trap */
#define HV_EXIT_NO_RETURN          0x1201 /* the start code came back from where it never should */

#ifndef __ASSEMBLER__

#include <stddef.h>
#include <stdint.h>

/* What the boot CPU was handed at entry, and what the runtime negotiated. */
struct hv_boot_info {
    uint64_t start_arg;  /* %o0 (sparc64) or %rdi (x86_64) at entry: 0 on the boot CPU */
    uint64_t mem_base;   /* %i0 or %rsi at entry: real address of the domain's memory block */
    uint64_t mem_size;   /* %i1 or %rdx at entry: its size in bytes */
    uint64_t core_minor; /* minor version of API group core granted (major is 1) */
    uint64_t core_ready; /* non-zero once sun4v and core are negotiated */
};

extern struct hv_boot_info hv_boot_info;

/*
 * Write n bytes to the console: cons_write when core 1.1 was granted, otherwise
 * cons_putchar, retrying while the console answers EWOULDBLOCK. Bytes go out as
 * they are; "\n" is not turned into "\r\n". Buffers are passed to the hypervisor
 * by address, which assumes virtual address == real address (sparc64: MMU off;
 * x86_64: the boot page tables' identity map).
 */
void hv_console_write(const char *s, size_t n);

/*
 * Console input (cons_getchar): the next byte typed for the guest (0..255), a break
 * (-1, CONS_BREAK) or a hang-up (-2, CONS_HUP), or HV_CONSOLE_NONE at once when
 * nothing is there. Typed input does not wake a CPU waiting in cpu_yield: poll it,
 * from a timer interrupt (hv/timer.h) for instance.
 */
#define HV_CONSOLE_NONE (-1000)
int hv_console_getc(void);

/*
 * Console output that needs nothing but the core trap: usable before API
 * negotiation and from the trap report. Hex is printed with "0x" and exactly
 * `digits` digits.
 */
void hv_early_write(const char *s);
void hv_early_dec(uint64_t v);
void hv_early_hex(uint64_t v, int digits);

#endif /* !__ASSEMBLER__ */

#endif
