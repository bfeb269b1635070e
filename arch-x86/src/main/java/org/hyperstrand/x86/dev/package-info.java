/**
 * Device models the x86 hypervisor emulates behind I/O and MMIO exits.
 *
 * <p>{@link org.hyperstrand.x86.dev.Uart16550} is the 16550A serial port the hypervisor puts at
 * COM1 (I/O ports 0x3F8 to 0x3FF), connected to the domain's console.
 */
package org.hyperstrand.x86.dev;
