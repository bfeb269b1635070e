/** Trap types and trap delivery: to the guest, its watchdog, the Java hypervisor, or HTBA in bare mode. */
package org.hyperstrand.sparc.trap;
