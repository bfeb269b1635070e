/*
 * hv/x86_64.h: what the Hyperstrand guest runtime offers x86_64 guests only.
 */
#ifndef HV_X86_64_H
#define HV_X86_64_H

#include <stdint.h>

#ifndef __x86_64__
#error "hv/x86_64.h is for x86_64 guests"
#endif

/*
 * GPA of the 16 KiB the hypervisor keeps at the top of the domain's memory (%rcx
 * at entry): the GDT, the boot page tables (PML4, PDPT) and a spare page, on
 * which every CPU starts. The guest must not write there; its own memory is what
 * lies below, hv_boot_info.mem_size - 16 KiB from hv_boot_info.mem_base.
 */
extern uint64_t hv_x86_reserved_area;

#endif
