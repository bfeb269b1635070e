package org.hyperstrand.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** hv run's refusals: each a one-line error and exit status 2, nothing run. */
class RunCommandTest {

    /** One hv run: exit status, console output, stderr. */
    record Run(int status, String console, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(console));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, console.toString(), err.toString());
    }

    /** A 64-bit big-endian ELF executable header for {@code machine}, one empty PT_LOAD. */
    private static Path elf(Path dir, int machine) throws IOException {
        return elf(dir, machine, new int[0]);
    }

    /** The same with {@code code} (big-endian words) loaded at the entry point 0x100000. */
    private static Path elf(Path dir, int machine, int[] code) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 + 56 + 4 * code.length);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 2, 1}).position(16);
        b.putShort((short) 2).putShort((short) machine).putInt(1).putLong(0x100000).putLong(64).putLong(0).putInt(0)
                .putShort((short) 64).putShort((short) 56).putShort((short) 1).putShort((short) 64)
                .putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(5).putLong(120).putLong(0x100000).putLong(0x100000).putLong(4L * code.length)
                .putLong(0x1000).putLong(8);
        for (int w : code) {
            b.putInt(w);
        }
        return Files.write(dir.resolve("m" + machine + "-" + code.length + ".elf"), b.array());
    }

    @Test
    void aMissingImage() {
        assertEquals(new Run(2, "", "hv run: no/such.elf: no such file\n"), run("no/such.elf"));
    }

    @Test
    void notAnElfImage(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("hello.txt"), "hello, world\n".repeat(10));
        assertEquals(new Run(2, "", "hv run: " + f + ": not an ELF image\n"), run(f.toString()));
    }

    @Test
    void anImageNoBackendRuns(@TempDir Path dir) throws IOException {
        Path f = elf(dir, 3);
        Run r = run(f.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("hv run: " + f + ": no backend runs ELF machine 3 (backends: "), r.err());
    }

    @Test
    void badOptions(@TempDir Path dir) throws IOException {
        String f = elf(dir, 43).toString();
        assertEquals(new Run(2, "", "hv run: --vcpus must be between 1 and 64, not 0\n"), run("--vcpus", "0", f));
        assertEquals(new Run(2, "", "hv run: --memory must be a multiple of 4M, not 5M\n"), run("--memory", "5M", f));
        Run size = run("--memory", "lots", f);
        assertEquals(2, size.status());
        assertTrue(size.err().startsWith("Invalid value for option '--memory': invalid size 'lots'"), size.err());
    }

    @Test
    void aRunawayGuestIsStoppedByTheInstructionLimit(@TempDir Path dir) throws IOException {
        Path spin = elf(dir, 43, new int[] {0x10800000, 0x01000000}); // ba . ; nop
        Run r = run("--max-instructions", "1000000", spin.toString());
        assertEquals(new Run(4, "", "hv run: stopped after 1000000 instructions (--max-instructions)\n"), r);
    }

    @Test
    void aGuestThatTrapsWithNoTrapTableFailsWithAReport(@TempDir Path dir) throws IOException {
        Path bad = elf(dir, 43, new int[] {0x00000000}); // illtrap, and TBA still 0
        Run r = run("--max-instructions", "1000000", bad.toString());
        assertEquals(3, r.status(), r.err());
        assertTrue(r.err().startsWith("domain primary cpu 0 stopped:\nsparc64 vcpu 0: FATAL: "), r.err());
        assertTrue(r.err().contains("pc "), r.err());
    }

    @Test
    void machSirRestartsTheDomainAtItsSirEntry(@TempDir Path dir) throws IOException {
        int[] code = new int[35];
        java.util.Arrays.fill(code, 0x01000000); // nop
        int[] boot = {
            0x90102001, 0x92102001, 0x94102000, 0x9a102000, 0x91d020ff, // api_set_version(core, 1, 0)
            0x9a102002, 0x91d02080,                                     // mach_sir
            0x9a102002, 0x91d020ff};                                    // still here: api_exit(status)
        System.arraycopy(boot, 0, code, 0, boot.length);
        int[] sir = {0x9010202a, 0x9a102002, 0x91d020ff};               // at RTBA + 0x80: api_exit(42)
        System.arraycopy(sir, 0, code, 0x80 / 4, sir.length);
        Run r = run("--max-instructions", "100000", elf(dir, 43, code).toString());
        assertEquals(new Run(42, "", ""), r);
    }
}
