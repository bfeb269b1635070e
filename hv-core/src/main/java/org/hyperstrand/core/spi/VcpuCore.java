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

    /**
     * Starts the CPU for cpu_start: as {@link #start}, but with the trap base the caller gave
     * (sun4v: the real trap base, which becomes RTBA and TBA). An architecture that uses the
     * trap base checks it first and returns the spec's status for a bad one (EBADALIGN,
     * ENORADDR) without starting; one that has no trap base ignores it (the default).
     *
     * @return HvErrors.EOK when the CPU was started
     */
    default long startAt(long pc, long arg, long trapBase) {
        start(pc, arg);
        return org.hyperstrand.core.hcall.api.HvErrors.EOK;
    }

    /** A human-readable dump for the domain report: registers, trap state, recent instructions. */
    String report();

    // ---- interrupts -----------------------------------------------------------------------

    /**
     * The head register of interrupt queue {@code queue} (0 cpu mondo, 1 device mondo,
     * 2 resumable error, 3 non-resumable error): a byte offset the guest advances as it
     * consumes entries (sun4v API reference section 7).
     */
    long queueHead(int queue);

    /** The tail register of {@code queue}: a byte offset only the hypervisor advances. */
    long queueTail(int queue);

    /**
     * Sets both registers, as cpu_qconf does (to 0) and as the hypervisor does when it adds an
     * entry (the tail); the model then raises the queue's interrupt while head and tail differ.
     */
    void setQueueRegisters(int queue, long head, long tail);

    /**
     * cpu_qconf has (re)configured {@code queue} with a ring of {@code entries} 64-byte entries
     * (0: removed): both registers go to 0. A model that checks the offsets a guest writes
     * (x86_64's queue_set_head) keeps the ring size from here.
     */
    default void resetQueue(int queue, long entries) {
        setQueueRegisters(queue, 0, 0);
    }

    /**
     * True if something pending should end a wait (cpu_yield, HLT): a non-empty queue or a timer
     * or software interrupt the guest would take if it enabled interrupts. Timers that have come
     * due by virtual time {@code now} count.
     */
    boolean interruptPending(long now);

    /** Virtual time at which this CPU's earliest armed timer fires, or {@code Long.MAX_VALUE}. */
    long nextTimerEvent();

    /**
     * Optional: the hypervisor wrote host physical memory [pa, pa+len) on the guest's behalf,
     * so a model that caches decoded instructions drops what it cached for those bytes.
     */
    default void memoryWritten(long pa, long len) {
    }

    /**
     * Optional: the model's own counters for reports (TLB misses, TSB hits...), by name, in a
     * stable order. Called rarely; may allocate.
     */
    default java.util.Map<String, Long> counters() {
        return java.util.Map.of();
    }
}
