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
import java.util.function.BooleanSupplier;
import org.hyperstrand.core.boot.ElfImage;
import org.hyperstrand.core.boot.ImageException;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.DomainState;
import org.hyperstrand.core.ds.DomainServices;
import org.hyperstrand.core.ds.DrCpu;
import org.hyperstrand.core.ds.GuestRequest;
import org.hyperstrand.core.machine.Binding;
import org.hyperstrand.core.machine.DomainDescriptions;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.core.md.ChannelSpec;
import org.hyperstrand.core.sched.MachineRunner;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.Backends;
import org.hyperstrand.ldom.daemon.LiveVcpus;
import org.hyperstrand.ldom.model.LdmException;
import org.hyperstrand.tools.RepositoryRoot;
import org.hyperstrand.tools.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hv demo}: one embedded machine, no daemon and no setup, with SPARC and x86 domains
 * running the reference guests side by side; their console lines as they come, behind each
 * domain's name; strands added to and removed from running domains of both architectures the
 * way {@code ldm add-vcpu} does it; a table of what each did at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run SPARC and x86 domains side by side on one machine and show their consoles.",
        footer = {"", "Exit status: 0 when every guest did what it shows, else 1; 2 when the reference images are "
                + "missing."})
public final class DemoCommand implements Callable<Integer> {

    /** How long anything in the demo may take before it counts as failed: far more than it needs. */
    static final long PATIENCE_MILLIS = 30_000;

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

    /** A domain as the demo runs it. */
    private static final class Running {
        final DemoDomain spec;
        final Domain domain;
        final long entry;
        Binding binding;
        final DrCpu dr;
        final GuestRequest shutdown;

        Running(DemoDomain spec, Domain domain, long entry, Binding binding, DrCpu dr, GuestRequest shutdown) {
            this.spec = spec;
            this.domain = domain;
            this.entry = entry;
            this.binding = binding;
            this.dr = dr;
            this.shutdown = shutdown;
        }
    }

    /**
     * Boots {@code plan} side by side and runs it to the end. The first two domains that run the
     * same paired guest are joined by a channel (ldcping: the first gets the "ping" end, the
     * second "pong"; ldcshare: "export" and "import");
     * each domain running the dr guest gets two strands and gives one back while it runs, and is
     * asked to power off (domain-shutdown) once the others have finished.
     */
    int run(Path dir, List<DemoDomain> plan) {
        Backends backends = Backends.load();
        Machine machine = new Machine(MachineConfig.defaults());
        Map<DemoDomain, Running> domains = new LinkedHashMap<>();
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
            Binding binding = machine.bind(d.vcpus(), d.memory());
            Domain domain = machine.createDomain(d.name(), backend, binding, DomainDescriptions.standard(machine));
            try {
                elf.load(machine.memory(), domain.realMemory());
            } catch (ImageException e) {
                out.println("hv demo: " + e.getMessage());
                return 2;
            }
            DrCpu dr = null;
            GuestRequest shutdown = null;
            if (d.takesPartInDr()) {
                DomainServices services = new DomainServices();
                dr = new DrCpu(services);
                shutdown = new GuestRequest(services, GuestRequest.SHUTDOWN);
                machine.channels().attach(domain, ChannelSpec.Port.DOMAIN_SERVICES, "", services.link());
            }
            PrefixedConsole console = new PrefixedConsole(d.name(), width, out);
            consoles.add(console);
            domain.console().attach(console);
            domains.put(d, new Running(d, domain, elf.entry(), binding, dr, shutdown));
            out.printf("  %-" + width + "s  %-7s  %d vcpu%s  %-4s  %s: %s%n", d.name(), d.arch(), d.vcpus(),
                    d.vcpus() == 1 ? " " : "s", Sizes.format(d.memory()), d.guest(), d.shows());
        }
        new java.util.TreeMap<>(DemoDomain.PAIRED).forEach((guest, ports) -> {
            List<Domain> pair = plan.stream().filter(d -> d.guest().equals(guest)).map(d -> domains.get(d).domain)
                    .toList();
            if (pair.size() >= 2) {
                machine.channels().connect(pair.get(0), ports.get(0), pair.get(1), ports.get(1));
            }
        });
        out.println();
        boolean drOk;
        domains.values().forEach(r -> r.domain.boot(r.entry)); // nothing runs until the runner starts
        try (MachineRunner runner = new MachineRunner(machine)) {
            runner.start();
            drOk = changeStrands(runner, domains.values());
            awaitTheOthers(domains.values());
            shutDown(runner, domains.values());
        }
        consoles.stream().filter(PrefixedConsole::pending).forEach(PrefixedConsole::flush);
        out.println();
        Map<DemoDomain, Domain> ended = new LinkedHashMap<>();
        domains.forEach((spec, r) -> ended.put(spec, r.domain));
        out.print(DemoTable.render(ended));
        out.printf("%.3f s of virtual time%n", machine.now() / (double) machine.config().tickFrequency());
        boolean allGood = drOk;
        for (Running r : domains.values()) {
            Domain d = r.domain;
            if (d.state() == DomainState.FAILED) {
                out.println("hv demo: domain " + d.name() + " failed:\n" + d.failureReport());
            }
            allGood &= d.state() == DomainState.EXITED && d.exitStatus() == 0;
        }
        return allGood ? 0 : 1;
    }

    /** For each dr domain, as ldm add-vcpu 2 and then remove-vcpu 1 would: false if any step failed. */
    private boolean changeStrands(MachineRunner runner, Iterable<Running> domains) {
        LiveVcpus live = new LiveVcpus(runner, PATIENCE_MILLIS);
        boolean ok = true;
        for (Running r : domains) {
            if (!r.spec.takesPartInDr()) {
                continue;
            }
            waitUntil(() -> r.dr.available() || r.domain.state() != DomainState.RUNNING);
            try {
                say("add-vcpu 2 " + r.spec.name());
                r.binding = live.add(r.spec.name(), r.domain, r.dr, r.binding, 2);
                say("remove-vcpu 1 " + r.spec.name());
                r.binding = live.remove(r.spec.name(), r.domain, r.dr, r.binding, 1, false);
            } catch (LdmException e) {
                say("failed: " + e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    /** The dr domains, which run until told: as ldm stop-domain, asked to power off, forced if they do not. */
    private void shutDown(MachineRunner runner, Iterable<Running> domains) {
        for (Running r : domains) {
            if (!r.spec.takesPartInDr()) {
                continue;
            }
            say("stop-domain " + r.spec.name());
            if (r.shutdown.available()) {
                runner.call(() -> r.shutdown.request(1000));
            }
            waitUntil(() -> r.domain.state() != DomainState.RUNNING);
            runner.call(() -> {
                r.domain.stop(); // no effect on a guest that powered off
                return null;
            });
        }
    }

    private void say(String what) {
        synchronized (out) {
            out.println("hv demo: ldm " + what);
            out.flush();
        }
    }

    /** Waits for every domain but the dr ones to end by itself. */
    private static void awaitTheOthers(Iterable<Running> domains) {
        waitUntil(() -> {
            for (Running r : domains) {
                if (!r.spec.takesPartInDr() && r.domain.state() == DomainState.RUNNING) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Polls {@code done} until it holds or {@link #PATIENCE_MILLIS} have passed. */
    private static void waitUntil(BooleanSupplier done) {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
