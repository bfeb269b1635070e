package org.hyperstrand.guestabi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The golden outputs of the conformance corpus ({@code guest-abi/conformance/expected/NAME.out})
 * are what each program prints as an ordinary static Linux program on glibc, run under
 * {@code qemu-sparc64}. A guest build of the same source must print exactly this on the emulated
 * CPU. This test rebuilds the reference and compares, and also runs the corpus linked with libhv
 * in Linux user mode, so that libhv's printf and string functions are known to agree with glibc
 * on everything the corpus prints.
 *
 * <p>To refresh the golden files after changing a program: {@code make -C guest-abi expected}.
 * {@link X86ConformanceReferenceTest} does the same for x86_64.
 */
class ConformanceReferenceTest {

    private static final Duration COMPILE_LIMIT = Duration.ofSeconds(60);
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);
    private static final String REFRESH = "if the program changed on purpose, run `make -C guest-abi expected` "
            + "and commit conformance/expected/";

    @TempDir
    Path scratch;

    static List<String> corpus() throws IOException {
        Path dir = ExternalTools.guestAbi().resolve("conformance");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c"))
                    .map(n -> n.substring(0, n.length() - 2)).sorted().toList();
        }
    }

    private static byte[] expected(String name) throws IOException {
        Path file = ExternalTools.guestAbi().resolve("conformance/expected/" + name + ".out");
        assertTrue(Files.isRegularFile(file), "no golden output " + file + "; " + REFRESH);
        return Files.readAllBytes(file);
    }

    private static void assertSameOutput(String what, String name, byte[] want, ExternalTools.Result got) {
        assertFalse(got.timedOut(), what + " " + name + " did not finish in " + RUN_LIMIT);
        if (!java.util.Arrays.equals(want, got.stdout())) {
            fail(what + " " + name + " printed something else than conformance/expected/" + name + ".out, at "
                    + ExternalTools.firstDifference(want, got.stdout()) + "\n" + REFRESH);
        }
        assertEquals(0, got.exitCode(), what + " " + name + " exited with " + got.describe());
    }

    /** Run the tool checks; a skip becomes one visible skipped test instead of an empty factory. */
    static Stream<DynamicTest> skippedIfMissing(ThrowingRunnable checks) throws IOException {
        try {
            checks.run();
            return null;
        } catch (TestAbortedException e) {
            return Stream.of(DynamicTest.dynamicTest("tools missing", () -> {
                throw e;
            }));
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws IOException;
    }

    @TestFactory
    Stream<DynamicTest> glibcBuildPrintsTheGoldenOutput() throws IOException {
        Stream<DynamicTest> skipped = skippedIfMissing(() -> {
            ExternalTools.require(ExternalTools.CROSS_GCC, "gcc-sparc64-linux-gnu");
            ExternalTools.require(ExternalTools.QEMU, "qemu-user");
            ExternalTools.requireCrossGlibc(scratch);
        });
        if (skipped != null) {
            return skipped;
        }
        List<String> names = corpus();
        assertFalse(names.isEmpty(), "the conformance corpus is empty");
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path source = ExternalTools.guestAbi().resolve("conformance/" + name + ".c");
            Path binary = scratch.resolve(name);
            ExternalTools.Result cc = ExternalTools.run(List.of(ExternalTools.CROSS_GCC, "-O2", "-static",
                    source.toString(), "-o", binary.toString()), scratch, COMPILE_LIMIT);
            assertEquals(0, cc.exitCode(), "compiling " + name + ".c: " + cc.describe());
            ExternalTools.Result run = ExternalTools.run(List.of(ExternalTools.QEMU, binary.toString()), scratch,
                    RUN_LIMIT);
            assertSameOutput("the glibc build of", name, expected(name), run);
        }));
    }

    @TestFactory
    Stream<DynamicTest> libhvBuildPrintsTheGoldenOutput() throws IOException {
        Stream<DynamicTest> skipped = skippedIfMissing(() -> {
            ExternalTools.require(ExternalTools.CROSS_GCC, "gcc-sparc64-linux-gnu");
            ExternalTools.require(ExternalTools.QEMU, "qemu-user");
            ExternalTools.require(ExternalTools.MAKE, "make");
        });
        if (skipped != null) {
            return skipped;
        }
        Path header = GuestImagesTest.generatedHeaderDir();
        List<String> names = corpus();
        Path build = scratch.resolve("build");
        ExternalTools.Result make = ExternalTools.run(List.of(ExternalTools.MAKE, "-j4",
                GuestArch.SPARC64.makeArch(), "linux-libhv", "BUILD=" + build, "HV_API_H_DIR=" + header),
                ExternalTools.guestAbi(), COMPILE_LIMIT.multipliedBy(3), Map.of());
        assertEquals(0, make.exitCode(), "make linux-libhv: " + make.describe());
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path binary = build.resolve("linux-libhv/" + GuestArch.SPARC64.dir + "/" + name);
            ExternalTools.Result run = ExternalTools.run(List.of(ExternalTools.QEMU, binary.toString()), scratch,
                    RUN_LIMIT);
            assertSameOutput("the libhv (Linux user mode) build of", name, expected(name), run);
        }));
    }
}
