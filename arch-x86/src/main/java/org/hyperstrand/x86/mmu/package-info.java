/**
 * Paging: the long-mode page walk with its #PF error codes and accessed/dirty bits
 * ({@link org.hyperstrand.x86.mmu.PageWalker}) and the memory path with its software TLB
 * ({@link org.hyperstrand.x86.mmu.X86Memory}), including the one guest-physical to
 * host-physical step that nested paging will take over.
 */
package org.hyperstrand.x86.mmu;
