package org.hyperstrand.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every prebuilt sparc64 guest boots with hv run and prints exactly its golden console output.
 * The conformance programs' goldens come from the same C sources built for Linux and run under
 * qemu-sparc64, so those runs compare our CPU and hypervisor with an independent reference.
 */
class SparcGuestsTest {

    private static final Path GUEST_ABI = Path.of(System.getProperty("hyperstrand.root", "..")).resolve("guest-abi");
    private static final Path IMAGES = GUEST_ABI.resolve("images/sparc64");

    /** How a sample guest is run and the exit status it ends with (badtrap: 0x1010, of which hv keeps 8 bits). */
    private record Guest(int vcpus, int status) {
    }

    private static final Map<String, Guest> GUESTS = Map.of(
            "hello", new Guest(1, 0),
            "cleanwin", new Guest(1, 0),
            "badtrap", new Guest(1, 0x10),
            "smp", new Guest(8, 0),
            "mmu", new Guest(1, 0));

    private record Run(int status, String console, String err) {
    }

    private static Run run(Path image) {
        return run(image, 1);
    }

    private static Run run(Path image, int vcpus) {
        return run(image, vcpus, 0);
    }

    private static Run run(Path image, int vcpus, int threads) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(console));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute("--max-instructions", "200000000", "--vcpus", Integer.toString(vcpus),
                "--parallel", Integer.toString(threads), image.toString());
        return new Run(status, console.toString(java.nio.charset.StandardCharsets.ISO_8859_1), err.toString());
    }

    @TestFactory
    Stream<DynamicTest> sampleGuests() {
        return GUESTS.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(g -> DynamicTest.dynamicTest(
                g.getKey(), () -> {
                    Run r = run(IMAGES.resolve(g.getKey() + ".elf"), g.getValue().vcpus());
                    assertEquals(Files.readString(GUEST_ABI.resolve("guests/" + g.getKey() + "/expected.out")),
                            r.console());
                    assertEquals(g.getValue().status(), r.status(), r.err());
                }));
    }

    @org.junit.jupiter.api.Test
    void statsCountInstructionsAndCallsPerCpu() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(console));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("--stats", IMAGES.resolve("hello.elf").toString()));
        String report = err.toString();
        org.junit.jupiter.api.Assertions.assertTrue(report.startsWith("domain primary: exited\n  cpu 0 (strand 0): "),
                report);
        org.junit.jupiter.api.Assertions.assertTrue(report.contains("api_set_version 2"), report);
        org.junit.jupiter.api.Assertions.assertTrue(report.contains("mach_exit 1"), report);
    }

    /** The smp guest does not race with itself, so host threads must not change what it prints. */
    @org.junit.jupiter.api.Test
    void smpPrintsTheSameOnSeveralHostThreads() throws IOException {
        Run r = run(IMAGES.resolve("smp.elf"), 8, 2);
        assertEquals(Files.readString(GUEST_ABI.resolve("guests/smp/expected.out")), r.console());
        assertEquals(0, r.status(), r.err());
    }

    @TestFactory
    Stream<DynamicTest> conformanceCorpusMatchesQemu() throws IOException {
        try (Stream<Path> expected = Files.list(GUEST_ABI.resolve("conformance/expected"))) {
            return expected.filter(p -> p.toString().endsWith(".out")).sorted().toList().stream().map(out -> {
                String name = out.getFileName().toString().replace(".out", "");
                return DynamicTest.dynamicTest(name, () -> {
                    Run r = run(IMAGES.resolve("conf-" + name + ".elf"));
                    assertEquals(Files.readString(out, java.nio.charset.StandardCharsets.ISO_8859_1), r.console());
                    assertEquals(0, r.status(), r.err());
                });
            });
        }
    }
}
