/* stdlib.h for Hyperstrand guests (libhv): process exit and integer helpers. */
#ifndef HV_LIBC_STDLIB_H
#define HV_LIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/* Stop the domain with mach_exit; the status is passed on sign-extended to 64 bits. */
__attribute__((noreturn)) void exit(int status);
/* Print a message and stop the domain with status 134 (128 + SIGABRT, as a shell reports it). */
__attribute__((noreturn)) void abort(void);

int abs(int v);
long labs(long v);
long long llabs(long long v);

#endif
