package org.hyperstrand.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** hv demo runs to the end with every guest's output as its golden says, behind its name. */
class DemoCommandTest {

    private static final Path GUEST_ABI = Path.of(System.getProperty("hyperstrand.root", "..")).resolve("guest-abi");

    private record Run(int status, String out) {
    }

    private static Run run(List<DemoDomain> plan) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = new DemoCommand(new PrintStream(bytes, true, StandardCharsets.ISO_8859_1))
                .run(GUEST_ABI.resolve("images"), plan);
        return new Run(status, bytes.toString(StandardCharsets.ISO_8859_1));
    }

    /** The lines of domain {@code name}, without their prefix, in the order they came. */
    private static String linesOf(String out, String name, int width) {
        String prefix = String.format("[%-" + width + "s] ", name);
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()) + "\n")
                .collect(Collectors.joining());
    }

    private static String golden(String guest, String file) throws IOException {
        return Files.readString(GUEST_ABI.resolve("guests").resolve(guest).resolve(file), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theDefaultDemoRunsBothArchitecturesToTheEnd() throws IOException {
        Run r = run(DemoDomain.DEFAULT);
        assertEquals(0, r.status(), r.out());
        int width = 10;
        String smp = linesOf(r.out(), "sparc-smp", width);
        assertTrue(smp.startsWith("smp: the machine description lists 4 cpus\nsmp: started 3 cpus\n"), smp);
        assertTrue(smp.endsWith("smp: 3 of 3 cpus reported correctly\n"), smp);
        assertEquals(linesOf(r.out(), "sparc-smp", width), linesOf(r.out(), "x86-smp", width),
                "the same C program prints the same on both architectures");
        assertEquals(golden("ldcping", "expected-ping.out"), linesOf(r.out(), "sparc-ping", width));
        assertEquals(golden("ldcping", "expected-pong.out"), linesOf(r.out(), "x86-pong", width));
        String dr = golden("dr", "expected.out") + "hv runtime: shutdown requested through domain services; "
                + "powering off\n";
        assertEquals(dr, linesOf(r.out(), "sparc-dr", width), "two strands added while it runs, one removed");
        assertEquals(dr, linesOf(r.out(), "x86-dr", width));
        assertTrue(r.out().contains("hv demo: ldm add-vcpu 2 x86-dr\n"), r.out());
        assertTrue(r.out().contains("\nx86-dr      x86_64   exited      2     32M"), r.out());
        assertTrue(r.out().contains("NAME        ARCH     STATE    VCPU  MEMORY  INSTRUCTIONS  HYPERCALLS     EXITS  "
                + "STATUS\nsparc-smp   sparc64  exited      4     64M  "), r.out());
    }

    @Test
    void anX86DomainCanPingASparcOne() {
        Run r = run(List.of(new DemoDomain("x86-ping", "x86_64", "ldcping", 1, 32L << 20, "pings"),
                new DemoDomain("sparc-pong", "sparc64", "ldcping", 1, 32L << 20, "answers")));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("[x86-ping  ] ping: sent \"ping 3 from x86_64\", got \"pong 3 from sparc64 to "
                + "\"ping 3 from x86_64\"\"\n"), r.out());
    }

    @Test
    void anX86DomainCopiesToAndFromAndMapsInPagesASparcOneExports() throws IOException {
        Run r = run(List.of(new DemoDomain("sparc-export", "sparc64", "ldcshare", 1, 32L << 20, "exports"),
                new DemoDomain("x86-import", "x86_64", "ldcshare", 1, 32L << 20, "copies")));
        assertEquals(0, r.status(), r.out());
        assertEquals(golden("ldcshare", "expected-export.out"), linesOf(r.out(), "sparc-export", 12));
        assertEquals(golden("ldcshare", "expected-import.out"), linesOf(r.out(), "x86-import", 12));
    }

    @Test
    void aSparcDomainCopiesToAndFromAndMapsInPagesAnX86OneExports() throws IOException {
        Run r = run(List.of(new DemoDomain("x86-export", "x86_64", "ldcshare", 1, 32L << 20, "exports"),
                new DemoDomain("sparc-import", "sparc64", "ldcshare", 1, 32L << 20, "copies")));
        assertEquals(0, r.status(), r.out());
        assertEquals(golden("ldcshare", "expected-export-by-x86_64.out"), linesOf(r.out(), "x86-export", 12));
        assertEquals(golden("ldcshare", "expected-import-by-sparc64.out"), linesOf(r.out(), "sparc-import", 12));
    }

    @Test
    void missingImagesSayHowToBuildThem(@org.junit.jupiter.api.io.TempDir Path empty) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = new DemoCommand(new PrintStream(bytes, true, StandardCharsets.ISO_8859_1))
                .run(empty, DemoDomain.DEFAULT);
        assertEquals(2, status);
        assertTrue(bytes.toString(StandardCharsets.ISO_8859_1).contains("build the images with: make -C guest-abi "
                + "images"));
    }
}
