package org.hyperstrand.tools.guestinit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hyperstrand.spec.SpecCompiler;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.gen.Language;
import org.hyperstrand.tools.HvMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hv guest init}: what it writes, and what it refuses. GuestSkeletonTest builds and boots the result. */
class GuestInitCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("hyperstrand.root", "..")).toAbsolutePath();

    @TempDir
    Path scratch;

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome hv(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new HvMain());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Outcome(cl.execute(args), out.toString(), err.toString());
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void writesTheRuntimeOfOneArchitectureWithTheSkeleton() throws IOException {
        Path dir = scratch.resolve("a/b/guest");
        Outcome r = hv("guest", "init", "--arch", "x86", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("wrote a x86_64 guest to " + dir), r.out());

        List<String> files = filesUnder(dir);
        for (String required : List.of("Makefile", "main.c", "README.md", "runtime/x86_64/crt0.S",
                "runtime/x86_64/guest.ld", "runtime/libhv/hv_start.c", "runtime/include/stdio.h",
                "runtime/include/hv/runtime.h", "runtime/include/hyperstrand/hv_api.h")) {
            assertTrue(files.contains(required), required + " in " + files);
        }
        assertFalse(files.stream().anyMatch(f -> f.startsWith("runtime/sparc64/") || f.startsWith("runtime/linux-user/")),
                files.toString());
        for (String runtimeFile : List.of("x86_64/crt0.S", "libhv/printf.c", "include/hv/timer.h")) {
            assertArrayEquals(Files.readAllBytes(ROOT.resolve("guest-abi/runtime/" + runtimeFile)),
                    Files.readAllBytes(dir.resolve("runtime/" + runtimeFile)), runtimeFile + " is the tree's copy");
        }
        String makefile = Files.readString(dir.resolve("Makefile"));
        assertTrue(makefile.contains("ARCH := x86_64\n") && makefile.contains("CROSS ?= \n"), makefile);
        assertFalse(Files.readString(dir.resolve("main.c")).contains("@"), "a template placeholder left in main.c");
        try (Stream<Path> siblings = Files.list(dir.getParent())) {
            assertEquals(List.of(dir), siblings.toList(), "no scratch directory left beside the guest");
        }
    }

    @Test
    void theHeaderIsGeneratedFromTheSpecInTheTree() throws IOException {
        Path dir = scratch.resolve("guest");
        assertEquals(0, hv("guest", "init", "--arch", "sparc", dir.toString()).status());
        var spec = SpecCompiler.compileFiles(List.of(ROOT.resolve("specs/hypercalls"))).orThrow();
        String expected = Language.C.generator().generate(spec).stream()
                .filter(f -> f.path().equals("hyperstrand/hv_api.h")).map(GeneratedFile::content).findFirst()
                .orElseThrow();
        assertEquals(expected, Files.readString(dir.resolve("runtime/include/hyperstrand/hv_api.h"),
                StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("Makefile")).contains("CROSS ?= sparc64-linux-gnu-\n"));
    }

    @Test
    void anEmptyDirectoryIsFilled() throws IOException {
        Path dir = Files.createDirectory(scratch.resolve("empty"));
        assertEquals(0, hv("guest", "init", "--arch", "sparc", dir.toString()).status());
        assertTrue(Files.isRegularFile(dir.resolve("runtime/sparc64/crt0.S")));
    }

    @Test
    void aDirectoryWithFilesIsRefusedAndLeftAlone() throws IOException {
        Path dir = Files.createDirectory(scratch.resolve("busy"));
        Files.writeString(dir.resolve("main.c"), "mine\n");
        Outcome r = hv("guest", "init", "--arch", "sparc", dir.toString());
        assertEquals(2, r.status());
        assertEquals("hv guest init: " + dir + " is not empty; give a new or empty directory\n", r.err());
        assertEquals(List.of("main.c"), filesUnder(dir));
        assertEquals("mine\n", Files.readString(dir.resolve("main.c")));
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path file = Files.writeString(scratch.resolve("file"), "x");
        Outcome r = hv("guest", "init", "--arch", "x86", file.toString());
        assertEquals(2, r.status());
        assertEquals("hv guest init: " + file + " exists and is not a directory\n", r.err());
    }

    @Test
    void anUnknownArchitectureIsRefused() {
        Path dir = scratch.resolve("g");
        Outcome r = hv("guest", "init", "--arch", "sparc64", dir.toString());
        assertEquals(2, r.status());
        assertEquals("hv guest init: --arch must be sparc or x86, not 'sparc64'\n", r.err());
        assertFalse(Files.exists(dir));
    }

    @Test
    void guestAloneAsksForASubcommand() {
        Outcome r = hv("guest");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("missing subcommand: init"), r.err());
    }
}
