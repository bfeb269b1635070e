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
import java.util.function.Supplier;
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
 * {@code hv bench}: whole-guest figures for the CPU model and the hypervisor of one architecture
 * ({@link BenchArch}), measured in this process, each run in a fresh machine:
 * <ul>
 *   <li>the CPU benchmark guest ({@code guest-abi/guests/bench}): retired instructions, wall
 *       time, guest MIPS, and the console output checked against its golden file;</li>
 *   <li>the same C source as a static Linux program under {@code qemu-sparc64} or
 *       {@code qemu-x86_64}, when qemu and the compiler (or {@code --linux-binary}) are there: its
 *       wall time and hv / qemu; for x86 also run natively on an x86-64 host: hv / native;</li>
 *   <li>sparc: a null hypercall round trip ({@link HypercallLoop}) and a TSB-hit TLB refill
 *       ({@link TsbRefillLoop}), or n/a and why while the hypervisor has no MMU to serve it;</li>
 *   <li>x86: a VMMCALL round trip and a CPUID #VMEXIT with the VMRUN back ({@link X86Loops}),
 *       whatever the backend makes of them: the figures go through hv-core only.</li>
 * </ul>
 * The JIT is warmed up by running each workload before it is timed; figures are medians.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure guest MIPS, the ratio to qemu (and for x86 to the host running the same program "
                + "natively), and the cost of a null hypercall and of a TSB-hit TLB refill (sparc) or of a VMMCALL "
                + "round trip and a CPUID exit (x86).",
        footer = {"", "Exit status: 0; 1 when a guest failed or printed the wrong output; 2 for a bad option or image."})
