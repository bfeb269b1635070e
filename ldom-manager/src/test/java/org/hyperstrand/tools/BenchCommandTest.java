package org.hyperstrand.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hyperstrand.core.spi.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** hv bench's options, refusals and output format. Nothing here runs the benchmark guest. */
class BenchCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("hyperstrand.root", "..")).toAbsolutePath().normalize();

    private record Run(int status, String out, String err) {
    }

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static void refused(String expectedErr, String... args) {
        assertEquals(new Run(2, "", "hv bench: " + expectedErr + "\n"), bench(args));
    }

    // ---- options ------------------------------------------------------------------------

    @Test
    void onlySparcCanBeMeasured() {
        refused("--arch x86 is not supported; sparc (sparc64) is the only architecture with a benchmark guest so far",
                "--arch", "x86");
    }

    @Test
    void repeatAndWarmupAreBounded() {
        refused("--repeat must be between 1 and 100, not 0", "--repeat", "0");
        refused("--repeat must be between 1 and 100, not 101", "--repeat", "101");
        refused("--warmup must be between 0 and 100, not -1", "--warmup", "-1");
    }

    @Test
    void theHypercallCountFitsTheLoopCounter() {
        refused("--hypercalls must be between 1 and 4294967295, not 0", "--hypercalls", "0");
        refused("--hypercalls must be between 1 and 4294967295, not 4294967296", "--hypercalls", "4294967296");
        refused("--refills must be between 1 and 4294967295, not 0", "--refills", "0");
    }

    @Test
    void noQemuAndALinuxBinaryContradict() {
        refused("--linux-binary and --no-qemu contradict each other", "--no-qemu", "--linux-binary", "x");
    }

    @Test
    void aMissingImage() {
        refused("no/such.elf: no such file", "--image", "no/such.elf");
    }

    @Test
    void notAnElfImage(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("bench.txt"), "not an image\n".repeat(10));
        refused(f + ": not an ELF image", "--image", f.toString());
    }

    @Test
    void anUnreadableExpectedFile(@TempDir Path dir) {
        Path hello = ROOT.resolve("guest-abi/images/sparc64/hello.elf");
        Path missing = dir.resolve("missing.out");
        refused(missing + ": cannot read the expected output", "--image", hello.toString(), "--expected",
                missing.toString());
    }

    @Test
    void helpNamesTheOptions() {
        Run r = bench("--help");
        assertEquals(0, r.status());
        for (String option : List.of("--arch", "--repeat", "--warmup", "--image", "--linux-binary", "--no-qemu",
                "--hypercalls", "--refills")) {
            assertTrue(r.out().contains(option), option + " in\n" + r.out());
        }
    }

    @Test
    void hvListsBench() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new HvMain());
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("--help"));
        assertTrue(out.toString().contains("bench"), out.toString());
    }

    /** A tiny guest and a thousand hypercalls: the whole command in well under a second. */
    @Test
    void aTinyRunPrintsTheTable() {
        Path hello = ROOT.resolve("guest-abi/images/sparc64/hello.elf");
        Path expected = ROOT.resolve("guest-abi/guests/hello/expected.out");
        Run r = bench("--image", hello.toString(), "--expected", expected.toString(), "--warmup", "0",
                "--repeat", "1", "--hypercalls", "1000", "--refills", "1000", "--no-qemu");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("hv bench: sparc64, " + hello + "; medians of 1 timed run of each workload, after no warm-up",
                lines.get(0));
        assertTrue(lines.get(1).matches("metric +value +target +note"), lines.get(1));
        List<String> metrics = lines.stream().skip(2).map(l -> l.split("  ")[0]).toList();
        assertEquals(List.of("guest instructions", "hv wall time", "guest MIPS", "guest output", "null hypercall",
                "tsb refill"), metrics);
        assertTrue(r.out().contains("guest output        ok"), r.out());
        // n/a with the reason until the MMU serves mmu_tsb_ctx0, then a time
        assertTrue(r.out().lines().anyMatch(l -> l.matches("tsb refill +(n/a +< 100 ns +.+|-?\\d+ ns +< 100 ns +ldx .*)")),
                r.out());
    }

    @Test
    void theWrongOutputFailsTheRun(@TempDir Path dir) throws IOException {
        Path hello = ROOT.resolve("guest-abi/images/sparc64/hello.elf");
        Path wrong = Files.writeString(dir.resolve("wrong.out"), "goodbye\n");
        Run r = bench("--image", hello.toString(), "--expected", wrong.toString(), "--warmup", "0", "--repeat", "1",
                "--hypercalls", "10", "--refills", "10", "--no-qemu");
        assertEquals(1, r.status());
        assertTrue(r.out().contains("guest output        WRONG  ") && r.out().contains("differs from " + wrong),
                r.out());
        assertTrue(r.err().contains("the guest printed:\nHello from a Hyperstrand sparc64 guest!"), r.err());
    }

    @Test
    void aGuestThatFailsIsReported() {
        Path badtrap = ROOT.resolve("guest-abi/images/sparc64/badtrap.elf");
        Run r = bench("--image", badtrap.toString(), "--warmup", "0", "--repeat", "1", "--no-qemu");
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().contains(badtrap + " exited with status 0x1010"), r.err());
    }

    @Test
    void warmUpTakesTheRunsAskedForAndASecond() {
        BenchCommand.WarmUp none = new BenchCommand.WarmUp(0);
        assertFalse(none.more(5));
        BenchCommand.WarmUp two = new BenchCommand.WarmUp(2);
        assertTrue(two.more(600_000_000L));
        assertTrue(two.more(300_000_000L));
        assertTrue(two.more(300_000_000L), "0.9 s is not yet a second");
        assertFalse(two.more(300_000_000L));
        BenchCommand.WarmUp slow = new BenchCommand.WarmUp(1);
        assertTrue(slow.more(3_000_000_000L));
        assertFalse(slow.more(3_000_000_000L));
    }

    // ---- the table and its number formats ------------------------------------------------

    @Test
    void theTableAlignsItsColumns() {
        String t = new BenchTable()
                .add("guest MIPS", "103.7", ">= 200", "best 105.0")
                .add("hv / qemu", "15.6x", "", "")
                .add("tsb refill", "n/a", "< 100 ns", "MMU not implemented yet")
                .render();
        assertEquals("""
                metric      value  target    note
                guest MIPS  103.7  >= 200    best 105.0
                hv / qemu   15.6x
                tsb refill  n/a    < 100 ns  MMU not implemented yet
                """, t);
    }

    @Test
    void numberFormats() {
        assertEquals("300,846,756", BenchTable.count(300_846_756L));
        assertEquals("2.901 s", BenchTable.seconds(2_900_600_000L));
        assertEquals("103.7", BenchTable.mips(300_846_756L, 2_901_000_000L));
        assertEquals("n/a", BenchTable.mips(1, 0));
        assertEquals("15.6x", BenchTable.ratio(2_901, 186));
        assertEquals("n/a", BenchTable.ratio(1, 0));
        assertEquals("117 ns", BenchTable.nanos(117.4));
    }

    @Test
    void medianAndMinimum() {
        assertEquals(5, BenchTable.median(new long[] {9, 5, 1}));
        assertEquals(2, BenchTable.median(new long[] {4, 1, 2, 3}));
        assertEquals(7, BenchTable.median(new long[] {7}));
        assertEquals(1, BenchTable.min(new long[] {9, 5, 1}));
        assertThrows(IllegalArgumentException.class, () -> BenchTable.median(new long[0]));
    }

    // ---- the hypercall program and the host tools ----------------------------------------

    @Test
    void theHypercallLoopRunsAndExitsCleanly() {
        var backend = Backends.load().forBinding("sparc64").orElseThrow();
        EmbeddedRun trapped = EmbeddedRun.words(backend, HypercallLoop.program(100, true), HypercallLoop.ORIGIN,
                1_000_000);
        EmbeddedRun control = EmbeddedRun.words(backend, HypercallLoop.program(100, false), HypercallLoop.ORIGIN,
                1_000_000);
        assertTrue(trapped.ok(), trapped.outcome());
        assertTrue(control.ok(), control.outcome());
        // both retire 12 set-up words, 5 per iteration and the mov before mach_exit (which never completes)
        assertEquals(control.retired(), trapped.retired());
        assertEquals(12 + 5 * 100 + 1, trapped.retired());
    }

    /**
     * The TSB refill program either learns that the hypervisor has no MMU yet (and says so) or
     * runs to a clean exit, every load of the miss loop refilled from the TSB where the CPU
     * model counts it.
     */
    @Test
    void theTsbRefillLoopRunsOrSaysWhyNot() {
        var backend = Backends.load().forBinding("sparc64").orElseThrow();
        EmbeddedRun miss = EmbeddedRun.words(backend, TsbRefillLoop.program(1000, TsbRefillLoop.MISS_PAGES),
                TsbRefillLoop.ORIGIN, TsbRefillLoop::prepare, 1_000_000);
        assertEquals(org.hyperstrand.core.domain.DomainState.EXITED, miss.state(), miss.outcome());
        String why = TsbRefillLoop.notMeasurable(miss.exitStatus());
        if (why != null) {
            assertTrue(why.startsWith("MMU not implemented yet"), why);
            return;
        }
        assertEquals(0, miss.exitStatus());
        EmbeddedRun hit = EmbeddedRun.words(backend, TsbRefillLoop.program(1000, TsbRefillLoop.HIT_PAGES),
                TsbRefillLoop.ORIGIN, TsbRefillLoop::prepare, 1_000_000);
        assertTrue(hit.ok(), hit.outcome());
        assertEquals(miss.retired(), hit.retired());
        Long missRefills = miss.counters().get(BenchCommand.TSB_HITS_COUNTER);
        Long hitRefills = hit.counters().get(BenchCommand.TSB_HITS_COUNTER);
        if (missRefills != null && hitRefills != null) {
            assertTrue(missRefills >= 1000, "every load of the miss loop refills: " + miss.counters());
            assertTrue(hitRefills < 100, "the hit loop refills only while it warms up: " + hit.counters());
        }
    }

    @Test
    void whyTheTsbRefillCannotBeMeasured() {
        assertEquals("MMU not implemented yet (mmu_tsb_ctx0 answered ENOTSUPPORTED)",
                TsbRefillLoop.notMeasurable(0x10d));
        assertEquals("MMU not implemented yet (mmu_enable answered EBADTRAP)", TsbRefillLoop.notMeasurable(0x207));
        assertEquals("mmu_tsb_ctx0 answered EBADTSB", TsbRefillLoop.notMeasurable(0x105));
        assertEquals("mmu_enable succeeded but loads were not translated", TsbRefillLoop.notMeasurable(0x300));
        assertEquals(null, TsbRefillLoop.notMeasurable(0));
    }

    @Test
    void theTsbRefillLoopChecksItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> TsbRefillLoop.program(0, 32));
        assertThrows(IllegalArgumentException.class, () -> TsbRefillLoop.program(10, 48));
        assertThrows(IllegalArgumentException.class, () -> TsbRefillLoop.program(10, 512));
    }

    @Test
    void theHypercallLoopCountIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> HypercallLoop.program(0, true));
        assertThrows(IllegalArgumentException.class, () -> HypercallLoop.program(1L << 32, true));
    }

    @Test
    void programsAreFoundOnThePath(@TempDir Path dir) throws IOException {
        Path tool = Files.writeString(dir.resolve("tool"), "#!/bin/sh\n");
        assertFalse(HostTools.onPath("tool", dir.toString()).isPresent(), "not executable yet");
        assertTrue(tool.toFile().setExecutable(true));
        assertEquals(Optional.of(tool), HostTools.onPath("tool", "/no/such/dir:" + dir));
        assertEquals(Optional.empty(), HostTools.onPath("tool", null));
    }
}
