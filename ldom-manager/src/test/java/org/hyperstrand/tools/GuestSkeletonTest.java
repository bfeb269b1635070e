package org.hyperstrand.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * What a porter does first, end to end: {@code hv guest init}, {@code make} in the new directory
 * (with nothing from the Hyperstrand tree), and {@code hv run guest.elf}, which must print the
 * skeleton's greeting and exit with status 0.
 */
class GuestSkeletonTest {

    @TempDir
    Path scratch;

    @ParameterizedTest
    @CsvSource({"sparc, sparc64, sparc64-linux-gnu-gcc, gcc-sparc64-linux-gnu", "x86, x86_64, gcc, gcc"})
    void aNewGuestBuildsAndBoots(String option, String arch, String compiler, String compilerPackage)
            throws IOException {
        RequiredTools.require(compiler, compilerPackage);
        RequiredTools.require("make", "make");
        Path dir = scratch.resolve("new-guest");

        StringWriter initErr = new StringWriter();
        CommandLine hv = new CommandLine(new HvMain());
        hv.setOut(new PrintWriter(new StringWriter(), true));
        hv.setErr(new PrintWriter(initErr, true));
        assertEquals(0, hv.execute("guest", "init", "--arch", option, dir.toString()), initErr.toString());

        HostTools.Result make = HostTools.run(List.of("make", "-C", dir.toString()), 300);
        assertEquals(0, make.status(), "make: " + make.stdout() + make.stderr());

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter runErr = new StringWriter();
        CommandLine run = new CommandLine(new RunCommand(console));
        run.setErr(new PrintWriter(runErr, true));
        int status = run.execute("--max-instructions", "50000000", dir.resolve("guest.elf").toString());
        assertEquals("Hello from a new Hyperstrand " + arch + " guest.\n", console.toString(StandardCharsets.ISO_8859_1));
        assertEquals(0, status, runErr.toString());
    }

    /**
     * The skeleton's Makefile repeats guest-abi/Makefile's compiler and flags (it must build
     * without the tree): what {@code make -n} would run for a runtime source, crt0, a guest source
     * and the link must be the same in both, paths aside.
     */
    @ParameterizedTest
    @CsvSource({"sparc, sparc64", "x86, x86_64"})
    void theSkeletonBuildsWithGuestAbisCompilerAndFlags(String option, String arch) throws IOException {
        RequiredTools.require("make", "make");
        Path dir = scratch.resolve("new-guest");
        CommandLine hv = new CommandLine(new HvMain());
        hv.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(0, hv.execute("guest", "init", "--arch", option, dir.toString()));
        List<String> skeleton = dryRun(List.of("make", "-n", "-B", "-C", dir.toString(),
                "build/runtime/libhv/string.o", "build/runtime/" + arch + "/crt0.o", "build/main.o", "guest.elf"));

        Path guestAbi = Path.of(System.getProperty("hyperstrand.root", "..")).resolve("guest-abi").toAbsolutePath();
        Path build = scratch.resolve("guest-abi-build");
        List<String> tree = dryRun(List.of("make", "-n", "-B", "-C", guestAbi.toString(), "ARCH=" + arch,
                "BUILD=" + build, "HV_API_H_DIR=" + scratch.resolve("no-header"),
                build + "/obj/" + arch + "/runtime/libhv/string.o",
                build + "/obj/" + arch + "/runtime/" + arch + "/crt0.o",
                build + "/obj/" + arch + "/guests/hello/hello.o", build + "/guests/" + arch + "/hello.elf"));

        for (String[] step : List.of(new String[] {"runtime/libhv/string.c", "runtime/libhv/string.c"},
                new String[] {"runtime/" + arch + "/crt0.S", "runtime/" + arch + "/crt0.S"},
                new String[] {" main.c", "guests/hello/hello.c"}, new String[] {" -T ", " -T "})) {
            assertEquals(flags(tree, step[1]), flags(skeleton, step[0]), "the command for " + step[0].strip());
        }
    }

    private List<String> dryRun(List<String> command) throws IOException {
        HostTools.Result r = HostTools.run(command, 60);
        assertEquals(0, r.status(), String.join(" ", command) + ": " + r.stderr());
        return r.stdout().lines().toList();
    }

    /** The compiler and the options of the one command line that names {@code marker}, without paths. */
    private static List<String> flags(List<String> commands, String marker) {
        List<String> lines = commands.stream().filter(l -> l.contains(marker) && !l.startsWith("mkdir")).toList();
        assertEquals(1, lines.size(), "one command with " + marker + " in " + commands);
        List<String> words = Arrays.asList(lines.get(0).trim().split("\\s+"));
        Predicate<String> isPath = w -> w.startsWith("-I") || w.startsWith("-ffile-prefix-map=");
        return java.util.stream.Stream.concat(words.stream().limit(1),
                words.stream().skip(1).filter(w -> w.startsWith("-") && !isPath.test(w))).toList();
    }
}
