/**
 * Paging: the long-mode page walk with its #PF error codes and accessed/dirty bits
 * ({@link org.hyperstrand.x86.mmu.PageWalker}) and the memory path with its software TLB
 * ({@link org.hyperstrand.x86.mmu.X86Memory}), including the one guest-physical to
 * host-physical step, which under SVM nested paging is the walk of the hypervisor's N_CR3
 * tables ({@link org.hyperstrand.x86.mmu.NestedWalker}).
 */
package org.hyperstrand.x86.mmu;
