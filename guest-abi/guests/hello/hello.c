/*
 * hello: the smallest useful Hyperstrand guest. Prints a greeting, what the boot
 * CPU was told about the domain's memory and a few formatted numbers, then
 * returns 0, which the runtime passes to mach_exit.
 */
#include <stdio.h>

#include <hv/runtime.h>

int main(void)
{
    unsigned long mib = hv_boot_info.mem_size >> 20;

    printf("Hello from a Hyperstrand sparc64 guest!\n");
    printf("memory: %lu MiB at real address %#lx, API group core 1.%lu\n",
           mib, (unsigned long)hv_boot_info.mem_base, (unsigned long)hv_boot_info.core_minor);
    printf("numbers: %d %5d|%-5d| %08x %#lx %s\n", -42, 7, 7, 0xbeefu, 0x100000UL, "done");
    return 0;
}
