/*
 * libhv's platform interface on Linux user mode (sparc64 or x86_64 system calls), for the
 * tests only: guests use libhv/hv_start.c and libhv/hv_console.c instead.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../libhv/libhv.h"

#if defined(__sparc__)
#define SYS_exit_group 188
#define SYS_write 4
#elif defined(__x86_64__)
#define SYS_write 1
#define SYS_exit_group 231
#else
#error "no Linux system calls for this architecture"
#endif

int main(void);
__attribute__((noreturn)) void __hv_linux_start(void);

static long linux_syscall3(long nr, long a0, long a1, long a2)
{
#if defined(__sparc__)
    register long g1 __asm__("g1") = nr;
    register long o0 __asm__("o0") = a0;
    register long o1 __asm__("o1") = a1;
    register long o2 __asm__("o2") = a2;

    /* on error the kernel sets the carry flag and returns a positive errno */
    __asm__ __volatile__("ta 0x6d\n\t"
                         "bcs,a,pn %%xcc, 1f\n\t"
                         " sub %%g0, %%o0, %%o0\n"
                         "1:"
                         : "+r"(g1), "+r"(o0), "+r"(o1), "+r"(o2)
                         :
                         : "o3", "o4", "o5", "cc", "memory");
    return o0;
#else
    long ret;

    /* the kernel returns -errno in %rax and clobbers %rcx and %r11 */
    __asm__ __volatile__("syscall"
                         : "=a"(ret)
                         : "a"(nr), "D"(a0), "S"(a1), "d"(a2)
                         : "rcx", "r11", "memory");
    return ret;
#endif
}

void __hv_platform_write(const char *s, size_t n)
{
    while (n > 0) {
        long r = linux_syscall3(SYS_write, 1, (long)s, (long)n);
        if (r == -4)      /* EINTR */
            continue;
        if (r <= 0)
            return;
        s += r;
        n -= (size_t)r;
    }
}

void __hv_platform_exit(int64_t status)
{
    for (;;)
        linux_syscall3(SYS_exit_group, (long)status, 0, 0);
}

void __hv_linux_start(void)
{
    exit(main());
}
