package org.hyperstrand.tools.demo;

/**
 * One domain of the demo: its name, the prebuilt reference guest it boots (from
 * guest-abi/images/ARCH/), its strands and memory, and what it shows.
 */
record DemoDomain(String name, String arch, String guest, int vcpus, long memory, String shows) {

    /** The side-by-side default: SMP on both, and a SPARC domain pinging an x86 one over LDC. */
    static final java.util.List<DemoDomain> DEFAULT = java.util.List.of(
            new DemoDomain("sparc-smp", "sparc64", "smp", 4, 64L << 20,
                    "starts its CPUs with cpu_start and collects a mondo from each"),
            new DemoDomain("x86-smp", "x86_64", "smp", 4, 64L << 20,
                    "the same C program under AMD-V: cpu_start, mondos as virtual interrupts"),
            new DemoDomain("sparc-ping", "sparc64", "ldcping", 1, 32L << 20,
                    "pings x86-pong over a logical domain channel"),
            new DemoDomain("x86-pong", "x86_64", "ldcping", 1, 32L << 20,
                    "answers sparc-ping over the same channel"));
}
