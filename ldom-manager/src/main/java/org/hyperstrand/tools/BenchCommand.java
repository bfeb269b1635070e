package org.hyperstrand.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hyperstrand.core.boot.ElfImage;
import org.hyperstrand.core.boot.ImageException;
import org.hyperstrand.core.domain.DomainState;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hv bench}: whole-guest figures for the CPU model and the hypervisor, measured in this
 * process, each run in a fresh machine:
 * <ul>
 *   <li>the CPU benchmark guest ({@code guest-abi/guests/bench}): retired instructions, wall
 *       time, guest MIPS, and the console output checked against its golden file;</li>
 *   <li>the same C source as a static Linux program under {@code qemu-sparc64}, when qemu and a
 *       cross compiler (or {@code --linux-binary}) are there: its wall time and hv / qemu;</li>
 *   <li>a null hypercall round trip ({@link HypercallLoop});</li>
 *   <li>a TSB-hit TLB refill ({@link TsbRefillLoop}), or n/a and why while the hypervisor has no
 *       MMU to serve it.</li>
 * </ul>
 * The JIT is warmed up by running each workload before it is timed; figures are medians.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure guest MIPS, the ratio to qemu-sparc64, and the cost of a null hypercall and of a "
                + "TSB-hit TLB refill.",
        footer = {"", "Exit status: 0; 1 when a guest failed or printed the wrong output; 2 for a bad option or image."})
