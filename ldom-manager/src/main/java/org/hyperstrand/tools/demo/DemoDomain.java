package org.hyperstrand.tools.demo;

import java.util.List;
import java.util.Map;

/**
 * One domain of the demo: its name, the prebuilt reference guest it boots (from
 * guest-abi/images/ARCH/), its strands and memory, and what it shows.
 */
record DemoDomain(String name, String arch, String guest, int vcpus, long memory, String shows) {

    /** The guest at either end of the demo's channel. */
    static final String PING_GUEST = "ldcping";
    /** The guest that shares memory over a channel: one end exports pages, the other copies. */
    static final String SHARE_GUEST = "ldcshare";
    /** Guests that run in pairs joined by a channel, and the port names of the first and second end. */
    static final Map<String, List<String>> PAIRED = Map.of(
            PING_GUEST, List.of("ping", "pong"),
            SHARE_GUEST, List.of("export", "import"));
    /** The guest that takes part in dynamic reconfiguration; it runs until the demo asks it to power off. */
    static final String DR_GUEST = "dr";

    /** SMP on both, a SPARC domain pinging an x86 one over LDC, and a live strand change on each. */
    static final List<DemoDomain> DEFAULT = List.of(
            new DemoDomain("sparc-smp", "sparc64", "smp", 4, 64L << 20,
                    "starts its CPUs with cpu_start and collects a mondo from each"),
            new DemoDomain("x86-smp", "x86_64", "smp", 4, 64L << 20,
                    "the same C program under AMD-V: cpu_start, mondos as virtual interrupts"),
            new DemoDomain("sparc-ping", "sparc64", PING_GUEST, 1, 32L << 20,
                    "pings x86-pong over a logical domain channel"),
            new DemoDomain("x86-pong", "x86_64", PING_GUEST, 1, 32L << 20,
                    "answers sparc-ping over the same channel"),
            new DemoDomain("sparc-dr", "sparc64", DR_GUEST, 1, 32L << 20,
                    "gains two strands while it runs and gives one back (dr-cpu)"),
            new DemoDomain("x86-dr", "x86_64", DR_GUEST, 1, 32L << 20,
                    "the same, through VMMCALL and virtual interrupts"));

    boolean takesPartInDr() {
        return guest.equals(DR_GUEST);
    }
}
