package org.hyperstrand.x86.cpu;

/**
 * Thrown by the execution and memory code to abandon the current instruction when it raises an
 * exception. It carries nothing: the vector, error code and faulting address are in
 * {@link X86State} ({@link X86State#faultVector} and friends) before it is thrown, and the run
 * loop delivers the exception through the guest's IDT. Every instruction commits its
 * architectural effects only after the last access that can fault, so abandoning it leaves
 * the state as it was before the instruction (string instructions commit per iteration and
 * are restartable, as on hardware).
 *
 * <p>One shared instance without a stack trace: throwing it allocates nothing.
 */
public final class X86Fault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final X86Fault INSTANCE = new X86Fault();

    private X86Fault() {
        super("guest exception", null, false, false);
    }
}
