/* Entry point of the gcc workload image: a stack below 512 KiB, compute(), result in %rax, hlt. */
    .text
    .globl _start
_start:
    mov $0x80000, %rsp
    call compute
    hlt

    .section .note.GNU-stack,"",@progbits
