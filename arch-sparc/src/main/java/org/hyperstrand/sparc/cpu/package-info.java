/**
 * The strand: {@link org.hyperstrand.sparc.cpu.SparcCore} (the VcpuCore, its run loop, boot
 * protocol and report) and {@link org.hyperstrand.sparc.cpu.SparcState} (architectural state).
 */
package org.hyperstrand.sparc.cpu;
