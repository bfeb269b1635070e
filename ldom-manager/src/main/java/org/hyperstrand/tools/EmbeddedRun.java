package org.hyperstrand.tools;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.hyperstrand.core.boot.ElfImage;
import org.hyperstrand.core.boot.ImageException;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.DomainState;
import org.hyperstrand.core.machine.DomainDescriptions;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.sched.Scheduler;
import org.hyperstrand.core.spi.ArchBackend;

/**
 * One guest run in a fresh machine of its own, as {@code hv bench} times it: the machine is
 * built and the image loaded first, and only the scheduler's run is on the clock.
 *
 * @param retired     guest instructions retired
 * @param nanos       host wall time of the run, in nanoseconds
 * @param state       how the domain ended (EXITED, FAILED, or RUNNING when out of instructions)
 * @param exitStatus  the guest's mach_exit status when it EXITED
 * @param console     what the guest wrote to its console, one char per byte
 * @param report      the failure report when it FAILED, else empty
 * @param counters    the boot CPU's model counters after the run ({@code VcpuCore.counters()})
 */
record EmbeddedRun(long retired, long nanos, DomainState state, long exitStatus, String console, String report,
                   Map<String, Long> counters) {

    /** Domain memory for benchmark runs, as {@code hv run}'s default. */
    static final long MEMORY = 64L << 20;

    /** A guest that exited with status 0. */
    boolean ok() {
        return state == DomainState.EXITED && exitStatus == 0;
    }

    /** "exited with status 0x7", "failed: ...", or "still running after N instructions". */
    String outcome() {
        return switch (state) {
            case EXITED -> "exited with status 0x" + Long.toHexString(exitStatus);
            case FAILED -> "failed:\n" + report;
            default -> "still running after " + retired + " instructions";
        };
    }

    /** Boots {@code elf} on {@code backend} and runs it to the end or {@code maxInstructions}. */
    static EmbeddedRun image(ArchBackend backend, ElfImage elf, long maxInstructions) throws ImageException {
        Machine machine = new Machine(MachineConfig.defaults());
        Domain domain = newDomain(machine, backend);
        elf.load(machine.memory(), domain.realMemory());
        return run(machine, domain, elf.entry(), maxInstructions);
    }

    /** The domain's memory by real address, big-endian, for setting up a program's data before it runs. */
    interface RealMemory {
        void write64(long ra, long value);

        void write32(long ra, int value);

        void write16(long ra, int value);
    }

    /** Loads big-endian instruction words at {@code origin} (a real address) and runs them. */
    static EmbeddedRun words(ArchBackend backend, int[] words, long origin, long maxInstructions) {
        return words(backend, words, origin, m -> { }, maxInstructions);
    }

    /** The same, after {@code setup} has written the program's data. */
    static EmbeddedRun words(ArchBackend backend, int[] words, long origin, Consumer<RealMemory> setup,
                             long maxInstructions) {
        ByteBuffer code = ByteBuffer.allocate(4 * words.length).order(ByteOrder.BIG_ENDIAN);
        code.asIntBuffer().put(words);
        return code(backend, code.array(), origin, setup, maxInstructions);
    }

    /** Loads machine code at {@code origin} (a real address) and runs it. */
    static EmbeddedRun code(ArchBackend backend, byte[] code, long origin, long maxInstructions) {
        return code(backend, code, origin, m -> { }, maxInstructions);
    }

    /** The same, after {@code setup} has written the program's data. */
    static EmbeddedRun code(ArchBackend backend, byte[] code, long origin, Consumer<RealMemory> setup,
                            long maxInstructions) {
        Machine machine = new Machine(MachineConfig.defaults());
        Domain domain = newDomain(machine, backend);
        PhysicalMemory memory = machine.memory();
        RealMemoryMap map = domain.realMemory();
        setup.accept(new RealMemory() {
            @Override
            public void write64(long ra, long value) {
                memory.write64BE(map.toPhysical(ra, 8), value);
            }

            @Override
            public void write32(long ra, int value) {
                memory.write32BE(map.toPhysical(ra, 4), value);
            }

            @Override
            public void write16(long ra, int value) {
                memory.write16BE(map.toPhysical(ra, 2), value);
            }
        });
        memory.write(map.toPhysical(origin, code.length), code, 0, code.length);
        return run(machine, domain, origin, maxInstructions);
    }

    private static Domain newDomain(Machine machine, ArchBackend backend) {
        return machine.createDomain("bench", backend, MEMORY, 1, DomainDescriptions.standard(machine));
    }

    private static EmbeddedRun run(Machine machine, Domain domain, long entry, long maxInstructions) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        domain.console().attach(console::write);
        domain.boot(entry);
        Scheduler scheduler = new Scheduler(machine);
        long start = System.nanoTime();
        long retired = scheduler.run(maxInstructions);
        long nanos = System.nanoTime() - start;
        return new EmbeddedRun(retired, nanos, domain.state(), domain.exitStatus(),
                console.toString(StandardCharsets.ISO_8859_1), domain.failureReport(),
                Map.copyOf(domain.vcpus().get(0).core().counters()));
    }
}
