package org.hyperstrand.x86.host;

/** The hypervisor's handler of one #VMEXIT code (KVM's svm_exit_handlers shape). */
@FunctionalInterface
interface ExitHandler {

    /** Returned to resume the guest. */
    int RESUME = -1;

    /**
     * Handles the exit that is in {@code v}'s VMCB.
     *
     * @return {@link #RESUME}, or a {@code VcpuExit} code that ends the vCPU's run for hv-core
     */
    int handle(X86Vcpu v);
}
