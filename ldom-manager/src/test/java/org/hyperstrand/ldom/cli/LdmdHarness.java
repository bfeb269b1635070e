package org.hyperstrand.ldom.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.ldom.config.ConfigException;
import org.hyperstrand.ldom.console.PortRange;
import org.hyperstrand.ldom.daemon.Ldmd;
import org.hyperstrand.ldom.daemon.StateDirectory;

/** An in-process ldmd on a state directory, and ldm run against it as the command line would. */
final class LdmdHarness implements AutoCloseable {

    /** What one ldm run printed and returned. */
    record Result(int status, String out, String err) {
    }

    /**
     * 8 strands and 256M: small enough that tests can run out of either. Console ports from a
     * range well away from the usual 5000, where other programs on a build machine may listen.
     */
    static final Ldmd.Settings SMALL = new Ldmd.Settings(new MachineConfig(8, 256L << 20, 1_000_000_000L,
            1_767_225_600L, 10_000), 200, new PortRange(47100, 47199), 3_000);

    final Path dir;
    Ldmd daemon;

    LdmdHarness(Path dir) throws IOException, ConfigException {
        this.dir = dir;
        this.daemon = Ldmd.start(new StateDirectory(dir), SMALL);
    }

    static Result ldm(Path dir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of("--state-dir", dir.toString()));
        all.addAll(List.of(args));
        int status = LdmMain.run(all, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result ldm(String... args) {
        return ldm(dir, args);
    }

    /** Runs ldm and expects success with no error output; returns stdout. */
    String ok(String... args) {
        Result r = ldm(args);
        if (r.status() != 0 || !r.err().isEmpty()) {
            throw new AssertionError("ldm " + String.join(" ", args) + " failed: " + r);
        }
        return r.out();
    }

    void restart() throws IOException, ConfigException {
        daemon.close();
        daemon = Ldmd.start(new StateDirectory(dir), SMALL);
    }

    /** Waits (a few seconds at most) for the console log of {@code domain} to contain {@code text}. */
    String awaitConsole(String domain, String text) throws IOException, InterruptedException {
        Path log = dir.resolve("console").resolve(domain + ".log");
        String content = "";
        for (int i = 0; i < 500; i++) {
            content = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            if (content.contains(text)) {
                return content;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("console log of " + domain + " never showed '" + text + "'; it has:\n" + content);
    }

    /** Waits (a few seconds at most) until {@code domain}'s guest has stopped by itself and it is bound again. */
    void awaitBound(String domain) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (ok("list", "-p", domain).contains("|state=bound|")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("domain " + domain + " never stopped: " + ok("list", domain));
    }

    /** {@code list -p} output with every console port written as PORT, for comparisons. */
    static String anyPort(String parseable) {
        return parseable.replaceAll("\\|cons=\\d+\\|", "|cons=PORT|");
    }

    static Path image(String arch) {
        return image(arch, "hello");
    }

    /** The prebuilt image of sample guest {@code guest} for {@code arch} (sparc64 or x86_64). */
    static Path image(String arch, String guest) {
        return Path.of(System.getProperty("hyperstrand.root", ".."), "guest-abi", "images", arch, guest + ".elf")
                .toAbsolutePath().normalize();
    }

    @Override
    public void close() throws IOException {
        daemon.close();
    }
}
