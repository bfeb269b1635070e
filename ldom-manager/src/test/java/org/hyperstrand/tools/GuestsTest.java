package org.hyperstrand.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every prebuilt guest, sparc64 and x86_64, boots with hv run and prints exactly its golden
 * console output. The conformance programs' goldens come from the same C sources built for
 * Linux and run under qemu-sparc64 / qemu-x86_64, so those runs compare our CPUs and
 * hypervisor with an independent reference. A golden named {@code NAME-ARCH.out} or kept in
 * {@code expected-ARCH/} overrides the shared one where the architectures differ (byte order,
 * trap names).
 */
class GuestsTest {

    private static final Path GUEST_ABI = Path.of(System.getProperty("hyperstrand.root", "..")).resolve("guest-abi");
    private static final List<String> ARCHES = List.of("sparc64", "x86_64");

    private static Path images(String arch) {
        return GUEST_ABI.resolve("images/" + arch);
    }

    /**
     * How a sample guest is run and the exit status it ends with (badtrap and traps: 0x1000 + the
     * trap or vector number, of which hv keeps 8 bits).
     */
    private record Guest(int vcpus, int status, String... options) {
    }

    private static final Map<String, Map<String, Guest>> GUESTS = Map.of(
            "sparc64", Map.of(
                    "hello", new Guest(1, 0),
                    "cleanwin", new Guest(1, 0),
                    "badtrap", new Guest(1, 0x10),
                    "smp", new Guest(8, 0),
                    "mmu", new Guest(1, 0),
                    "timer", new Guest(1, 0),
                    "traps", new Guest(2, 0x13),
                    "tsb", new Guest(1, 0),
                    "ldc", new Guest(1, 0, "--ldc-echo")),
            "x86_64", Map.of(
                    "hello", new Guest(1, 0),
                    "badtrap", new Guest(1, 0x06),
                    "smp", new Guest(8, 0),
                    "mmu", new Guest(1, 0),
                    "timer", new Guest(1, 0),
                    "serial", new Guest(1, 0),
                    "ldc", new Guest(1, 0, "--ldc-echo")));

    /** The golden for {@code arch}: NAME-ARCH.out or DIR-ARCH/NAME.out where one exists, else the shared one. */
    private static Path golden(Path shared, String arch) {
        String name = shared.getFileName().toString();
        Path own = shared.resolveSibling(name.replace(".out", "-" + arch + ".out"));
        Path ownDir = shared.getParent().resolveSibling(shared.getParent().getFileName() + "-" + arch).resolve(name);
        return Files.exists(own) ? own : Files.exists(ownDir) ? ownDir : shared;
    }

    private record Run(int status, String console, String err) {
    }

    private static Run run(Path image) {
        return run(image, 1);
    }

    private static Run run(Path image, int vcpus) {
        return run(image, vcpus, 0);
    }

    private static Run run(Path image, int vcpus, int threads, String... options) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(console));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("--max-instructions", "200000000", "--vcpus",
                Integer.toString(vcpus), "--parallel", Integer.toString(threads)));
        args.addAll(List.of(options));
        args.add(image.toString());
        int status = cl.execute(args.toArray(String[]::new));
        return new Run(status, console.toString(java.nio.charset.StandardCharsets.ISO_8859_1), err.toString());
    }

    @TestFactory
    Stream<DynamicTest> sampleGuests() {
        return ARCHES.stream().flatMap(arch -> GUESTS.get(arch).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(g -> DynamicTest.dynamicTest(arch + " " + g.getKey(), () -> {
                    Run r = run(images(arch).resolve(g.getKey() + ".elf"), g.getValue().vcpus(), 0, g.getValue().options());
                    Path expected = golden(GUEST_ABI.resolve("guests/" + g.getKey() + "/expected.out"), arch);
                    assertEquals(Files.readString(expected), r.console());
                    assertEquals(g.getValue().status(), r.status(), r.err());
                })));
    }

    @org.junit.jupiter.api.Test
    void statsCountInstructionsAndCallsPerCpu() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(console));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("--stats", images("sparc64").resolve("hello.elf").toString()));
        String report = err.toString();
        org.junit.jupiter.api.Assertions.assertTrue(report.startsWith("domain primary: exited\n  cpu 0 (strand 0): "),
                report);
        org.junit.jupiter.api.Assertions.assertTrue(report.contains("api_set_version 2"), report);
        org.junit.jupiter.api.Assertions.assertTrue(report.contains("mach_exit 1"), report);
    }

    /**
     * The smp guest does not race with itself, so host threads must not change what it prints.
     * On x86_64 this leans on queue_state: the entries up to the tail it returns are in memory.
     */
    @TestFactory
    Stream<DynamicTest> smpPrintsTheSameOnSeveralHostThreads() {
        return ARCHES.stream().map(arch -> DynamicTest.dynamicTest(arch, () -> {
            Run r = run(images(arch).resolve("smp.elf"), 8, 2);
            assertEquals(Files.readString(golden(GUEST_ABI.resolve("guests/smp/expected.out"), arch)), r.console());
            assertEquals(0, r.status(), r.err());
        }));
    }

    /** What is piped into hv run reaches the guest's console input, and its end is a hang-up. */
    @TestFactory
    Stream<DynamicTest> typedInputReachesTheGuest() {
        return ARCHES.stream().map(arch -> DynamicTest.dynamicTest(arch, () -> {
            Run r = typed(images(arch).resolve("console.elf"), "hello\nworld\n");
            assertEquals(Files.readString(GUEST_ABI.resolve("guests/console/expected.out")), r.console());
            assertEquals(0, r.status(), r.err());
        }));
    }

    /** hv run of {@code image} with {@code input} on its standard input. */
    private static Run typed(Path image, String input) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(console,
                new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(image.toString());
        return new Run(status, console.toString(java.nio.charset.StandardCharsets.ISO_8859_1), err.toString());
    }

    /**
     * x86_64: typed input reaches the guest through the COM1 UART's receiver too, read with
     * insb, and the hang-up at its end drops the carrier (MSR.DCD).
     */
    @org.junit.jupiter.api.Test
    void typedInputReachesTheSerialGuestThroughTheUart() throws IOException {
        Run r = typed(images("x86_64").resolve("serial.elf"), "hello\nworld\n");
        assertEquals(Files.readString(GUEST_ABI.resolve("guests/serial/expected-typed.out")), r.console());
        assertEquals(0, r.status(), r.err());
    }

    /** Every conformance image of each architecture against its qemu golden. */
    @TestFactory
    Stream<DynamicTest> conformanceCorpusMatchesQemu() throws IOException {
        List<Path> outs;
        try (Stream<Path> expected = Files.list(GUEST_ABI.resolve("conformance/expected"))) {
            outs = expected.filter(p -> p.toString().endsWith(".out")).sorted().toList();
        }
        return ARCHES.stream().flatMap(arch -> outs.stream().map(out -> {
            String name = out.getFileName().toString().replace(".out", "");
            return new Object[] {arch, name, images(arch).resolve("conf-" + name + ".elf"), golden(out, arch)};
        })).filter(c -> Files.exists((Path) c[2])).map(c -> DynamicTest.dynamicTest(c[0] + " " + c[1], () -> {
            Run r = run((Path) c[2]);
            assertEquals(Files.readString((Path) c[3], java.nio.charset.StandardCharsets.ISO_8859_1), r.console());
            assertEquals(0, r.status(), r.err());
        }));
    }
}
