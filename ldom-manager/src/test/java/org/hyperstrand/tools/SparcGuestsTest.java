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

    /** Sample guests and the exit status each ends with (badtrap: 0x1010, of which hv keeps 8 bits). */
    private static final Map<String, Integer> GUESTS = Map.of("hello", 0, "cleanwin", 0, "badtrap", 0x10);

    private record Run(int status, String console, String err) {
    }

    private static Run run(Path image) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(console));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute("--max-instructions", "200000000", image.toString());
        return new Run(status, console.toString(java.nio.charset.StandardCharsets.ISO_8859_1), err.toString());
    }

    @TestFactory
    Stream<DynamicTest> sampleGuests() {
        return GUESTS.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(g -> DynamicTest.dynamicTest(
                g.getKey(), () -> {
                    Run r = run(IMAGES.resolve(g.getKey() + ".elf"));
                    assertEquals(Files.readString(GUEST_ABI.resolve("guests/" + g.getKey() + "/expected.out")),
                            r.console());
                    assertEquals(g.getValue(), r.status(), r.err());
                }));
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
