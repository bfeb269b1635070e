/*
 * A Hyperstrand @ARCH@ guest. The runtime's start code (runtime/@ARCH@/crt0.S) sets up
 * a stack and a trap table, negotiates the hypercall API and then calls main on the boot
 * CPU. What main returns is the domain's exit status (mach_exit).
 */
#include <stdio.h>

int main(void)
{
    printf("Hello from a new Hyperstrand @ARCH@ guest.\n");
    /* return explicitly: with -ffreestanding, falling off the end of main returns garbage */
    return 0;
}
