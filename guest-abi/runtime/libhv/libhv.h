/*
 * Private interface between libhv's portable parts (printf, strings, exit) and the
 * platform below them: the hypervisor (hv_*.c, for guests) or Linux user mode
 * (runtime/linux-user, used only to test libhv against glibc under qemu).
 */
#ifndef HV_LIBHV_INTERNAL_H
#define HV_LIBHV_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Write all n bytes to the console, however many tries that takes. */
void __hv_platform_write(const char *s, size_t n);

/* Stop: the domain (guest) or the process (Linux), with this status. */
__attribute__((noreturn)) void __hv_platform_exit(int64_t status);

/*
 * Guests only (hv_*.c and the architecture's files), not Linux user mode.
 */

/* api_set_version(group, major, minor); on refusal it says so and stops the domain. */
uint64_t __hv_negotiate(uint64_t group, const char *name, uint64_t major, uint64_t minor);

/* Negotiates the API groups only this architecture's runtime needs; called after core. */
void __hv_arch_negotiate(void);

/* The calling CPU's queue registers (queue: a cpu_queue constant): byte offsets into its ring. */
void __hv_queue_registers(uint64_t queue, uint64_t *head, uint64_t *tail);
void __hv_queue_set_head(uint64_t queue, uint64_t head);

/* Big-endian fields of n bytes, as the LDC link protocol and domain services carry them. */
static inline void __hv_put_be(uint8_t *p, uint64_t v, int n)
{
    for (int i = n - 1; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

static inline uint64_t __hv_get_be(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

#endif
