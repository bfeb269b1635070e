/*
 * badtrap: executes an illegal instruction, to show the runtime's report for an
 * unexpected trap. Expected on sparc64: the report for tt 0x010
 * (illegal_instruction) at trap level 1, then mach_exit with status 0x1010
 * (HV_EXIT_TRAP_BASE + 0x10). On x86_64 the instruction is ud2: the report for
 * exception 0x06 (#UD), then mach_exit with status 0x1006.
 */
#include <stdio.h>

int main(void)
{
#if defined(__x86_64__)
    printf("badtrap: executing an undefined instruction (ud2), expect exception 0x06\n");
    __asm__ __volatile__("ud2");
#else
    printf("badtrap: executing an illegal instruction (illtrap), expect trap 0x010\n");
    __asm__ __volatile__("illtrap 0x2a");
#endif
    printf("badtrap: still running, the trap was lost\n");
    return 0;
}
