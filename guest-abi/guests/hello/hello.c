/*
 * hello: the smallest useful Hyperstrand guest. Prints a greeting, what the boot
 * CPU was told about the domain's memory and a few formatted numbers, then
 * returns 0, which the runtime passes to mach_exit.
 */
#include <stdio.h>

#include <hv/runtime.h>

#if defined(__x86_64__)
#define ARCH_NAME "x86_64"
#else
#define ARCH_NAME "sparc64"
#endif

int main(void)
{
    unsigned long mib = hv_boot_info.mem_size >> 20;

    printf("Hello from a Hyperstrand " ARCH_NAME " guest!\n");
    printf("memory: %lu MiB at real address %#lx, API group core 1.%lu\n",
           mib, (unsigned long)hv_boot_info.mem_base, (unsigned long)hv_boot_info.core_minor);
    printf("numbers: %d %5d|%-5d| %08x %#lx %s\n", -42, 7, 7, 0xbeefu, 0x100000UL, "done");
    return 0;
}
