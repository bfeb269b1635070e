/*
 * Exception handlers of the guest's own in crt0's IDT (hv/x86_64.h).
 */
#include <stdint.h>

#include <hv/x86_64.h>

#include "x86_64.h"

/* guest.ld: crt0's IDT, 256 gates of 16 bytes */
extern uint64_t __hv_idt[X86_IDT_VECTORS * 2];
extern char __hv_exception_stubs[];

void hv_x86_idt_set(unsigned vector, void (*entry)(void))
{
    uint64_t offset = (uint64_t)(uintptr_t)entry;
    uint64_t *gate = &__hv_idt[(vector & (X86_IDT_VECTORS - 1)) * 2];

    /* AMD64 APM vol. 2, 4.8.4: offset 15:0, selector, IST/type, offset 31:16; then offset 63:32 */
    gate[0] = (offset & 0xffff) | ((uint64_t)X86_SEL_KERNEL_CODE << 16) | ((uint64_t)X86_GATE_INTERRUPT << 40)
              | ((offset >> 16 & 0xffff) << 48);
    gate[1] = offset >> 32;
}

void (*hv_x86_exception_stub(unsigned vector))(void)
{
    return (void (*)(void))(uintptr_t)(__hv_exception_stubs + (vector & (X86_EXCEPTIONS - 1)) * X86_STUB_SIZE);
}
