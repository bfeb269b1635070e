package org.hyperstrand.guestabi;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The cross toolchain and emulator the guest-abi tests drive: finding them, and running them
 * with a time limit. A missing tool skips the test on a developer's machine, but fails it under
 * CI ({@code CI=true}), naming the Debian package to install, so a CI run cannot go green by
 * silently testing nothing.
 */
final class ExternalTools {

    static final String CROSS_GCC = "sparc64-linux-gnu-gcc";
    static final String QEMU = "qemu-sparc64";
    static final String MAKE = "make";

    private ExternalTools() {
    }

    /** The repository root (surefire passes it; running from the module directory also works). */
    static Path root() {
        return Path.of(System.getProperty("hyperstrand.root", "..")).toAbsolutePath().normalize();
    }

    static Path guestAbi() {
        return root().resolve("guest-abi");
    }

    /** What a run left behind. */
    record Result(int exitCode, byte[] stdout, String stderr, boolean timedOut) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String describe() {
            return (timedOut ? "timed out" : "exit code " + exitCode) + (stderr.isBlank() ? "" : "\n" + stderr);
        }
    }

    /** Make sure a tool runs ({@code tool --version}); otherwise skip, or fail under CI. */
    static void require(String tool, String debianPackage) {
        if (!runs(List.of(tool, "--version"))) {
            missing(tool + " is not installed", debianPackage);
        }
    }

    /** The cross compiler can build a static glibc program (needs the sparc64 libc headers). */
    static void requireCrossGlibc(Path scratch) throws IOException {
        requireStaticGlibc(GuestArch.SPARC64, scratch);
    }

    /** The architecture's compiler can build a static glibc program (needs its libc headers and libc.a). */
    static void requireStaticGlibc(GuestArch arch, Path scratch) throws IOException {
        Path source = scratch.resolve("glibc-probe.c");
        Files.writeString(source, "#include <stdio.h>\nint main(void) { puts(\"ok\"); return 0; }\n");
        Result r = run(List.of(arch.gcc, "-O2", "-static", source.toString(), "-o",
                scratch.resolve("glibc-probe-" + arch.dir).toString()), scratch, Duration.ofSeconds(60));
        if (r.exitCode() != 0) {
            missing(arch.gcc + " cannot build a static glibc program: " + r.stderr().strip(), arch.glibcPackage);
        }
    }

    static void missing(String what, String debianPackage) {
        String message = what + "; install the Debian package " + debianPackage
                + " (apt-get install " + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    static boolean runs(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Result run(List<String> command, Path directory, Duration timeout) throws IOException {
        return run(command, directory, timeout, Map.of());
    }

    /** Run a command in a directory with extra environment variables; output goes through files. */
    static Result run(List<String> command, Path directory, Duration timeout, Map<String, String> env)
            throws IOException {
        Path out = Files.createTempFile("hs-tool", ".out");
        Path err = Files.createTempFile("hs-tool", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(-1, Files.readAllBytes(out), Files.readString(err), true);
            }
            return new Result(process.exitValue(), Files.readAllBytes(out),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8), false);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The first line where two outputs differ, for failure messages. */
    static String firstDifference(byte[] expected, byte[] actual) {
        String[] want = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] got = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.max(want.length, got.length); i++) {
            String w = i < want.length ? want[i] : "<end of output>";
            String g = i < got.length ? got[i] : "<end of output>";
            if (!w.equals(g)) {
                return "line " + (i + 1) + ":\n  expected: " + w + "\n  actual:   " + g;
            }
        }
        return "outputs differ in bytes only";
    }
}
