/** The memory path: address spaces (ASIs) and the software TLBs from real addresses to host memory. */
package org.hyperstrand.sparc.mem;
