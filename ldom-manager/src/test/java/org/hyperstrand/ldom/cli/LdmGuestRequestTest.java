package org.hyperstrand.ldom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** stop-domain asks the guest first (domain-shutdown); panic-domain asks it to panic (domain-panic). */
class LdmGuestRequestTest extends RunningLdmd {

    private void startDr(String arch, String name) throws Exception {
        ldmd.ok("add-domain", "arch=" + (arch.equals("sparc64") ? "sparc" : "x86"),
                "image=" + LdmdHarness.image(arch, "dr"), "vcpus=1", "memory=32M", name);
        ldmd.ok("bind", name);
        ldmd.ok("start", name);
        ldmd.awaitConsole(name, "dr: ready");
    }

    @Test
    void aPlainStopAsksTheGuestWhichPowersOffByItself() throws Exception {
        for (String arch : new String[] {"sparc64", "x86_64"}) {
            String name = "d" + arch.substring(0, 3);
            startDr(arch, name);
            assertEquals("Domain " + name + " stopped\n", ldmd.ok("stop", name));
            ldmd.awaitConsole(name, "hv runtime: shutdown requested through domain services; powering off\n");
            assertTrue(ldmd.ok("list", "-l", name).contains("LAST RUN\n    exited with status 0x0\n"),
                    ldmd.ok("list", "-l", name));
        }
    }

    @Test
    void panicDomainMakesTheGuestPanic() throws Exception {
        startDr("x86_64", "dp");
        assertEquals("Domain dp panicked\n", ldmd.ok("panic", "dp"));
        ldmd.awaitConsole("dp", "hv runtime: panic requested through domain services\n");
        assertTrue(ldmd.ok("list", "-l", "dp").contains("LAST RUN\n    exited with status 0x86\n"),
                "abort's status, 134: " + ldmd.ok("list", "-l", "dp"));
        assertEquals(new LdmdHarness.Result(1, "", "ldm: domain dp is not active\n"), ldmd.ldm("panic-domain", "dp"));
    }

    @Test
    void aGuestWithoutDomainServicesCannotBeAskedToPanic() throws Exception {
        ldmd.ok("add-domain", "arch=sparc", "image=" + LdmdHarness.image("sparc64", "bench"), "vcpus=1",
                "memory=32M", "db");
        ldmd.ok("bind", "db");
        ldmd.ok("start", "db");
        assertEquals(new LdmdHarness.Result(1, "", "ldm: the guest of domain db does not take part in domain-panic "
                + "(it has not registered the service); stop it instead: ldm stop-domain -f db\n"),
                ldmd.ldm("panic-domain", "db"));
        ldmd.ok("stop", "-f", "db");
    }
}