final class BenchCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    /** The targets, printed next to the figures (the MIPS targets are {@link BenchArch#mipsTarget}). */
    static final String TARGET_HYPERCALL = "< 200 ns";
    static final String TARGET_TSB_REFILL = "< 100 ns";

    /** The x86 rows' names. */
    static final String VMMCALL_ROW = "VMMCALL round trip";
    static final String CPUID_ROW = "CPUID exit + VMRUN";

    private static final long PROCESS_TIMEOUT_SECONDS = 120;

    @Spec
    CommandSpec self;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "sparc",
            description = "architecture to measure: sparc (sparc64) or x86 (x86_64) (default: sparc)")
    String arch;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "measured runs of each workload; medians are printed (default: 3)")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "untimed runs of each workload first, for the JIT; the runs in this process go on "
                    + "until they have taken 1 s too, unless N is 0 (default: 1)")
    int warmup;

    @Option(names = "--image", paramLabel = "PATH",
            description = "the guest to time (default: guest-abi/images/ARCH/bench.elf); its output is not "
                    + "checked and no reference is run unless --expected / --linux-binary say how")
    Path image;

    @Option(names = "--expected", paramLabel = "PATH",
            description = "golden console output to check the guest against (default for the bench guest: "
                    + BenchArch.EXPECTED + ")")
    Path expected;

    @Option(names = "--linux-binary", paramLabel = "PATH",
            description = "a static Linux build of the guest's source, for its architecture, to time under qemu "
                    + "(qemu-sparc64, qemu-x86_64) and, for x86 on an x86-64 host, natively (default: build "
                    + BenchArch.SOURCE + " with sparc64-linux-gnu-gcc or gcc if it is installed)")
    Path linuxBinary;

    @Option(names = "--no-qemu",
            description = "skip the reference runs of the Linux build (under qemu, and natively for x86)")
    boolean noQemu;

    @Option(names = "--hypercalls", paramLabel = "N", defaultValue = "2000000",
            description = "null hypercalls (x86: VMMCALLs) per timed loop (default: 2000000)")
    long hypercalls;

    @Option(names = "--refills", paramLabel = "N", defaultValue = "2000000",
            description = "sparc: loads per timed TSB-refill loop, each a TLB miss that hits the TSB "
                    + "(default: 2000000)")
    long refills;

    @Option(names = "--cpuids", paramLabel = "N", defaultValue = "2000000",
            description = "x86: CPUID instructions per timed loop, each a #VMEXIT where the backend intercepts "
                    + "CPUID (default: 2000000)")
    long cpuids;

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
        BenchArch bench = BenchArch.named(arch).orElseThrow();
        Path root = RepositoryRoot.find();
        Path imagePath = image != null ? image : root.resolve(bench.image());
        Path expectedPath = expected != null ? expected : image == null ? bench.expected(root) : null;

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
        Optional<ArchBackend> backend = Backends.load().forBinding(bench.binding());
        if (backend.isEmpty() || backend.get().elfMachine() != elf.machine()) {
            err.println("hv bench: " + imagePath + ": not an image for " + bench.binding() + ", or no "
                    + bench.binding() + " backend on the class path");
            return BAD_INPUT;
        }

        BenchTable table = new BenchTable();
        boolean outputOk;
        try {
            outputOk = measureGuest(bench, backend.get(), elf, expectedOutput, expectedPath, root, table, err);
            if (bench == BenchArch.X86_64) {
                measureVmmcall(backend.get(), table);
                measureCpuidExit(backend.get(), table);
            } else {
                measureHypercall(backend.get(), table);
                measureTsbRefill(backend.get(), table);
            }
        } catch (ImageException e) {
            err.println("hv bench: " + e.getMessage());
            return BAD_INPUT;
        } catch (Failure e) {
            err.println("hv bench: " + e.getMessage());
            return FAILED;
        }

        out.printf("hv bench: %s, %s; medians of %d timed run%s of each workload, after %s%n",
                bench.binding(), shown(imagePath), repeat, repeat == 1 ? "" : "s",
                warmup == 0 ? "no warm-up" : "warm-up");
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
        if (BenchArch.named(arch).isEmpty()) {
            return Optional.of("--arch " + arch + " is not supported; sparc (sparc64) and x86 (x86_64) are");
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
        if (cpuids < 1 || cpuids > 0xffff_ffffL) {
            return Optional.of("--cpuids must be between 1 and 4294967295, not " + cpuids);
        }
        if (maxInstructions <= 0) {
            return Optional.of("--max-instructions must be positive");
        }
        if (noQemu && linuxBinary != null) {
            return Optional.of("--linux-binary and --no-qemu contradict each other");
        }
        if (linuxBinary != null && !Files.isRegularFile(linuxBinary)) {
            return Optional.of(linuxBinary + ": no such file (--linux-binary)");
        }
        return Optional.empty();
    }

    // ---- the benchmark guest and its references --------------------------------------------

    private boolean measureGuest(BenchArch bench, ArchBackend backend, ElfImage elf, String expectedOutput,
                                 Path expectedPath, Path root, BenchTable table, PrintWriter err)
            throws ImageException {
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
        table.add("guest MIPS", BenchTable.mips(first.retired(), median), bench.mipsTarget(),
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
            outputOk &= measureReferences(bench, root, first.console(), median, table, err);
        }
        return outputOk;
    }

    /** One way to run the Linux build on this host: under qemu, or directly; or why it cannot be run. */
    private record Reference(String name, List<String> launcher, String where, String unavailable) {

        String wallTime() {
            return name + " wall time";
        }
    }

    private static List<Reference> references(BenchArch bench) {
        List<Reference> refs = new ArrayList<>();
        Optional<Path> qemu = HostTools.onPath(bench.qemu());
        refs.add(new Reference("qemu", qemu.map(q -> List.of(q.toString())).orElse(List.of()), "under " + bench.qemu(),
                qemu.isPresent() ? null : bench.qemu() + " is not installed"));
        if (bench.hasNativeReference()) {
            String host = System.getProperty("os.arch");
            refs.add(new Reference("native", List.of(), "natively",
                    bench.runsNativelyOn(host) ? null : "this host (" + host + ") does not run " + bench.binding()
                            + " code"));
        }
        return refs;
    }

    /**
     * Times the Linux build under qemu and, for x86, natively, each where it can be run; false
     * only if one ran and printed something else.
     */
    private boolean measureReferences(BenchArch bench, Path root, String guestOutput, long hvNanos, BenchTable table,
                                      PrintWriter err) {
        List<Reference> refs = references(bench);
        if (refs.stream().allMatch(r -> r.unavailable() != null)) {
            refs.forEach(r -> table.add(r.wallTime(), "n/a", "", r.unavailable()));
            return true;
        }
        Path tmp = null;
        try {
            Path binary = linuxBinary;
            String how = binary != null ? shown(binary).toString()
                    : "static glibc build, " + String.join(" ", bench.linuxFlags());
            if (binary == null) {
                tmp = Files.createTempDirectory("hv-bench");
                binary = tmp.resolve("bench-linux");
                String failed = buildLinux(bench, root, binary, err);
                if (failed != null) {
                    refs.forEach(r -> table.add(r.wallTime(), "n/a", "",
                            r.unavailable() != null ? r.unavailable() : failed));
                    return true;
                }
            }
            boolean ok = true;
            for (Reference r : refs) {
                if (r.unavailable() != null) {
                    table.add(r.wallTime(), "n/a", "", r.unavailable());
                } else {
                    ok &= timeReference(r, binary, r.launcher().isEmpty() ? "the same program on the host" : how,
                            guestOutput, hvNanos, table, err);
                }
            }
            return ok;
        } catch (IOException e) {
            refs.forEach(r -> table.add(r.wallTime(), "n/a", "", e.getMessage()));
            return true;
        } finally {
            HostTools.deleteTree(tmp);
        }
    }

    /** Builds {@link BenchArch#SOURCE} as a static Linux program at {@code binary}: null, or why it could not. */
    private static String buildLinux(BenchArch bench, Path root, Path binary, PrintWriter err) throws IOException {
        Optional<Path> gcc = HostTools.onPath(bench.compiler());
        if (gcc.isEmpty()) {
            return "no " + bench.compiler() + " to build " + BenchArch.SOURCE + " (or pass --linux-binary)";
        }
        List<String> cmd = bench.linuxBuild(gcc.get(), root.resolve(BenchArch.SOURCE), binary);
        err.println("hv bench: building the Linux reference: " + String.join(" ", cmd));
        err.flush();
        HostTools.Result built = HostTools.run(cmd, PROCESS_TIMEOUT_SECONDS);
        if (built.status() != 0) {
            err.print(built.stderr());
            return bench.compiler() + " failed (status " + built.status() + ")";
        }
        return null;
    }

    /** Times {@code binary} one way; false only if it ran and printed something else than the guest. */
    private boolean timeReference(Reference r, Path binary, String how, String guestOutput, long hvNanos,
                                  BenchTable table, PrintWriter err) {
        err.println("hv bench: running it " + r.where() + " (" + warmup + " + " + repeat + " runs)");
        err.flush();
        List<String> cmd = new ArrayList<>(r.launcher());
        cmd.add(binary.toString());
        long[] nanos = new long[repeat];
        try {
            for (int i = 0; i < warmup + repeat; i++) {
                HostTools.Result run = HostTools.run(cmd, PROCESS_TIMEOUT_SECONDS);
                if (run.status() != 0) {
                    // the reference is broken, not the guest: say so and go on without it
                    table.add(r.wallTime(), "n/a", "", "the Linux build exited with status " + run.status());
                    err.print("hv bench: " + r.where() + " the Linux build printed:\n" + run.stdout() + run.stderr());
                    return true;
                }
                if (!run.stdout().equals(guestOutput)) {
                    table.add(r.wallTime(), "WRONG", "", "the Linux build printed other output than the guest");
                    err.print("hv bench: " + r.where() + " the Linux build printed:\n" + run.stdout());
                    return false;
                }
                if (i >= warmup) {
                    nanos[i - warmup] = run.nanos();
                }
            }
        } catch (IOException e) {
            table.add(r.wallTime(), "n/a", "", e.getMessage());
            return true;
        }
        long median = BenchTable.median(nanos);
        table.add(r.wallTime(), BenchTable.seconds(median), "", how + "; whole process, same output");
        table.add("hv / " + r.name(), BenchTable.ratio(hvNanos, median), "", "wall time; smaller is faster");
        return true;
    }

    // ---- loops against their controls ------------------------------------------------------

    /** A timed pair of loops: median picoseconds per operation, and the last run of each. */
    private record Paired(long picos, EmbeddedRun measured, EmbeddedRun control) {

        String nanos() {
            return BenchTable.nanos(picos / 1000.0);
        }

        /**
         * "; LABEL X against Y": what the CPU model's counter {@code counter} says per iteration
         * of the measured loop and of the control, or nothing if the model does not count it.
         */
        String evidence(String counter, String label, long n) {
            Long m = measured.counters().get(counter);
            Long c = control.counters().get(counter);
            if (m == null || c == null) {
                return "";
            }
            return String.format(Locale.ROOT, "; %s %.2f against %.2f", label, (double) m / n, (double) c / n);
        }
    }

    /**
     * Times {@code measured} against {@code control}, two guest programs that retire the same
     * instructions, the first doing {@code n} operations where the second does not: the
     * difference of their run times divided by {@code n} is what one operation costs.
     */
    private Paired timePair(String operations, String loop, long n, Supplier<EmbeddedRun> measured,
                            Supplier<EmbeddedRun> control) {
        PrintWriter err = self.commandLine().getErr();
        err.println("hv bench: timing " + n + " " + operations + " (warm-up, then " + repeat + " timed runs)");
        err.flush();
        long[] perOperation = new long[repeat];
        EmbeddedRun lastMeasured = null;
        EmbeddedRun lastControl = null;
        WarmUp warm = new WarmUp(warmup);
        for (int i = 0; i < repeat; ) {
            lastMeasured = measured.get();
            lastControl = control.get();
            for (EmbeddedRun r : List.of(lastMeasured, lastControl)) {
                if (!r.ok()) {
                    throw new Failure("the " + loop + " " + r.outcome());
                }
            }
            if (!warm.more(lastMeasured.nanos() + lastControl.nanos())) {
                // picoseconds, so that the median keeps a fraction of a nanosecond
                perOperation[i++] = (lastMeasured.nanos() - lastControl.nanos()) * 1000 / n;
            }
        }
        return new Paired(BenchTable.median(perOperation), lastMeasured, lastControl);
    }

    // ---- sparc: the null hypercall and the TSB-hit TLB refill -------------------------------

    private void measureHypercall(ArchBackend backend, BenchTable table) {
        int[] trapped = HypercallLoop.program(hypercalls, true);
        int[] control = HypercallLoop.program(hypercalls, false);
        Paired p = timePair("null hypercalls", "hypercall loop", hypercalls,
                () -> EmbeddedRun.words(backend, trapped, HypercallLoop.ORIGIN, maxInstructions),
                () -> EmbeddedRun.words(backend, control, HypercallLoop.ORIGIN, maxInstructions));
        table.add("null hypercall", p.nanos(), TARGET_HYPERCALL, "cpu_myid by ta 0x80, round trip; loop cost removed");
    }

    private void measureTsbRefill(ArchBackend backend, BenchTable table) {
        // one load first: while the hypervisor has no MMU to serve it, the program says so at once
        EmbeddedRun probe = EmbeddedRun.words(backend, TsbRefillLoop.program(1, TsbRefillLoop.MISS_PAGES),
                TsbRefillLoop.ORIGIN, TsbRefillLoop::prepare, maxInstructions);
        String notMeasurable = probe.state() == DomainState.EXITED
                ? TsbRefillLoop.notMeasurable(probe.exitStatus()) : null;
        if (notMeasurable != null) {
            table.add("tsb refill", "n/a", TARGET_TSB_REFILL, notMeasurable);
            return;
        }
        int[] missing = TsbRefillLoop.program(refills, TsbRefillLoop.MISS_PAGES);
        int[] hitting = TsbRefillLoop.program(refills, TsbRefillLoop.HIT_PAGES);
        Paired p = timePair("TSB-hit TLB refills", "TSB refill loop", refills,
                () -> EmbeddedRun.words(backend, missing, TsbRefillLoop.ORIGIN, TsbRefillLoop::prepare,
                        maxInstructions),
                () -> EmbeddedRun.words(backend, hitting, TsbRefillLoop.ORIGIN, TsbRefillLoop::prepare,
                        maxInstructions));
        table.add("tsb refill", p.nanos(), TARGET_TSB_REFILL,
                "ldx over " + TsbRefillLoop.MISS_PAGES + " pages against " + TsbRefillLoop.HIT_PAGES
                        + p.evidence(TSB_HITS_COUNTER, "TSB hits per load", refills));
    }

    // ---- x86: the VMMCALL round trip and the CPUID exit ---------------------------------------

    private void measureVmmcall(ArchBackend backend, BenchTable table) {
        Paired p = timeX86Pair("VMMCALLs", "VMMCALL loop", hypercalls, X86Loops.hypercall(hypercalls, true),
                X86Loops.hypercall(hypercalls, false), backend);
        table.add(VMMCALL_ROW, p.nanos(), TARGET_HYPERCALL, "cpu_myid by vmmcall (%rax = 0x80), null hypercall; "
                + "loop cost removed" + p.evidence(VMEXITS_COUNTER, "#VMEXITs per iteration", hypercalls));
    }

    private void measureCpuidExit(ArchBackend backend, BenchTable table) {
        Paired p = timeX86Pair("CPUIDs", "CPUID loop", cpuids, X86Loops.cpuid(cpuids, true),
                X86Loops.cpuid(cpuids, false), backend);
        table.add(CPUID_ROW, p.nanos(), "", "cpuid leaf 0 against a 2-byte nop; loop cost removed"
                + p.evidence(VMEXITS_COUNTER, "#VMEXITs per iteration", cpuids));
    }

    private Paired timeX86Pair(String operations, String loop, long n, byte[] measured, byte[] control,
                               ArchBackend backend) {
        return timePair(operations, loop, n,
                () -> EmbeddedRun.code(backend, measured, X86Loops.ORIGIN, maxInstructions),
                () -> EmbeddedRun.code(backend, control, X86Loops.ORIGIN, maxInstructions));
    }

    /** The name under which an x86 CPU model's {@code counters()} reports the #VMEXITs it took. */
    static final String VMEXITS_COUNTER = "vmexits";

    /** The name under which a CPU model's {@code counters()} reports refills from the TSB. */
    static final String TSB_HITS_COUNTER = "tsb hits";

    // ---- where things are ----------------------------------------------------------------

    /** {@code p} relative to the working directory when it lies below it, else as it is. */
    static Path shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs) : p;
    }
}
