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
        CommandLine cl = HvMain.commandLine();
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
        assertEquals("hv: missing subcommand (see hv --help)\n", r[2]);
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        String[] r = run("frobnicate");
        assertEquals("2", r[0]);
        assertEquals("hv: Unmatched argument at index 0: 'frobnicate' (see hv --help)\n", r[2]);
    }

    @Test
    void aBadOptionValueOfASubcommandIsOneLineNamingIt() {
        String[] r = run("run", "--memory", "lots", "x.elf");
        assertEquals("2", r[0]);
        assertEquals("hv run: Invalid value for option '--memory': invalid size 'lots' (use a positive number with K, M "
                + "or G) (see hv run --help)\n", r[2]);
        String[] missing = run("bench", "--repeat");
        assertEquals("2", missing[0]);
        assertEquals(1, missing[2].lines().count(), missing[2]);
        assertTrue(missing[2].startsWith("hv bench: Missing required parameter for option '--repeat'"), missing[2]);
    }
}
