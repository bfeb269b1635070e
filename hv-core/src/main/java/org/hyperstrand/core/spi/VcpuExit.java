package org.hyperstrand.core.spi;

/** Why {@link VcpuCore#run} returned. Plain ints: the run loop allocates nothing. */
public final class VcpuExit {

    /** The instruction budget is used up; run again when the strand's turn comes. */
    public static final int BUDGET = 0;
    /** The guest made a hypercall: the frame holds the arguments (see {@link VcpuCore#hypercallKind}). */
    public static final int HYPERCALL = 1;
    /** The guest waits for an interrupt (x86 HLT); park it until one is pending. */
    public static final int HALT = 2;
    /** The CPU cannot go on (RED state, watchdog, unimplemented instruction): see {@link VcpuCore#report}. */
    public static final int FATAL = 3;

    /** Hypercall kinds, as the spec's call kinds. */
    public static final int KIND_FAST = 0;
    public static final int KIND_HYPERFAST = 1;
    public static final int KIND_CORE = 2;

    private VcpuExit() {
    }
}
