package org.hyperstrand.ldom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** list-devices and list-services against the harness machine: 8 strands, 256M. */
class LdmDevicesTest extends RunningLdmd {

    @Test
    void freeResourcesOnlyUnlessAll() throws InterruptedException {
        ldmd.ok("add-domain", "arch=x86", "image=" + LdmdHarness.image("x86_64"), "vcpus=3", "memory=64M", "ldg1");
        ldmd.ok("bind", "ldg1");
        String free = ldmd.ok("list-devices");
        assertTrue(free.startsWith("""
                CORE
                    ID      %FREE   CPUSET
                    0       62      (0, 1, 2, 3, 4, 5, 6, 7)
                VCPU
                    PID     %FREE   BOUND
                    3       100
                """), free);
        assertTrue(free.contains("MEMORY\n    PA                   SIZE            BOUND\n    0x4000000            "),
                free);
        String all = ldmd.ok("list-devices", "-a", "cpu", "memory");
        assertTrue(all.startsWith("VCPU\n    PID     %FREE   BOUND\n    0       0       ldg1\n"), all);
        assertTrue(all.contains("    0x0                  64M             ldg1\n"), all);
        ldmd.ok("start", "ldg1");
        ldmd.awaitBound("ldg1"); // the run took pages for its VMCBs from the top of memory
        all = ldmd.ok("list-devices", "-a", "memory");
        assertTrue(all.contains(" _sys_\n"), "the hypervisor's own memory at the top: " + all);
        String parseable = ldmd.ok("list-devices", "-a", "-p", "memory");
        assertTrue(parseable.startsWith("VERSION 1.0\nMEMORY\n|pa=0x0|size=67108864|bound=ldg1\n"), parseable);
    }

    @Test
    void anUnknownClassIsRefused() {
        assertEquals(new LdmdHarness.Result(1, "", "ldm: list-devices lists core, cpu and memory; not 'io'\n"),
                ldmd.ldm("list-devices", "io"));
    }

    @Test
    void servicesShowTheConsoleConcentratorAndItsPorts() {
        assertEquals("VCC\n    NAME             LDOM             PORT-RANGE\n    vcc0             ldmd             "
                + "47100-47199\n", ldmd.ok("list-services"));
        ldmd.ok("add-domain", "arch=x86", "image=" + LdmdHarness.image("x86_64"), "vcpus=1", "memory=32M", "ldg1");
        ldmd.ok("bind", "ldg1");
        String s = ldmd.ok("list-services", "-p");
        assertTrue(s.matches("VERSION 1.0\nVCC\\|name=vcc0\\|ldom=ldmd\\|port-range=47100-47199\n"
                + "\\|console=ldg1\\|port=471\\d\\d\n"), s);
    }
}
