package org.hyperstrand.ldom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperstrand.ldom.cli.LdmdHarness.Result;
import org.junit.jupiter.api.Test;

/** ldm against an in-process ldmd over its socket: the lifecycle, its refusals and the listings. */
class LdmLifecycleTest extends RunningLdmd {

    final String sparc = LdmdHarness.image("sparc64").toString();
    final String x86 = LdmdHarness.image("x86_64").toString();

    private void refused(String message, String... args) {
        Result r = ldmd.ldm(args);
        assertEquals(new Result(1, "", "ldm: " + message + "\n"), r, String.join(" ", args));
    }

    @Test
    void aSparcAndAnX86DomainRunSideBySideAndTheirConsolesAreLogged() throws Exception {
        ldmd.ok("add-domain", "arch=sparc", "image=" + sparc, "vcpus=1", "memory=64M", "ldg1");
        ldmd.ok("create", "arch=x86", "image=" + x86, "vcpus=2", "memory=32M", "ldg2");
        assertEquals("""
                NAME             STATE      FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME        ARCH
                ldg1             inactive   ------          1     64M                          sparc
                ldg2             inactive   ------          2     32M                          x86
                """, ldmd.ok("list"));
        ldmd.ok("bind-domain", "ldg1");
        ldmd.ok("bind", "ldg2");
        assertEquals("Domain ldg1 started\n", ldmd.ok("start-domain", "ldg1"));
        assertEquals("Domain ldg2 started\n", ldmd.ok("start", "ldg2"));
        String golden = "memory: %d MiB at real address 0, API group core 1.1\n"
                + "numbers: -42     7|7    | 0000beef 0x100000 done\n";
        assertEquals("Hello from a Hyperstrand sparc64 guest!\n" + String.format(golden, 64),
                ldmd.awaitConsole("ldg1", "done\n"));
        assertEquals("Hello from a Hyperstrand x86_64 guest!\n" + String.format(golden, 32),
                ldmd.awaitConsole("ldg2", "done\n"));
        // the guests exit by themselves: both are bound again, as after stop-domain
        ldmd.awaitBound("ldg1");
        ldmd.awaitBound("ldg2");
        assertEquals("""
                VERSION 1.0
                DOMAIN|name=ldg1|state=bound|flags=------|cons=PORT|ncpu=1|mem=67108864|util=|uptime=|arch=sparc
                DOMAIN|name=ldg2|state=bound|flags=------|cons=PORT|ncpu=2|mem=33554432|util=|uptime=|arch=x86
                """, LdmdHarness.anyPort(ldmd.ok("list", "-p")));
        assertTrue(ldmd.ok("list", "-l", "ldg1").contains("LAST RUN\n    exited with status 0x0\n"));
        ldmd.ok("start", "ldg1");
        ldmd.awaitConsole("ldg1", "done\n" + "Hello");
    }

