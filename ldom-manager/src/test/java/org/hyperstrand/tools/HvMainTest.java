package org.hyperstrand.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HvMainTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new HvMain());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void helpListsTheSubcommands() {
        String[] r = run("--help");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("Usage: hv"), r[1]);
        assertTrue(r[1].contains("spec"), r[1]);
    }

    @Test
    void versionNamesTheProject() {
        String[] r = run("--version");
        assertEquals("0", r[0]);
        assertTrue(r[1].startsWith("hv (Hyperstrand) "), r[1]);
    }

    @Test
    void noSubcommandIsAUsageError() {
        String[] r = run();
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("missing subcommand (see hv --help)"), r[2]);
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        String[] r = run("frobnicate");
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("Unmatched argument at index 0: 'frobnicate'"), r[2]);
    }
}
