package org.hyperstrand.core.spi;

import org.hyperstrand.core.hcall.HcallFrame;

/**
 * One virtual CPU's processor model. The core's run loop calls {@link #run} with an
 * instruction budget; the model runs guest code until it needs the hypervisor or the budget is
 * spent, and says why with a {@link VcpuExit} code. Architecture-internal work (a TLB refill
 * from the guest's TSBs, a trap the guest handles itself) never leaves the model.
 */
public interface VcpuCore {

    /**
     * Runs until an exit; retires at most about {@code budget} instructions.
     *
     * @return a {@link VcpuExit} code
     */
    int run(long budget);

    /** Instructions retired since the CPU was created. */
    long retired();

    /** The argument and result registers of the hypercall of the last HYPERCALL exit. */
    HcallFrame frame();

    /** {@link VcpuExit#KIND_FAST}, {@code KIND_HYPERFAST} or {@code KIND_CORE} of the last HYPERCALL exit. */
    int hypercallKind();

    /** The function number (fast, core) or trap number (hyper-fast) of the last HYPERCALL exit. */
    long hypercallNumber();

    /**
     * Finishes the hypercall of the last HYPERCALL exit: status and the frame's results go to
     * the binding's registers and the guest resumes after its trap instruction.
     */
    void completeHypercall(long status);

    /**
     * Puts the CPU in its architectural start state for the boot protocol, at {@code pc} (a real
     * address; the MMU is off) with {@code arg} in the first argument register.
     */
    void start(long pc, long arg);

    /** A human-readable dump for the domain report: registers, trap state, recent instructions. */
    String report();
}
