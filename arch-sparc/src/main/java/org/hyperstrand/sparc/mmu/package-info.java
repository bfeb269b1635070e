/**
 * The sun4v MMU of one strand: instruction and data TLBs tagged with a context, the TSBs the
 * guest registered and the walk the hypervisor does over them on a TLB miss, the domain's
 * permanent mappings, and the MMU faults delivered to the guest with its fault status area.
 * The memory fast path stays in {@code mem.SparcMemory}; this package serves its misses.
 */
package org.hyperstrand.sparc.mmu;
