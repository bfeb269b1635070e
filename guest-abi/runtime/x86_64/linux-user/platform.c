/*
 * libhv's platform interface on Linux user mode (x86_64 system calls), for the
 * tests only: guests use libhv/hv_start.c and libhv/hv_console.c instead.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../libhv/libhv.h"

#define SYS_write 1
#define SYS_exit_group 231

int main(void);
__attribute__((noreturn)) void __hv_linux_start(void);

static long linux_syscall3(long nr, long a0, long a1, long a2)
{
    long ret;

    /* the kernel returns -errno in %rax and clobbers %rcx and %r11 */
    __asm__ __volatile__("syscall"
                         : "=a"(ret)
                         : "a"(nr), "D"(a0), "S"(a1), "d"(a2)
                         : "rcx", "r11", "memory");
    return ret;
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
