package org.hyperstrand.tools;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hyperstrand.core.boot.ElfImage;
import org.hyperstrand.core.boot.ImageException;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.ldc.EchoService;
import org.hyperstrand.core.machine.DomainDescriptions;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.core.md.ChannelSpec;
import org.hyperstrand.core.sched.ParallelScheduler;
import org.hyperstrand.core.sched.Scheduler;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.Backends;
import org.hyperstrand.core.trace.TraceLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hv run IMAGE}: boots one domain from an ELF image, shows its console on stdout and
 * exits with the guest's exit status (its low 8 bits).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Boot one domain from an ELF image; its console goes to stdout.",
        footer = {"", "Exit status: the guest's (low 8 bits); 2 for a bad image or option; "
                + "3 when the domain failed (its report goes to stderr); 4 when --max-instructions ran out."})
final class RunCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;
    static final int DOMAIN_FAILED = 3;
    static final int OUT_OF_INSTRUCTIONS = 4;

    @Spec
    CommandSpec self;

    /** Where the guest's console bytes go, unchanged (no character set conversion). */
    private final OutputStream consoleOut;

    /** What is typed for the guest: standard input on the command line, nothing (hung up) in tests. */
    private final InputStream consoleIn;

    RunCommand() {
        this(System.out, System.in);
    }

    RunCommand(OutputStream consoleOut) {
        this(consoleOut, InputStream.nullInputStream());
    }

    RunCommand(OutputStream consoleOut, InputStream consoleIn) {
        this.consoleOut = consoleOut;
        this.consoleIn = consoleIn;
    }

    @Parameters(index = "0", paramLabel = "IMAGE", description = "ELF64 guest image; its machine picks the architecture")
    Path image;

    @Option(names = "--vcpus", paramLabel = "N", defaultValue = "1", description = "virtual CPUs (default: 1)")
    int vcpus;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "64M", converter = Sizes.class,
            description = "memory, a multiple of 4M (default: 64M)")
    long memory;

    @Option(names = "--parallel", paramLabel = "THREADS", defaultValue = "0",
            description = "run the CPUs on this many host threads (default: 0, the deterministic scheduler)")
    int parallel;

    @Option(names = "--stats", description = "print each CPU's counters to stderr when the domain ends")
    boolean stats;

    @Option(names = "--trace",
            description = "print each hypercall and each exit the backend serves to stderr as it happens, "
                    + "decoded with the spec's names, and the backend's counters at the end")
    boolean trace;

    @Option(names = "--max-instructions", paramLabel = "N", defaultValue = "" + Long.MAX_VALUE,
            description = "stop after this many guest instructions (default: no limit)")
    long maxInstructions;

    @Option(names = "--ldc-echo",
            description = "give the domain a channel to an echo service (virtual-device-port \"echo\"), "
                    + "which sends back every message it receives")
    boolean ldcEcho;

    @Override
    public Integer call() {
        PrintWriter err = self.commandLine().getErr();
        MachineConfig config = MachineConfig.defaults();
        Optional<String> problem = checkOptions(config);
        if (problem.isPresent()) {
            err.println("hv run: " + problem.get());
            return BAD_INPUT;
        }
        ElfImage elf;
        try {
            elf = ElfImage.parse(image.toString(), Files.readAllBytes(image));
        } catch (NoSuchFileException e) {
            err.println("hv run: " + image + ": no such file");
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("hv run: " + image + ": cannot read: " + e.getMessage());
            return BAD_INPUT;
        } catch (ImageException e) {
            err.println("hv run: " + e.getMessage());
            return BAD_INPUT;
        }
        Backends backends = Backends.load();
        Optional<ArchBackend> backend = backends.forElfMachine(elf.machine());
        if (backend.isEmpty()) {
            err.println("hv run: " + image + ": no backend runs ELF machine " + elf.machine() + " (backends: "
                    + backends.names() + ")");
            return BAD_INPUT;
        }
        if (elf.byteOrder() != backend.get().byteOrder()) {
            err.println("hv run: " + image + ": byte order " + elf.byteOrder() + " does not match "
                    + backend.get().binding());
            return BAD_INPUT;
        }
        Machine machine = new Machine(config);
        Domain domain = machine.createDomain("primary", backend.get(), memory, vcpus,
                DomainDescriptions.standard(machine));
        if (ldcEcho) {
            machine.channels().attach(domain, ChannelSpec.Port.VIRTUAL_DEVICE, EchoService.PORT_NAME,
                    EchoService.create());
        }
        try {
            elf.load(machine.memory(), domain.realMemory());
        } catch (ImageException e) {
            err.println("hv run: " + e.getMessage());
            return BAD_INPUT;
        }
        return run(machine, domain, elf.entry(), err);
    }

    /**
     * Types what arrives on standard input for the guest, as it arrives, and a hang-up
     * (CONS_HUP) at its end, as QEMU's -serial stdio does; a daemon thread, so a guest that
     * never reads does not keep hv waiting.
     */
    private void feedConsole(Domain domain) {
        Thread feeder = new Thread(() -> {
            try {
                int b;
                while ((b = consoleIn.read()) >= 0) {
                    domain.console().type(b);
                }
            } catch (IOException e) {
                // the input broke: as good as hung up
            }
            domain.console().type((int) HvConstants.CONS_HUP);
        }, "console-input");
        feeder.setDaemon(true);
        feeder.start();
    }

    private Optional<String> checkOptions(MachineConfig config) {
        if (vcpus < 1 || vcpus > config.strands()) {
            return Optional.of("--vcpus must be between 1 and " + config.strands() + ", not " + vcpus);
        }
        if (memory % Machine.MEMORY_UNIT != 0) {
            return Optional.of("--memory must be a multiple of 4M, not " + Sizes.format(memory));
        }
        if (memory > config.physicalBytes()) {
            return Optional.of("--memory " + Sizes.format(memory) + " is more than the machine's "
                    + Sizes.format(config.physicalBytes()));
        }
        if (parallel < 0) {
            return Optional.of("--parallel must be 0 (deterministic) or a number of threads");
        }
        if (maxInstructions <= 0) {
            return Optional.of("--max-instructions must be positive");
        }
        return Optional.empty();
    }

    private int run(Machine machine, Domain domain, long entry, PrintWriter err) {
        PrintStream stdout = new PrintStream(new BufferedOutputStream(consoleOut), false);
        domain.console().attach(b -> {
            stdout.write(b);
            if (b == '\n') {
                stdout.flush();
            }
        });
        if (trace) {
            // the console first, so each trace line follows the output the guest made before it
            domain.setTracer(new TraceLog(domain.name(), line -> {
                stdout.flush();
                err.println(line);
                err.flush();
            }));
        }
        feedConsole(domain);
        domain.boot(entry);
        if (parallel > 0) {
            new ParallelScheduler(machine, parallel).run(maxInstructions);
        } else {
            new Scheduler(machine).run(maxInstructions);
        }
        stdout.flush();
        BackendCounters.trace(domain);
        if (stats) {
            StatsReport.print(domain, err);
        }
        return switch (domain.state()) {
            case EXITED -> {
                long status = domain.exitStatus();
                if (status != (status & 0xff)) {
                    // a process status keeps 8 bits; say the whole value the guest gave
                    err.printf("hv run: the guest exited with status 0x%x%n", status);
                }
                yield (int) (status & 0xff);
            }
            case FAILED -> {
                err.println(domain.failureReport());
                yield DOMAIN_FAILED;
            }
            default -> {
                err.println("hv run: stopped after " + maxInstructions + " instructions (--max-instructions)");
                yield OUT_OF_INSTRUCTIONS;
            }
        };
    }
}
