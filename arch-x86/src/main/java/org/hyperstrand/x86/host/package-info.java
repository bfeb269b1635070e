/**
 * The Java hypervisor's side of the x86 backend: what KVM's svm.c does for a vCPU — the VMCB it
 * keeps, the nested page tables it builds, the #VMEXIT handlers.
 */
package org.hyperstrand.x86.host;
