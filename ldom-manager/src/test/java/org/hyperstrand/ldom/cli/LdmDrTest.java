package org.hyperstrand.ldom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Strands added to and removed from running domains (issue 5, ldm-cli.md 3.3): the dr guest
 * cooperates on both architectures side by side; drstubborn never answers a configure request
 * and refuses every unconfigure one that is not forced; the bench guest never registers dr-cpu.
 */
class LdmDrTest extends RunningLdmd {

    private static final Path GUESTS = Path.of(System.getProperty("hyperstrand.root", ".."), "guest-abi", "guests");

    private void startDomain(String arch, String guest, String name, int vcpus) throws Exception {
        ldmd.ok("add-domain", "arch=" + (arch.equals("sparc64") ? "sparc" : "x86"),
                "image=" + LdmdHarness.image(arch, guest), "vcpus=" + vcpus, "memory=32M", name);
        ldmd.ok("bind", name);
        ldmd.ok("start", name);
    }

    private String vcpus(String name) {
        String p = ldmd.ok("list", "-p", name);
        return p.replaceAll("(?s).*\\|ncpu=(\\d+)\\|.*", "$1");
    }

    private void refused(String message, String... args) {
        LdmdHarness.Result r = ldmd.ldm(args);
        assertEquals(1, r.status(), r.toString());
        assertEquals("ldm: " + message + "\n", r.err());
    }

    @Test
    void sparcAndX86DomainsGainAndLoseStrandsWhileTheyRun() throws Exception {
        startDomain("sparc64", "dr", "dsparc", 1);
        startDomain("x86_64", "dr", "dx86", 1);
        for (String d : new String[] {"dsparc", "dx86"}) {
            ldmd.awaitConsole(d, "dr: ready, 1 cpus online\n");
        }
        for (String d : new String[] {"dsparc", "dx86"}) {
            assertEquals("", ldmd.ok("add-vcpu", "2", d));
            assertEquals("3", vcpus(d));
            ldmd.awaitConsole(d, "dr: cpu 2 configured, now 3 cpus online\n");
        }
        assertEquals(2, freeStrands(), "8 strands less two domains of 3");
        for (String d : new String[] {"dsparc", "dx86"}) {
            assertEquals("", ldmd.ok("remove-vcpu", "1", d));
            assertEquals("2", vcpus(d));
        }
        assertEquals(4, freeStrands());
        String golden = Files.readString(GUESTS.resolve("dr/expected.out"));
        for (String d : new String[] {"dsparc", "dx86"}) {
            String log = ldmd.awaitConsole(d, "dr: cpu 2 unconfigured, now 2 cpus online\n");
            assertEquals(golden, log, d);
            assertTrue(ldmd.ok("list", "-p", d).contains("|state=active|"), "still running");
            assertEquals(2, ldmd.ok("list-devices", "-a", "-p", "cpu").lines().filter(l -> l.endsWith("|bound=" + d))
                    .count(), "the strands the domain holds");
        }
        ldmd.ok("set-vcpu", "3", "dx86");
        assertEquals("3", vcpus("dx86"));
        ldmd.awaitConsole("dx86", "dr: cpu 2 configured, now 3 cpus online\n");
        for (String d : new String[] {"dsparc", "dx86"}) {
            ldmd.ok("stop", "-f", d);
            assertTrue(ldmd.ok("list", "-p", d).contains("|state=bound|"));
        }
        assertEquals("3", vcpus("dx86"), "the new count is the domain's constraint");
    }

    private int freeStrands() {
        String devices = ldmd.ok("list-devices", "-p", "cpu");
        return (int) devices.lines().filter(l -> l.startsWith("|pid=")).count();
    }

    @Test
    void aSilentGuestLeavesTheDomainAsItWas() throws Exception {
        startDomain("x86_64", "drstubborn", "ds", 1);
        startDomain("sparc64", "dr", "other", 1);
        ldmd.awaitConsole("ds", "drstubborn: ready\n");
        ldmd.awaitConsole("other", "dr: ready, 1 cpus online\n");
        CompletableFuture<LdmdHarness.Result> waiting = CompletableFuture.supplyAsync(() -> ldmd.ldm("add-vcpu", "2",
                "ds"));
        ldmd.awaitConsole("ds", "drstubborn: not answering a request to configure 2 cpus\n");
        // while ldmd waits for the guest, listings and other domains are served; this one is busy
        assertTrue(ldmd.ok("list", "-p", "ds").contains("|state=active|flags=-t----|"));
        refused("domain ds is busy reconfiguring its vcpus; try again when that has finished", "stop", "ds");
        assertEquals("", ldmd.ok("add-vcpu", "1", "other"));
        assertFalse(waiting.isDone(), "the request to ds is still waiting for its guest");
        LdmdHarness.Result r = waiting.get(30, TimeUnit.SECONDS);
        assertEquals(1, r.status(), r.toString());
        assertEquals("ldm: domain ds did not answer the request to configure cpus 1, 2 within 3 seconds; its vcpus "
                + "are unchanged\n", r.err());
        assertEquals("1", vcpus("ds"));
        assertTrue(ldmd.ok("list", "-p", "ds").contains("|state=active|flags=-n----|"));
        ldmd.ok("stop", "-f", "ds");
        ldmd.ok("stop", "-f", "other");
    }

    @Test
    void aRefusingGuestKeepsItsStrandsUnlessForced() throws Exception {
        startDomain("sparc64", "drstubborn", "ds", 3);
        ldmd.awaitConsole("ds", "drstubborn: ready\n");
        refused("domain ds refused to unconfigure cpu 2 (cpu 2: cpu is busy); its vcpus are unchanged; remove them "
                + "by force: ldm remove-vcpu -f 1 ds", "remove-vcpu", "1", "ds");
        assertEquals("3", vcpus("ds"));
        refused("domain ds is active and keeps at least 1 vcpu; it has 3, so at most 2 can be removed",
                "remove-vcpu", "-f", "3", "ds");
        assertEquals("", ldmd.ok("remove-vcpu", "-f", "2", "ds"));
        assertEquals("1", vcpus("ds"));
        // -f tells the guest with a forced unconfigure, which its runtime does not let it refuse
        ldmd.awaitConsole("ds", "drstubborn: forced to unconfigure 2 cpus, 1 online\n");
        assertTrue(ldmd.ok("list", "-p", "ds").contains("|state=active|"));
        ldmd.ok("stop", "-f", "ds");
    }

    @Test
    void aGuestWithoutDomainServicesIsRefusedClearly() throws Exception {
        startDomain("sparc64", "bench", "db", 1);
        refused("the guest of domain db does not take part in dynamic reconfiguration (it has not registered "
                + "dr-cpu); stop it first: ldm stop-domain db", "add-vcpu", "1", "db");
        refused("cannot add 8 vcpus to domain db: 7 of 8 strands are free", "add-vcpu", "8", "db");
        assertEquals("1", vcpus("db"));
        ldmd.ok("stop", "-f", "db");
    }
}
