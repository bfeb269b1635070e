/*
 * badtrap: executes an illegal instruction, to show the runtime's report for an
 * unexpected trap. Expected: the report for tt 0x010 (illegal_instruction) at
 * trap level 1, then mach_exit with status 0x1010 (HV_EXIT_TRAP_BASE + 0x10).
 */
#include <stdio.h>

int main(void)
{
    printf("badtrap: executing an illegal instruction (illtrap), expect trap 0x010\n");
    __asm__ __volatile__("illtrap 0x2a");
    printf("badtrap: still running, the trap was lost\n");
    return 0;
}
