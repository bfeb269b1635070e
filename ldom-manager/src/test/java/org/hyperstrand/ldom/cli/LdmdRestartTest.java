package org.hyperstrand.ldom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperstrand.ldom.cli.LdmdHarness.Result;
import org.hyperstrand.ldom.config.ConfigException;
import org.hyperstrand.ldom.daemon.Ldmd;
import org.hyperstrand.ldom.daemon.StateDirectory;
import org.hyperstrand.ldom.model.LdmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's state directory: one daemon per directory, configuration kept across restarts. */
class LdmdRestartTest {

    @TempDir
    Path dir;

    @Test
    void withoutADaemonLdmSaysHowToStartOne() {
        assertEquals(new Result(3, "", "ldm: no ldmd is running for state directory " + dir
                + "; start one with: ldmd --state-dir " + dir + " &\n"), LdmdHarness.ldm(dir, "list"));
    }

    @Test
    void aSecondDaemonOnTheSameDirectoryIsRefused() throws Exception {
        try (LdmdHarness first = new LdmdHarness(dir)) {
            LdmException e = assertThrows(LdmException.class,
                    () -> Ldmd.start(new StateDirectory(dir), LdmdHarness.SMALL));
            assertTrue(e.getMessage().startsWith("another ldmd (process " + ProcessHandle.current().pid()
                    + ") already serves state directory " + dir), e.getMessage());
            first.ok("list");
        }
    }

    @Test
    void aRestartRestoresConstraintsAndBindings() throws Exception {
        try (LdmdHarness ldmd = new LdmdHarness(dir)) {
            ldmd.ok("add-domain", "arch=sparc", "image=" + LdmdHarness.image("sparc64"), "vcpus=2", "memory=64M",
                    "ldg1");
            ldmd.ok("bind", "ldg1");
            ldmd.ok("add-domain", "arch=x86", "image=" + LdmdHarness.image("x86_64"), "vcpus=1", "memory=32M",
                    "auto-boot=on", "ldg2");
            ldmd.ok("add-domain", "arch=x86", "ldg3");
            ldmd.ok("bind", "ldg2");
            // ldg1 bound again to 1 strand: strand 0 now, ldg2 keeps strand 2, and strand 1 is free,
            // so binding anew in name order would give ldg2 another strand
            ldmd.ok("unbind", "ldg1");
            ldmd.ok("set-vcpu", "1", "ldg1");
            ldmd.ok("bind", "ldg1");
            String before = ldmd.ok("list-bindings");
            assertTrue(before.contains("VCPU\n    VID    PID\n    0      2\n"), before);
            ldmd.restart();
            // ldg2 boots with the daemon (auto-boot), runs to its end and is bound again
            ldmd.awaitConsole("ldg2", "done\n");
            ldmd.awaitBound("ldg2");
            assertEquals(before, ldmd.ok("list-bindings").replace("\nLAST RUN\n    exited with status 0x0\n", ""));
            assertEquals(String.join("\n", Files.readAllLines(dir.resolve("domains/ldg1.yaml"))), """
                    version: 1
                    name: ldg1
                    arch: sparc
                    image: %s
                    vcpus: 1
                    memory: 64M
                    auto-boot: false
                    bound: true
                    strands:
                    - 0
                    mblocks:
                    - ra: 0
                      pa: 0
                      size: 67108864""".formatted(LdmdHarness.image("sparc64")));
        }
    }

    @Test
    void savedResourcesThatAreNoLongerThereAreBoundAnew() throws Exception {
        try (LdmdHarness ldmd = new LdmdHarness(dir)) {
            ldmd.ok("add-domain", "arch=sparc", "image=" + LdmdHarness.image("sparc64"), "vcpus=1", "memory=32M",
                    "ldg1");
            ldmd.ok("bind", "ldg1");
        }
        Path file = dir.resolve("domains/ldg1.yaml");
        Files.writeString(file, Files.readString(file).replace("- 0\n", "- 99\n")); // a machine with 8 strands
        try (LdmdHarness ldmd = new LdmdHarness(dir)) {
            assertTrue(ldmd.ok("list-bindings", "ldg1").contains("VCPU\n    VID    PID\n    0      0\n"));
            assertTrue(Files.readString(file).contains("strands:\n- 0\n"), "the new binding is saved");
        }
        Files.writeString(file, Files.readString(file).replace("bound: true", "bound: false"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Ldmd.start(new StateDirectory(dir), LdmdHarness.SMALL));
        assertEquals(file + ": domain ldg1: strands and mblocks are given, but the domain is not bound",
                e.getMessage());
        Files.writeString(file, Files.readString(file).replace("bound: false", "bound: true")
                .replace("  size: 33554432\n", ""));
        e = assertThrows(ConfigException.class, () -> Ldmd.start(new StateDirectory(dir), LdmdHarness.SMALL));
        assertEquals(file + ": domain ldg1: an mblock needs ra, pa and size", e.getMessage());
    }

    @Test
    void aCorruptFileStopsTheDaemonWithItsPathAndLine() throws Exception {
        try (LdmdHarness ldmd = new LdmdHarness(dir)) {
            ldmd.ok("add-domain", "arch=x86", "vcpus=1", "ldg1");
        }
        Path file = dir.resolve("domains/ldg1.yaml");
        Files.writeString(file, Files.readString(file).replace("arch: x86", "arch: mips"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Ldmd.start(new StateDirectory(dir), LdmdHarness.SMALL));
        assertEquals(file + ": line 3: invalid arch 'mips': use arch=sparc or arch=x86", e.getMessage());
        Files.writeString(file, "version: 1\nname: ldg1\narch: x86\nvcpus: \"1\n");
        e = assertThrows(ConfigException.class, () -> Ldmd.start(new StateDirectory(dir), LdmdHarness.SMALL));
        assertTrue(e.getMessage().startsWith(file + ": line 4: "), e.getMessage());
        // the refused daemon let go of the directory: a repaired store starts
        Files.writeString(file, "version: 1\nname: ldg1\narch: x86\n");
        try (LdmdHarness ldmd = new LdmdHarness(dir)) {
            assertTrue(ldmd.ok("list", "-p").contains("DOMAIN|name=ldg1|state=inactive|flags=------|cons=|ncpu=0|mem=0|"));
        }
    }

    @Test
    void exportedConstraintsImportIntoAnotherMachine(@TempDir Path other) throws Exception {
        String yaml;
        try (LdmdHarness ldmd = new LdmdHarness(dir)) {
            ldmd.ok("add-domain", "arch=x86", "image=" + LdmdHarness.image("x86_64"), "vcpus=2", "memory=128M",
                    "ldg1");
            yaml = ldmd.ok("list-constraints", "-x", "ldg1");
            assertTrue(ldmd.ok("list-constraints", "ldg1").contains("VCPU\n    COUNT\n    2\n\nMEMORY\n    SIZE\n    128M\n"));
        }
        Files.writeString(other.resolve("ldg1.yaml"), yaml);
        try (LdmdHarness ldmd = new LdmdHarness(other)) {
            ldmd.ok("add-domain", "-i", "ldg1.yaml");
            assertEquals(yaml, ldmd.ok("list-constraints", "-x"));
            assertEquals(new Result(1, "", "ldm: domain ldg1 already exists; nothing was imported\n"),
                    ldmd.ldm("add-domain", "-i", "ldg1.yaml"));
        }
    }
}