    @Test
    void theLifecycleRefusesWhatItsStateDoesNotAllowAndSaysWhatToDo() {
        refused("usage: ldm add-domain arch=sparc|x86 [image=PATH] [vcpus=N] [memory=SIZE] [auto-boot=on|off] NAME, "
                + "or add-domain -i FILE", "add-domain", "arch=sparc");
        refused("add-domain needs arch=sparc or arch=x86; usage: ldm add-domain arch=sparc|x86 [image=PATH] "
                + "[vcpus=N] [memory=SIZE] [auto-boot=on|off] NAME, or add-domain -i FILE", "add-domain", "ldg1");
        refused("invalid arch 'mips': use arch=sparc or arch=x86", "add-domain", "arch=mips", "ldg1");
        refused("invalid domain name '../x': use up to 64 letters, digits, '-', '_' and '.', starting with a letter "
                + "or digit", "add-domain", "arch=x86", "../x");
        refused("/no/such.elf: no such file", "add-domain", "arch=x86", "image=/no/such.elf", "ldg1");
        refused("" + sparc + ": not an image for arch=x86 (ELF machine 43, BIG_ENDIAN)", "add-domain", "arch=x86",
                "image=" + sparc, "ldg1");
        refused("memory 6M is not a multiple of 4M; domain ldg1 needs whole 4M units", "add-domain", "arch=x86",
                "memory=6M", "ldg1");
        refused("unknown property color=; known: arch, image, vcpus, memory, auto-boot", "add-domain", "arch=x86",
                "color=red", "ldg1");
        refused("unknown command 'frobnicate'; see ldm --help", "frobnicate");
        refused("domain ldg9 does not exist", "bind", "ldg9");

        ldmd.ok("add-domain", "arch=x86", "ldg1");
        refused("domain ldg1 already exists", "add-domain", "arch=x86", "ldg1");
        refused("domain ldg1 has no vcpus; add some first: ldm add-vcpu 1 ldg1", "bind", "ldg1");
        ldmd.ok("add-vcpu", "2", "ldg1");
        refused("domain ldg1 has no memory; add some first: ldm add-memory 64M ldg1", "bind", "ldg1");
        ldmd.ok("add-memory", "64M", "ldg1");
        refused("domain ldg1 has no image; set one first: ldm set-domain image=PATH ldg1", "bind", "ldg1");
        ldmd.ok("set-domain", "image=" + x86, "ldg1");
        refused("domain ldg1 is not bound; bind it first: ldm bind-domain ldg1", "start", "ldg1");
        refused("domain ldg1 is not bound", "unbind", "ldg1");
        refused("domain ldg1 is not active", "stop", "ldg1");

        ldmd.ok("bind", "ldg1");
        refused("domain ldg1 is already bound", "bind", "ldg1");
        refused("domain ldg1 is bound; unbind it first: ldm unbind-domain ldg1", "remove-domain", "ldg1");
        refused("domain ldg1 is bound; changing arch or image is not possible now; unbind it first: "
                + "ldm unbind-domain ldg1", "set-domain", "arch=sparc", "ldg1");
        refused("cannot bind domain ldg1: asked for 7 more strands, 6 of 8 are free", "add-vcpu", "7", "ldg1");
        refused("domain ldg1 has 2 vcpus; cannot remove 3", "remove-vcpu", "3", "ldg1");
        refused("invalid number of vcpus 'two': use a positive whole number", "set-vcpu", "two", "ldg1");
        refused("invalid size '12Q' (use a positive number with K, M or G)", "add-memory", "12Q", "ldg1");
        refused("memory 66M is not a multiple of 4M; use 68M instead: ldm set-memory 68M ldg1", "add-memory", "2M",
                "ldg1");
        refused("stop-domain has no option -q", "stop", "-q", "ldg1");
        assertTrue(ldmd.ok("list", "-p", "ldg1").contains("|ncpu=2|mem=67108864|"), "nothing changed");

        ldmd.ok("set-vcpu", "3", "ldg1");
        ldmd.ok("remove-memory", "32M", "ldg1");
        assertTrue(LdmdHarness.anyPort(ldmd.ok("list", "-p", "ldg1"))
                .contains("|state=bound|flags=------|cons=PORT|ncpu=3|mem=33554432|"));
        ldmd.ok("unbind", "ldg1");
        ldmd.ok("destroy", "ldg1");
        assertEquals("VERSION 1.0\n", ldmd.ok("list", "-p"));
    }

    @Test
    void anActiveDomainRefusesChangesAndStopsGracefullyOrByForce() throws Exception {
        Path spin = LdmdHarness.image("x86_64").resolveSibling("bench.elf");
        ldmd.ok("add-domain", "arch=x86", "image=" + spin, "vcpus=1", "memory=64M", "ldg1");
        ldmd.ok("bind", "ldg1");
        ldmd.ok("start", "ldg1");
        refused("domain ldg1 is already active", "start", "ldg1");
        refused("domain ldg1 is active; stop and unbind it first: ldm stop-domain ldg1, then ldm unbind-domain ldg1",
                "remove-domain", "ldg1");
        refused("domain ldg1 is active; stop it first: ldm stop-domain ldg1", "unbind", "ldg1");
        refused("domain ldg1 is active; changing memory while it runs is not possible now; stop it first: "
                + "ldm stop-domain ldg1", "add-memory", "4M", "ldg1");
        String listed = ldmd.ok("list", "-o", "json", "ldg1");
        assertTrue(listed.contains("\"state\" : \"active\"") && listed.contains("\"flags\" : \"-n----\""), listed);
        refused("domain ldg1 did not stop within 0 seconds; stop it at once with: ldm stop-domain -f ldg1",
                "stop", "ldg1");
        assertEquals("Domain ldg1 stopped\n", ldmd.ok("stop", "-t", "0", "ldg1"));
        assertTrue(ldmd.ok("list", "-l").contains("LAST RUN\n    stopped\n"));
        ldmd.ok("start", "ldg1");
        assertEquals("Domain ldg1 stopped\n", ldmd.ok("stop", "-f", "ldg1"));
        ldmd.ok("unbind", "ldg1");
    }
}
