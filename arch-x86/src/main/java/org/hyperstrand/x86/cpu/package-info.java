/**
 * The CPU: {@link org.hyperstrand.x86.cpu.X86Core} (the VcpuCore, its run loop, boot protocol,
 * hypercall exit and report), {@link org.hyperstrand.x86.cpu.X86State} (architectural state),
 * exception delivery, segmentation, CPUID and MSRs, and the SVM exit codes of the intercept
 * points.
 */
package org.hyperstrand.x86.cpu;
