package org.hyperstrand.guestabi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance corpus's golden outputs for x86_64. A program prints the same thing on both
 * architectures unless its output depends on byte order: then its x86_64 golden output is
 * {@code conformance/expected-x86_64/NAME.out}, otherwise the shared {@code conformance/expected/NAME.out}.
 * As {@link ConformanceReferenceTest} does for sparc64, this test builds each program as a static
 * glibc program with the native gcc and runs it under {@code qemu-x86_64} (and directly, on an
 * x86-64 host), and runs the corpus linked with libhv in Linux user mode, so that libhv and its
 * x86_64 helpers are known to print what glibc prints.
 *
 * <p>The corpus for x86_64 is what the Makefile builds for it ({@code make ARCH=x86_64
 * list-conformance}): it leaves out the SPARC-only programs.
 */
class X86ConformanceReferenceTest {

    private static final GuestArch ARCH = GuestArch.X86_64;
    private static final Duration COMPILE_LIMIT = Duration.ofSeconds(60);
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);
    private static final String REFRESH = "if the program changed on purpose, run `make -C guest-abi expected` "
            + "and commit conformance/expected/ and conformance/expected-x86_64/";

    @TempDir
    Path scratch;

    private static Path conformance() {
        return ExternalTools.guestAbi().resolve("conformance");
    }

    private static Path ownGoldens() {
        return conformance().resolve("expected-" + ARCH.dir);
    }

    /** The x86_64 golden file of a program: its own where there is one, else the shared one. */
    static Path goldenFile(String name) {
        Path own = ownGoldens().resolve(name + ".out");
        return Files.isRegularFile(own) ? own : conformance().resolve("expected/" + name + ".out");
    }

    private static byte[] expected(String name) throws IOException {
        Path file = goldenFile(name);
        assertTrue(Files.isRegularFile(file), "no golden output " + file + "; " + REFRESH);
        return Files.readAllBytes(file);
    }

    private static boolean hostIsX86_64() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** The programs the Makefile builds for x86_64. */
    private List<String> corpus() throws IOException {
        ExternalTools.Result list = ExternalTools.run(List.of(ExternalTools.MAKE, "-s", ARCH.makeArch(),
                "list-conformance"), ExternalTools.guestAbi(), COMPILE_LIMIT);
        assertEquals(0, list.exitCode(), "make list-conformance: " + list.describe());
        List<String> names = list.stdoutText().lines().map(String::strip).filter(n -> !n.isEmpty()).toList();
        assertFalse(names.isEmpty(), "the conformance corpus for x86_64 is empty");
        return names;
    }

    private static void assertSameOutput(String what, String name, byte[] want, ExternalTools.Result got) {
        assertFalse(got.timedOut(), what + " " + name + " did not finish in " + RUN_LIMIT);
        if (!Arrays.equals(want, got.stdout())) {
            Path golden = ExternalTools.guestAbi().relativize(goldenFile(name));
            fail(what + " " + name + " printed something else than " + golden + ", at "
                    + ExternalTools.firstDifference(want, got.stdout()) + "\n" + REFRESH);
        }
        assertEquals(0, got.exitCode(), what + " " + name + " exited with " + got.describe());
    }

    @TestFactory
    Stream<DynamicTest> glibcBuildPrintsTheGoldenOutput() throws IOException {
        Stream<DynamicTest> skipped = ConformanceReferenceTest.skippedIfMissing(() -> {
            ExternalTools.require(ARCH.gcc, ARCH.gccPackage);
            ExternalTools.require(ARCH.qemu, "qemu-user");
            ExternalTools.require(ExternalTools.MAKE, "make");
            ExternalTools.requireStaticGlibc(ARCH, scratch);
        });
        if (skipped != null) {
            return skipped;
        }
        return corpus().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path source = conformance().resolve(name + ".c");
            Path binary = scratch.resolve(name);
            ExternalTools.Result cc = ExternalTools.run(List.of(ARCH.gcc, "-O2", "-static", source.toString(), "-o",
                    binary.toString()), scratch, COMPILE_LIMIT);
            assertEquals(0, cc.exitCode(), "compiling " + name + ".c: " + cc.describe());
            byte[] want = expected(name);
            assertSameOutput("the glibc build of", name, want,
                    ExternalTools.run(List.of(ARCH.qemu, binary.toString()), scratch, RUN_LIMIT));
            if (hostIsX86_64()) {
                assertSameOutput("the glibc build, run natively, of", name, want,
                        ExternalTools.run(List.of(binary.toString()), scratch, RUN_LIMIT));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> libhvBuildPrintsTheGoldenOutput() throws IOException {
        Stream<DynamicTest> skipped = ConformanceReferenceTest.skippedIfMissing(() -> {
            ExternalTools.require(ARCH.gcc, ARCH.gccPackage);
            ExternalTools.require(ARCH.qemu, "qemu-user");
            ExternalTools.require(ExternalTools.MAKE, "make");
        });
        if (skipped != null) {
            return skipped;
        }
        Path header = GuestImagesTest.generatedHeaderDir();
        List<String> names = corpus();
        Path build = scratch.resolve("build");
        ExternalTools.Result make = ExternalTools.run(List.of(ExternalTools.MAKE, "-j4", ARCH.makeArch(),
                "linux-libhv", "BUILD=" + build, "HV_API_H_DIR=" + header), ExternalTools.guestAbi(),
                COMPILE_LIMIT.multipliedBy(3), Map.of());
        assertEquals(0, make.exitCode(), "make " + ARCH.makeArch() + " linux-libhv: " + make.describe());
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path binary = build.resolve("linux-libhv/" + ARCH.dir + "/" + name);
            assertSameOutput("the libhv (Linux user mode) build of", name, expected(name),
                    ExternalTools.run(List.of(ARCH.qemu, binary.toString()), scratch, RUN_LIMIT));
        }));
    }

    /** An x86_64 golden file exists only for a program that has a source and prints something else there. */
    @Test
    void ownGoldenFilesAreNeeded() throws IOException {
        if (!Files.isDirectory(ownGoldens())) {
            return;
        }
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(ownGoldens())) {
            for (Path own : files.sorted().toList()) {
                String file = own.getFileName().toString();
                if (!file.endsWith(".out")) {
                    problems.add(file + ": not a NAME.out golden file");
                    continue;
                }
                String name = file.substring(0, file.length() - 4);
                Path shared = conformance().resolve("expected/" + file);
                if (!Files.isRegularFile(conformance().resolve(name + ".c"))) {
                    problems.add(file + ": no conformance/" + name + ".c");
                } else if (Files.isRegularFile(shared)
                        && Arrays.equals(Files.readAllBytes(own), Files.readAllBytes(shared))) {
                    problems.add(file + ": the same as conformance/expected/" + file + " (delete it)");
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("conformance/expected-" + ARCH.dir + ":\n  " + String.join("\n  ", problems) + "\n" + REFRESH);
        }
    }
}
