package org.hyperstrand.spec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hv spec} as a user runs it: exit status, stdout and stderr. */
class SpecCommandTest {

    private static final String SAMPLE = "src/test/resources/gen/sample.hvspec";

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SpecCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void checkOfAGoodSpecPrintsASummary() {
        Run r = run("check", SAMPLE);
        assertEquals(0, r.status(), r.err());
        assertEquals("ok: 2 groups, 6 calls, 4 error codes, 2 bindings\n", r.out());
    }

    @Test
    void checkOfABadSpecPrintsEveryErrorWithItsPosition() {
        Run r = run("check", "src/test/resources/corpus/bad/since_too_new.hvspec");
        assertEquals(1, r.status());
        assertEquals("""
                src/test/resources/corpus/bad/since_too_new.hvspec:16:11: error: error code ECHANNEL is since 1.2, \
                newer than group core's latest version 1.1
                src/test/resources/corpus/bad/since_too_new.hvspec:18:10: error: call cpu_yield is since 1.3, \
                newer than group core's latest version 1.1
                2 errors
                """, r.err());
    }

    @Test
    void aMissingFileIsAOneLineError() {
        Run r = run("check", "no/such.hvspec");
        assertEquals(1, r.status());
        assertEquals("no/such.hvspec: error: no such file or directory\n", r.err());
    }

    @Test
    void anUnknownLanguageIsAUsageError(@TempDir Path out) {
        Run r = run("gen", "--lang", "cobol", "--out", out.toString(), SAMPLE);
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("Invalid value for option '--lang': unknown language 'cobol' (java, c or md)"),
                r.err());
    }

    @Test
    void genWritesFilesAndRewritesOnlyChangedOnes(@TempDir Path out) throws IOException {
        Run first = run("gen", "--lang", "java", "--out", out.toString(), SAMPLE);
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().endsWith(": 10 files, 10 changed\n"), first.out());
        assertTrue(Files.exists(out.resolve("org/hyperstrand/core/hcall/api/HcallDispatcher.java")));
        Run second = run("gen", "--lang", "java", "--out", out.toString(), SAMPLE);
        assertTrue(second.out().endsWith(": 10 files, 0 changed\n"), second.out());
    }

    @Test
    void genCheckReportsAnOutOfDateDirectoryAndWritesNothing(@TempDir Path out) throws IOException {
        Run missing = run("gen", "--lang", "md", "--check", "--out", out.toString(), SAMPLE);
        assertEquals(1, missing.status());
        assertTrue(missing.err().startsWith(out + ": missing: README.md\n"), missing.err());
        assertEquals(0, Files.list(out).count());
        run("gen", "--lang", "md", "--out", out.toString(), SAMPLE);
        Run current = run("gen", "--lang", "md", "--check", "--out", out.toString(), SAMPLE);
        assertEquals(0, current.status(), current.err());
        assertTrue(current.out().endsWith(": 5 files, all current\n"), current.out());
    }

    @Test
    void compatExitsNonZeroAndListsBreakingChanges(@TempDir Path dir) throws IOException {
        Path changed = dir.resolve("new.hvspec");
        Files.writeString(changed, Files.readString(Path.of(SAMPLE)).replace("cpu_state fast 0x17", "cpu_state fast 0x18"));
        Run r = run("compat", SAMPLE, changed.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(": breaking: call cpu_state changed from fast 0x17 to fast 0x18\n"), r.err());
        assertTrue(r.err().endsWith("1 breaking change\n"), r.err());
    }

    @Test
    void compatOfIdenticalSpecsSucceeds() {
        Run r = run("compat", SAMPLE, SAMPLE);
        assertEquals(0, r.status(), r.err());
        assertEquals("compatible: 0 changes\n", r.out());
    }
}
