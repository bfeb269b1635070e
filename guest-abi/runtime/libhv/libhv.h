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

#endif
