package org.hyperstrand.tools.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hyperstrand.core.boot.ElfImage;
import org.hyperstrand.core.boot.ImageException;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.DomainState;
import org.hyperstrand.core.machine.DomainDescriptions;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.core.sched.Scheduler;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.Backends;
import org.hyperstrand.tools.RepositoryRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hv demo}: one embedded machine, no daemon and no setup, with SPARC and x86 domains
 * running the reference guests side by side; their console lines as they come, behind each
 * domain's name; a table of what each did at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run SPARC and x86 domains side by side on one machine and show their consoles.",
        footer = {"", "Exit status: 0 when every domain's guest exited with status 0, else 1; 2 when the "
                + "reference images are missing."})
public final class DemoCommand implements Callable<Integer> {

    /** The reference guest at either end of the demo's channel. */
    static final String PING_GUEST = "ldcping";

    /** Ample for the default domains (a few million instructions in all). */
    static final long MAX_INSTRUCTIONS = 2_000_000_000L;

    private final PrintStream out;

    @Option(names = "--images", paramLabel = "DIR",
            description = "the directory holding sparc64/ and x86_64/ images (default: guest-abi/images)")
    Path images;

    public DemoCommand() {
        this(System.out);
    }

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        return run(images != null ? images : RepositoryRoot.find().resolve("guest-abi/images"), DemoDomain.DEFAULT);
    }

    /**
     * Boots {@code plan} side by side and runs it to the end. The first two domains that run the
     * ldcping guest are connected by a channel: the first gets the "ping" end, the second "pong".
     */
    int run(Path dir, List<DemoDomain> plan) {
        Backends backends = Backends.load();
        Machine machine = new Machine(MachineConfig.defaults());
        Map<DemoDomain, Domain> domains = new LinkedHashMap<>();
        List<PrefixedConsole> consoles = new ArrayList<>();
        int width = plan.stream().mapToInt(d -> d.name().length()).max().orElse(8);
        out.println("hv demo: one machine, " + machine.strands().size() + " strands; SPARC and x86 domains side by "
                + "side:");
        for (DemoDomain d : plan) {
            Path image = dir.resolve(d.arch()).resolve(d.guest() + ".elf");
            ElfImage elf;
            try {
                elf = ElfImage.parse(image.toString(), Files.readAllBytes(image));
            } catch (IOException | ImageException e) {
                out.println("hv demo: " + image + ": cannot load the reference guest (" + e.getMessage()
                        + "); build the images with: make -C guest-abi images");
                return 2;
            }
            ArchBackend backend = backends.forElfMachine(elf.machine()).orElseThrow(
                    () -> new IllegalStateException("no backend for " + d.arch()));
            Domain domain = machine.createDomain(d.name(), backend, d.memory(), d.vcpus(),
                    DomainDescriptions.standard(machine));
            try {
                elf.load(machine.memory(), domain.realMemory());
            } catch (ImageException e) {
                out.println("hv demo: " + e.getMessage());
                return 2;
            }
            PrefixedConsole console = new PrefixedConsole(d.name(), width, out);
            consoles.add(console);
            domain.console().attach(console);
            domains.put(d, domain);
            out.printf("  %-" + width + "s  %-7s  %d vcpu%s  %-4s  %s: %s%n", d.name(), d.arch(), d.vcpus(),
                    d.vcpus() == 1 ? " " : "s", org.hyperstrand.tools.Sizes.format(d.memory()), d.guest(), d.shows());
            domain.boot(elf.entry());
        }
        List<Domain> pingers = plan.stream().filter(d -> d.guest().equals(PING_GUEST)).map(domains::get).toList();
        if (pingers.size() >= 2) {
            machine.channels().connect(pingers.get(0), "ping", pingers.get(1), "pong");
        }
        out.println();
        long retired = new Scheduler(machine).run(MAX_INSTRUCTIONS);
        consoles.stream().filter(PrefixedConsole::pending).forEach(PrefixedConsole::flush);
        out.println();
        out.print(DemoTable.render(domains));
        out.printf("%d guest instructions in all, in %.3f s of virtual time%n", retired,
                machine.now() / (double) machine.config().tickFrequency());
        boolean allGood = domains.values().stream()
                .allMatch(d -> d.state() == DomainState.EXITED && d.exitStatus() == 0);
        domains.values().stream().filter(d -> d.state() == DomainState.FAILED)
                .forEach(d -> out.println("hv demo: domain " + d.name() + " failed:\n" + d.failureReport()));
        return allGood ? 0 : 1;
    }
}
