package org.hyperstrand.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/hv as a newcomer runs it, after the build. */
class HvLauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("hyperstrand.root", "..")).toAbsolutePath().normalize();

    private record Run(int status, String out, String err) {
    }

    private static Run hv(Path launcher, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/hv did not finish");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void checksTheHypercallSpec() throws Exception {
        Run r = hv(ROOT.resolve("bin/hv"), "spec", "check", "specs/hypercalls");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("ok: "), r.out());
    }

    @Test
    void reportsASpecTypoWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("typo.hvspec");
        Files.writeString(bad, "/** g */\ngroup core id 0x1 versoins 1.0 arch sparc64 { }\n");
        Run r = hv(ROOT.resolve("bin/hv"), "spec", "check", bad.toString());
        assertEquals(1, r.status());
        assertEquals(bad + ":2:19: error: unexpected 'versoins', expected 'versions'\n1 error\n", r.err());
    }

    @Test
    void printsItsVersion() throws Exception {
        Run r = hv(ROOT.resolve("bin/hv"), "--version");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().matches("hv \\(Hyperstrand\\) \\d+\\.\\d+\\.\\d+.*\\n"), r.out());
    }

    /** From the jar, hv guest init finds the runtime and the spec it packages. */
    @Test
    void theMainJobRunsTheDemoToTheEnd() throws Exception {
        Run r = hv(ROOT.resolve("bin/hv"), "demo");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("[x86-pong  ] pong: got \"ping 3 from sparc64\", answered"), r.out());
    }

    @Test
    void writesASkeletonGuestFromTheJar(@TempDir Path dir) throws Exception {
        Path guest = dir.resolve("guest");
        Run r = hv(ROOT.resolve("bin/hv"), "guest", "init", "--arch", "sparc", guest.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(Files.readString(ROOT.resolve("guest-abi/runtime/sparc64/crt0.S")),
                Files.readString(guest.resolve("runtime/sparc64/crt0.S")));
        assertTrue(Files.readString(guest.resolve("runtime/include/hyperstrand/hv_api.h"))
                .contains("hv_api_set_version("));
    }

    @Test
    void anUnbuiltTreeGetsAOneLineHint(@TempDir Path tree) throws Exception {
        Files.createDirectories(tree.resolve("bin"));
        Path launcher = Files.copy(ROOT.resolve("bin/hv"), tree.resolve("bin/hv"));
        Run r = hv(launcher, "--help");
        assertEquals(2, r.status());
        assertEquals("hv: not built yet; run: mvn -q package -DskipTests\n", r.err());
    }
}
