package org.hyperstrand.ldom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.hyperstrand.ldom.cli.LdmdHarness.Result;
import org.junit.jupiter.api.Test;

/** Saved configurations: what list-spconfig marks, and what the next start of ldmd boots. */
class LdmSpconfigTest extends RunningLdmd {

    private void addDomain() {
        ldmd.ok("add-domain", "arch=x86", "image=" + LdmdHarness.image("x86_64"), "vcpus=2", "memory=32M", "ldg1");
    }

    @Test
    void aFreshMachineRunsFactoryDefaultUntilItsConfigurationChanges() {
        assertEquals("factory-default [current]\n", ldmd.ok("list-spconfig"));
        addDomain();
        assertEquals("factory-default [next poweron]\n", ldmd.ok("ls-config"));
    }

    @Test
    void aSavedConfigurationIsCurrentUntilTheRunningOneChanges() {
        addDomain();
        ldmd.ok("add-spconfig", "prod");
        assertEquals("factory-default\nprod [current]\n", ldmd.ok("list-spconfig"));
        ldmd.ok("set-vcpu", "3", "ldg1");
        assertEquals("factory-default\nprod [next poweron]\n", ldmd.ok("list-spconfig"));
        ldmd.ok("set-spconfig", "factory-default");
        assertEquals("factory-default [next poweron]\nprod\n", ldmd.ok("list-spconfig"));
    }

    @Test
    void refusalsSayWhatToDo() {
        addDomain();
        ldmd.ok("add-spconfig", "prod");
        assertEquals(new Result(1, "", "ldm: spconfig prod already exists; remove it first: ldm remove-spconfig prod\n"),
                ldmd.ldm("add-spconfig", "prod"));
        assertEquals(new Result(1, "", "ldm: invalid spconfig name 'no way': use 1-64 letters, digits, '.', '_' or "
                + "'-', starting with a letter or digit\n"), ldmd.ldm("add-spconfig", "no way"));
        assertEquals(new Result(1, "", "ldm: spconfig factory-default cannot be removed\n"),
                ldmd.ldm("remove-spconfig", "factory-default"));
        assertEquals(new Result(1, "", "ldm: spconfig prod is the one for the next power-on; choose another first: "
                + "ldm set-spconfig factory-default\n"), ldmd.ldm("remove-spconfig", "prod"));
        assertEquals(new Result(1, "", "ldm: spconfig test does not exist; ldm list-spconfig shows the saved ones\n"),
                ldmd.ldm("set-spconfig", "test"));
        assertEquals("factory-default\nprod [current]\n", ldmd.ok("list-spconfig"), "nothing changed");
    }

    @Test
    void theNextStartOfLdmdBootsTheChosenConfiguration() throws Exception {
        addDomain();
        ldmd.ok("bind", "ldg1");
        ldmd.ok("add-spconfig", "prod");
        ldmd.ok("set-vcpu", "3", "ldg1");

        ldmd.restart(); // prod is still the chosen one: the running configuration carries on
        assertTrue(LdmdHarness.anyPort(ldmd.ok("list", "-p")).contains("|name=ldg1|state=bound|flags=------|cons=PORT"
                + "|ncpu=3|"), ldmd.ok("list", "-p"));

        ldmd.ok("set-spconfig", "factory-default");
        ldmd.restart();
        assertEquals("VERSION 1.0\n", ldmd.ok("list", "-p"), "factory-default has no domains");
        assertEquals("factory-default [current]\nprod\n", ldmd.ok("list-spconfig"));
        assertTrue(Files.readString(dir.resolve("spconfigs/.autosave.yaml")).contains("vcpus: 3"),
                "the configuration it replaced is kept");

        ldmd.ok("set-spconfig", "prod");
        ldmd.restart();
        assertTrue(LdmdHarness.anyPort(ldmd.ok("list", "-p")).contains("|name=ldg1|state=bound|flags=------|cons=PORT"
                + "|ncpu=2|"), "prod as it was saved: " + ldmd.ok("list", "-p"));
        assertEquals("factory-default\nprod [current]\n", ldmd.ok("list-spconfig"));
        ldmd.ok("unbind", "ldg1");
        ldmd.ok("set-spconfig", "factory-default");
        ldmd.ok("remove-spconfig", "prod");
        assertEquals("factory-default [next poweron]\n", ldmd.ok("list-spconfig"));
    }
}
