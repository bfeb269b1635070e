package org.hyperstrand.ldom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hyperstrand.ldom.cli.LdmdHarness.Result;
import org.hyperstrand.ldom.config.ConfigStore;
import org.hyperstrand.ldom.config.StoredDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the configuration store: bin/ldmd is killed with SIGKILL at a random moment
 * while ldm changes domains as fast as it can, again and again; after each kill every file must
 * parse and every change ldm was told was done must be there (a change in flight when the
 * daemon died may be there or not).
 */
class LdmdCrashIT {

    private static final Path ROOT = Path.of(System.getProperty("hyperstrand.root", "..")).toAbsolutePath().normalize();
    private static final int DOMAINS = 4;

    @Test
    void killingTheDaemonDuringWritesLosesNothingItAcknowledged(@TempDir Path dir) throws Exception {
        Random random = new Random(20261206);
        // per domain, the vcpu counts it may have: one after an acknowledged change, two while one is in doubt
        Map<String, Set<Integer>> allowed = new HashMap<>();
        int acknowledged = 0;
        for (int round = 0; round < 5; round++) {
            Process daemon = new ProcessBuilder(ROOT.resolve("bin/ldmd").toString(), "--state-dir", dir.toString(),
                    "--console-ports", "47400-47499").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            awaitServing(dir, daemon);
            long killAt = System.currentTimeMillis() + 100 + random.nextInt(400);
            for (int i = 0; daemon.isAlive(); i++) {
                if (System.currentTimeMillis() >= killAt) {
                    daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                }
                String name = "d" + random.nextInt(DOMAINS);
                int vcpus = 1 + random.nextInt(16);
                boolean exists = allowed.containsKey(name);
                Result r = exists ? LdmdHarness.ldm(dir, "set-vcpu", Integer.toString(vcpus), name)
                        : LdmdHarness.ldm(dir, "add-domain", "arch=sparc", "vcpus=" + vcpus, "memory=4M", name);
                if (r.status() == 0) {
                    allowed.put(name, new HashSet<>(Set.of(vcpus)));
                    acknowledged++;
                } else {
                    assertTrue(r.status() == 3 || !daemon.isAlive(), "refused while the daemon ran: " + r);
                    allowed.computeIfAbsent(name, n -> new HashSet<>(Set.of(0))).add(vcpus); // 0: maybe absent
                }
            }
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
            List<StoredDomain> stored = new ConfigStore(dir.resolve("domains")).loadAll(); // every file parses
            Map<String, Integer> found = new HashMap<>();
            stored.forEach(d -> found.put(d.constraints().name(), d.constraints().vcpus()));
            Map<String, Set<Integer>> survived = new HashMap<>();
            for (Map.Entry<String, Set<Integer>> e : allowed.entrySet()) {
                int has = found.getOrDefault(e.getKey(), 0);
                assertTrue(e.getValue().contains(has), "round " + round + ": domain " + e.getKey() + " has " + has
                        + " vcpus, ldm was told one of " + e.getValue());
                if (has != 0) {
                    survived.put(e.getKey(), new HashSet<>(Set.of(has))); // the state from here on
                }
            }
            assertEquals(survived.keySet(), found.keySet(), "no domain ldm was never told about");
            allowed = survived;
            try (var files = Files.list(dir.resolve("domains"))) {
                assertEquals(List.of(), files.filter(f -> !f.getFileName().toString().endsWith(".yaml")
                        && !f.getFileName().toString().startsWith(".")).toList(), "no stray files");
            }
        }
        assertTrue(acknowledged > 20, "the daemon did work between kills: " + acknowledged);
    }

    private static void awaitServing(Path dir, Process daemon) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (!daemon.isAlive()) {
                throw new AssertionError("ldmd exited at start with status " + daemon.exitValue());
            }
            if (Files.exists(dir.resolve("ldmd.sock")) && LdmdHarness.ldm(dir, "list").status() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("ldmd did not start serving " + dir);
    }
}