final class BenchCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    /** The targets, printed next to the figures. */
    static final String TARGET_MIPS = ">= 200";
    static final String TARGET_HYPERCALL = "< 200 ns";
    static final String TARGET_TSB_REFILL = "< 100 ns";

    /** Where the prebuilt guest, its source and its golden output live, under the repository root. */
    static final String IMAGE = "guest-abi/images/sparc64/bench.elf";
    static final String SOURCE = "guest-abi/guests/bench/bench.c";
    static final String EXPECTED = "guest-abi/guests/bench/expected.out";

    static final String QEMU = "qemu-sparc64";
    static final String CROSS_GCC = "sparc64-linux-gnu-gcc";
    /** The Linux build uses the guest build's code generation flags so both run the same code. */
    static final List<String> CROSS_FLAGS = List.of("-O2", "-mcpu=v9", "-mno-fpu", "-static");

    private static final long PROCESS_TIMEOUT_SECONDS = 120;

    @Spec
    CommandSpec self;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "sparc",
            description = "architecture to measure: sparc (sparc64), the only one so far (default: sparc)")
    String arch;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "measured runs of each workload; medians are printed (default: 3)")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "untimed runs of each workload first, for the JIT; the runs in this process go on "
                    + "until they have taken 1 s too, unless N is 0 (default: 1)")
    int warmup;

    @Option(names = "--image", paramLabel = "PATH",
            description = "the guest to time (default: " + IMAGE + "); its output is not checked "
                    + "and qemu is not run unless --expected / --linux-binary say how")
    Path image;

    @Option(names = "--expected", paramLabel = "PATH",
            description = "golden console output to check the guest against (default for the bench guest: " + EXPECTED + ")")
    Path expected;

    @Option(names = "--linux-binary", paramLabel = "PATH",
            description = "a static sparc64 Linux build of the guest's source to time under " + QEMU
                    + " (default: build " + SOURCE + " with " + CROSS_GCC + " if it is installed)")
    Path linuxBinary;

    @Option(names = "--no-qemu", description = "skip the qemu-sparc64 reference run")
    boolean noQemu;

    @Option(names = "--hypercalls", paramLabel = "N", defaultValue = "2000000",
            description = "null hypercalls per timed loop (default: 2000000)")
    long hypercalls;

    @Option(names = "--refills", paramLabel = "N", defaultValue = "2000000",
            description = "loads per timed TSB-refill loop, each a TLB miss that hits the TSB (default: 2000000)")
    long refills;

    @Option(names = "--max-instructions", paramLabel = "N", defaultValue = "20000000000",
            description = "give up on a guest run after this many instructions (default: 2e10)")
    long maxInstructions;

    @Override
    public Integer call() {
        PrintWriter out = self.commandLine().getOut();
        PrintWriter err = self.commandLine().getErr();
        Optional<String> problem = checkOptions();
        if (problem.isPresent()) {
            err.println("hv bench: " + problem.get());
            return BAD_INPUT;
        }
        Path root = repositoryRoot();
        Path imagePath = image != null ? image : root.resolve(IMAGE);
        Path expectedPath = expected != null ? expected : image == null ? root.resolve(EXPECTED) : null;

        ElfImage elf;
        try {
            elf = ElfImage.parse(imagePath.toString(), Files.readAllBytes(imagePath));
        } catch (NoSuchFileException e) {
            err.println("hv bench: " + imagePath + ": no such file"
                    + (image == null ? " (run: make -C guest-abi images, or pass --image)" : ""));
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("hv bench: " + imagePath + ": cannot read: " + e.getMessage());
            return BAD_INPUT;
        } catch (ImageException e) {
            err.println("hv bench: " + e.getMessage());
            return BAD_INPUT;
        }
        String expectedOutput = null;
        if (expectedPath != null) {
            try {
                expectedOutput = Files.readString(expectedPath, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                err.println("hv bench: " + expectedPath + ": cannot read the expected output");
                return BAD_INPUT;
            }
        }
        Optional<ArchBackend> backend = Backends.load().forBinding("sparc64");
        if (backend.isEmpty() || backend.get().elfMachine() != elf.machine()) {
            err.println("hv bench: " + imagePath + ": not a sparc64 image, or no sparc64 backend on the class path");
            return BAD_INPUT;
        }

        BenchTable table = new BenchTable();
        boolean outputOk;
        try {
            outputOk = measureGuest(backend.get(), elf, expectedOutput, expectedPath, root, table, err);
            measureHypercall(backend.get(), table);
            measureTsbRefill(backend.get(), table);
        } catch (ImageException e) {
            err.println("hv bench: " + e.getMessage());
            return BAD_INPUT;
        } catch (Failure e) {
            err.println("hv bench: " + e.getMessage());
            return FAILED;
        }

        out.printf("hv bench: sparc64, %s; medians of %d timed run%s of each workload, after %s%n",
                shown(imagePath), repeat, repeat == 1 ? "" : "s", warmup == 0 ? "no warm-up" : "warm-up");
        out.print(table.render());
        out.flush();
        return outputOk ? 0 : FAILED;
    }

    /**
     * The warm-up rule for workloads run in this process: at least {@code runs} untimed runs,
     * and with any at all, at least {@link #WARM_UP_NANOS} of them, so that a short workload
     * (the hypercall loop) gets the JIT as far as a long one does.
     */
    static final class WarmUp {
        static final long WARM_UP_NANOS = 1_000_000_000L;

        private final int runs;
        private int done;
        private long nanos;

        WarmUp(int runs) {
            this.runs = runs;
        }

        /** Counts a run that took {@code runNanos}; true if it was a warm-up run, false if it is to be timed. */
        boolean more(long runNanos) {
            if (done < runs || (runs > 0 && nanos < WARM_UP_NANOS)) {
                done++;
                nanos += runNanos;
                return true;
            }
            return false;
        }
    }

    /** A workload that did not run to a clean end: nothing it measured means anything. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private Optional<String> checkOptions() {
        String a = arch.toLowerCase(Locale.ROOT);
        if (!a.equals("sparc") && !a.equals("sparc64")) {
            return Optional.of("--arch " + arch + " is not supported; sparc (sparc64) is the only architecture with "
                    + "a benchmark guest so far");
        }
        if (repeat < 1 || repeat > 100) {
            return Optional.of("--repeat must be between 1 and 100, not " + repeat);
        }
        if (warmup < 0 || warmup > 100) {
            return Optional.of("--warmup must be between 0 and 100, not " + warmup);
        }
        if (hypercalls < 1 || hypercalls > 0xffff_ffffL) {
            return Optional.of("--hypercalls must be between 1 and 4294967295, not " + hypercalls);
        }
        if (refills < 1 || refills > 0xffff_ffffL) {
            return Optional.of("--refills must be between 1 and 4294967295, not " + refills);
        }
        if (maxInstructions <= 0) {
            return Optional.of("--max-instructions must be positive");
        }
        if (noQemu && linuxBinary != null) {
            return Optional.of("--linux-binary and --no-qemu contradict each other");
        }
        return Optional.empty();
    }

    // ---- the benchmark guest and its qemu reference -----------------------------------------

    private boolean measureGuest(ArchBackend backend, ElfImage elf, String expectedOutput, Path expectedPath,
                                 Path root, BenchTable table, PrintWriter err) throws ImageException {
        err.println("hv bench: running " + shown(Path.of(elf.name())) + " (warm-up, then " + repeat + " timed runs)");
        err.flush();
        EmbeddedRun first = null;
        long[] nanos = new long[repeat];
        WarmUp warm = new WarmUp(warmup);
        for (int i = 0; i < repeat; ) {
            EmbeddedRun r = EmbeddedRun.image(backend, elf, maxInstructions);
            if (!r.ok()) {
                throw new Failure(elf.name() + " " + r.outcome()
                        + (r.console().isEmpty() ? "" : "\nits console:\n" + r.console()));
            }
            if (first == null) {
                first = r;
            } else if (r.retired() != first.retired() || !r.console().equals(first.console())) {
                throw new Failure(elf.name() + " is not deterministic: " + first.retired() + " instructions, then "
                        + r.retired());
            }
            if (!warm.more(r.nanos())) {
                nanos[i++] = r.nanos();
            }
        }
        long median = BenchTable.median(nanos);
        table.add("guest instructions", BenchTable.count(first.retired()), "", "retired per run");
        table.add("hv wall time", BenchTable.seconds(median), "",
                "best " + BenchTable.seconds(BenchTable.min(nanos)));
        table.add("guest MIPS", BenchTable.mips(first.retired(), median), TARGET_MIPS,
                "best " + BenchTable.mips(first.retired(), BenchTable.min(nanos)));

        boolean outputOk = true;
        if (expectedOutput != null) {
            outputOk = expectedOutput.equals(first.console());
            table.add("guest output", outputOk ? "ok" : "WRONG", "",
                    (outputOk ? "matches " : "differs from ") + shown(expectedPath));
            if (!outputOk) {
                err.print("hv bench: the guest printed:\n" + first.console());
            }
        }
        if (!noQemu && (image == null || linuxBinary != null)) {
            outputOk &= measureQemu(root, first.console(), median, table, err);
        }
        return outputOk;
    }

    /** Times the Linux build under qemu; false only if it ran and printed something else. */
    private boolean measureQemu(Path root, String guestOutput, long hvNanos, BenchTable table, PrintWriter err) {
        Optional<Path> qemu = HostTools.onPath(QEMU);
        if (qemu.isEmpty()) {
            table.add("qemu wall time", "n/a", "", QEMU + " is not installed");
            return true;
        }
        Path tmp = null;
        try {
            Path binary = linuxBinary;
            String how = binary != null ? shown(binary).toString() : null;
            if (binary == null) {
                Optional<Path> gcc = HostTools.onPath(CROSS_GCC);
                if (gcc.isEmpty()) {
                    table.add("qemu wall time", "n/a", "", "no " + CROSS_GCC + " to build " + SOURCE
                            + " (or pass --linux-binary)");
                    return true;
                }
                tmp = Files.createTempDirectory("hv-bench");
                binary = tmp.resolve("bench-linux");
                List<String> cmd = new ArrayList<>(List.of(gcc.get().toString()));
                cmd.addAll(CROSS_FLAGS);
                cmd.addAll(List.of("-o", binary.toString(), root.resolve(SOURCE).toString()));
                err.println("hv bench: building the Linux reference: " + String.join(" ", cmd));
                err.flush();
                HostTools.Result built = HostTools.run(cmd, PROCESS_TIMEOUT_SECONDS);
                if (built.status() != 0) {
                    table.add("qemu wall time", "n/a", "", CROSS_GCC + " failed (status " + built.status() + ")");
                    err.print(built.stderr());
                    return true;
                }
                how = "static glibc build, " + String.join(" ", CROSS_FLAGS);
            }
            err.println("hv bench: running it under " + QEMU + " (" + warmup + " + " + repeat + " runs)");
            err.flush();
            long[] nanos = new long[repeat];
            for (int i = 0; i < warmup + repeat; i++) {
                HostTools.Result r = HostTools.run(List.of(qemu.get().toString(), binary.toString()),
                        PROCESS_TIMEOUT_SECONDS);
                if (r.status() != 0) {
                    // the reference is broken, not the guest: say so and go on without it
                    table.add("qemu wall time", "n/a", "", "the Linux build exited with status " + r.status());
                    err.print("hv bench: under qemu the Linux build printed:\n" + r.stdout() + r.stderr());
                    return true;
                }
                if (!r.stdout().equals(guestOutput)) {
                    table.add("qemu wall time", "WRONG", "", "the Linux build printed other output than the guest");
                    err.print("hv bench: under qemu the Linux build printed:\n" + r.stdout());
                    return false;
                }
                if (i >= warmup) {
                    nanos[i - warmup] = r.nanos();
                }
            }
            long median = BenchTable.median(nanos);
            table.add("qemu wall time", BenchTable.seconds(median), "", how + "; whole process, same output");
            table.add("hv / qemu", BenchTable.ratio(hvNanos, median), "", "wall time; smaller is faster");
            return true;
        } catch (IOException e) {
            table.add("qemu wall time", "n/a", "", e.getMessage());
            return true;
        } finally {
            HostTools.deleteTree(tmp);
        }
    }

    // ---- the null hypercall ------------------------------------------------------------

    private void measureHypercall(ArchBackend backend, BenchTable table) {
        PrintWriter err = self.commandLine().getErr();
        err.println("hv bench: timing " + hypercalls + " null hypercalls (warm-up, then " + repeat + " timed runs)");
        err.flush();
        int[] trapped = HypercallLoop.program(hypercalls, true);
        int[] control = HypercallLoop.program(hypercalls, false);
        long[] perCall = new long[repeat];
        WarmUp warm = new WarmUp(warmup);
        for (int i = 0; i < repeat; ) {
            EmbeddedRun withTrap = EmbeddedRun.words(backend, trapped, HypercallLoop.ORIGIN, maxInstructions);
            EmbeddedRun withNop = EmbeddedRun.words(backend, control, HypercallLoop.ORIGIN, maxInstructions);
            for (EmbeddedRun r : List.of(withTrap, withNop)) {
                if (!r.ok()) {
                    throw new Failure("the hypercall loop " + r.outcome());
                }
            }
            if (!warm.more(withTrap.nanos() + withNop.nanos())) {
                // picoseconds, so that the median keeps a fraction of a nanosecond
                perCall[i++] = (withTrap.nanos() - withNop.nanos()) * 1000 / hypercalls;
            }
        }
        table.add("null hypercall", BenchTable.nanos(BenchTable.median(perCall) / 1000.0), TARGET_HYPERCALL,
                "cpu_myid by ta 0x80, round trip; loop cost removed");
    }

    // ---- the TSB-hit TLB refill -------------------------------------------------------------

    private void measureTsbRefill(ArchBackend backend, BenchTable table) {
        PrintWriter err = self.commandLine().getErr();
        err.println("hv bench: timing " + refills + " TSB-hit TLB refills (warm-up, then " + repeat + " timed runs)");
        err.flush();
        int[] missing = TsbRefillLoop.program(refills, TsbRefillLoop.MISS_PAGES);
        int[] hitting = TsbRefillLoop.program(refills, TsbRefillLoop.HIT_PAGES);
        long[] perRefill = new long[repeat];
        EmbeddedRun lastMiss = null;
        EmbeddedRun lastHit = null;
        WarmUp warm = new WarmUp(warmup);
        for (int i = 0; i < repeat; ) {
            EmbeddedRun miss = EmbeddedRun.words(backend, missing, TsbRefillLoop.ORIGIN, TsbRefillLoop::prepare,
                    maxInstructions);
            String notMeasurable = miss.state() == DomainState.EXITED
                    ? TsbRefillLoop.notMeasurable(miss.exitStatus()) : null;
            if (notMeasurable != null) {
                table.add("tsb refill", "n/a", TARGET_TSB_REFILL, notMeasurable);
                return;
            }
            EmbeddedRun hit = EmbeddedRun.words(backend, hitting, TsbRefillLoop.ORIGIN, TsbRefillLoop::prepare,
                    maxInstructions);
            for (EmbeddedRun r : List.of(miss, hit)) {
                if (!r.ok()) {
                    throw new Failure("the TSB refill loop " + r.outcome());
                }
            }
            if (!warm.more(miss.nanos() + hit.nanos())) {
                perRefill[i++] = (miss.nanos() - hit.nanos()) * 1000 / refills;
            }
            lastMiss = miss;
            lastHit = hit;
        }
        table.add("tsb refill", BenchTable.nanos(BenchTable.median(perRefill) / 1000.0), TARGET_TSB_REFILL,
                "ldx over " + TsbRefillLoop.MISS_PAGES + " pages against " + TsbRefillLoop.HIT_PAGES
                        + refillEvidence(lastMiss, lastHit));
    }

    /** What the CPU model's counters say about the two loops, if it counts TSB hits. */
    private String refillEvidence(EmbeddedRun miss, EmbeddedRun hit) {
        Long missHits = miss.counters().get(TSB_HITS_COUNTER);
        Long hitHits = hit.counters().get(TSB_HITS_COUNTER);
        if (missHits == null || hitHits == null) {
            return "";
        }
        return String.format(Locale.ROOT, "; TSB hits per load %.2f against %.2f", (double) missHits / refills,
                (double) hitHits / refills);
    }

    /** The name under which a CPU model's {@code counters()} reports refills from the TSB. */
    static final String TSB_HITS_COUNTER = "tsb hits";

    // ---- where things are ----------------------------------------------------------------

    /** {@code p} relative to the working directory when it lies below it, else as it is. */
    static Path shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs) : p;
    }

    /**
     * The repository root: the {@code hyperstrand.root} system property, else the directory
     * above the one this class was loaded from that holds {@code guest-abi} (bin/hv loads it from
     * {@code ldom-manager/target/lib}), else the working directory.
     */
    static Path repositoryRoot() {
        String property = System.getProperty("hyperstrand.root");
        if (property != null) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        try {
            Path p = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("guest-abi")) && Files.isDirectory(p.resolve("ldom-manager"))) {
                    return p;
                }
            }
        } catch (Exception e) {
            // no code source (an unusual class loader): fall back to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
