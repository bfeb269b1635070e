/**
 * The memory path: address spaces (ASIs) and the software TLBs from the addresses instructions
 * use (real, or virtual through the {@code mmu} package when translation is on) to host memory.
 */
package org.hyperstrand.sparc.mem;
