package org.hyperstrand.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/**
 * hv bench's options, refusals and output format, for sparc and x86. Nothing here runs the
 * benchmark guest in the hypervisor; the x86 Linux build of it runs natively where gcc is there.
 */
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
    void sparcAndX86CanBeMeasured() {
        refused("--arch arm64 is not supported; sparc (sparc64) and x86 (x86_64) are", "--arch", "arm64");
        assertEquals(Optional.of(BenchArch.SPARC64), BenchArch.named("sparc"));
        assertEquals(Optional.of(BenchArch.SPARC64), BenchArch.named("SPARC64"));
        assertEquals(Optional.of(BenchArch.X86_64), BenchArch.named("x86"));
        assertEquals(Optional.of(BenchArch.X86_64), BenchArch.named("x86_64"));
        assertEquals("guest-abi/images/x86_64/bench.elf", BenchArch.X86_64.image());
        assertEquals(ROOT.resolve("guest-abi/guests/bench/expected.out"), BenchArch.X86_64.expected(ROOT),
                "the bench guest prints the same on both architectures");
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
        refused("--cpuids must be between 1 and 4294967295, not 4294967296", "--arch", "x86", "--cpuids",
                "4294967296");
    }

    @Test
    void noQemuAndALinuxBinaryContradict() {
        refused("--linux-binary and --no-qemu contradict each other", "--no-qemu", "--linux-binary", "x");
    }

    @Test
    void aMissingLinuxBinaryIsRefusedBeforeAnythingRuns() {
        refused("no/such-bench: no such file (--linux-binary)", "--linux-binary", "no/such-bench");
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
    void anImageOfTheOtherArchitecture() {
        Path hello = ROOT.resolve("guest-abi/images/sparc64/hello.elf");
        refused(hello + ": not an image for x86_64, or no x86_64 backend on the class path", "--arch", "x86", "--image",
                hello.toString());
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
                "--hypercalls", "--refills", "--cpuids")) {
            assertTrue(r.out().contains(option), option + " in\n" + r.out());
        }
        assertTrue(r.out().contains("sparc (sparc64) or x86") && r.out().contains("(x86_64)"), r.out());
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

    private static final Path X86_HELLO = ROOT.resolve("guest-abi/images/x86_64/hello.elf");
    private static final Path X86_HELLO_EXPECTED = ROOT.resolve("guest-abi/guests/hello/expected-x86_64.out");

    /** The x86 hello guest, a thousand VMMCALLs and a thousand CPUIDs: about a second. */
    private static Run tinyX86Run(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--arch", "x86", "--image", X86_HELLO.toString(),
                "--expected", X86_HELLO_EXPECTED.toString(), "--warmup", "0", "--repeat", "1", "--hypercalls", "1000",
                "--cpuids", "1000"));
        args.addAll(List.of(more));
        return bench(args.toArray(String[]::new));
    }

    private static List<String> metrics(Run r) {
        return r.out().lines().skip(2).map(l -> l.split("  ")[0]).toList();
    }

    @Test
    void aTinyX86RunPrintsTheTable() {
        Run r = tinyX86Run("--no-qemu");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("hv bench: x86_64, " + X86_HELLO + "; medians of 1 timed run of each workload, after no warm-up",
                lines.get(0));
        assertEquals(List.of("guest instructions", "hv wall time", "guest MIPS", "guest output", "VMMCALL round trip",
                "CPUID exit + VMRUN"), metrics(r));
        assertTrue(r.out().contains("guest output        ok"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("guest MIPS +[\\d.]+ +>= 120 +best .*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(
                "VMMCALL round trip +-?\\d+ ns +< 200 ns +cpu_myid by vmmcall \\(%rax = 0x80\\).*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("CPUID exit \\+ VMRUN +-?\\d+ ns +cpuid leaf 0 .*")),
                r.out());
    }

    /**
     * A shell script standing in for the Linux build: natively it prints what the guest does;
     * qemu cannot load it (or is not installed), which is an n/a, not a failure.
     */
    @Test
    void x86RunsTheLinuxBuildUnderQemuAndNatively(@TempDir Path dir) throws IOException {
        assumeTrue(BenchArch.X86_64.runsNativelyOn(System.getProperty("os.arch")), "an x86-64 host");
        Path script = Files.writeString(dir.resolve("hello-linux"),
                "#!/bin/sh\ncat '" + X86_HELLO_EXPECTED + "'\n");
        assertTrue(script.toFile().setExecutable(true));
        Run r = tinyX86Run("--linux-binary", script.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("guest instructions", "hv wall time", "guest MIPS", "guest output", "qemu wall time",
                "native wall time", "hv / native", "VMMCALL round trip", "CPUID exit + VMRUN"), metrics(r));
        assertTrue(r.out().lines().anyMatch(l -> l.matches("qemu wall time +n/a +.+")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(
                "native wall time +\\d+\\.\\d{3} s +the same program on the host; whole process, same output")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("hv / native +\\d+\\.\\dx +wall time; smaller is faster")),
                r.out());
    }

    @Test
    void aLinuxBuildThatPrintsSomethingElseFailsTheRun(@TempDir Path dir) throws IOException {
        assumeTrue(BenchArch.X86_64.runsNativelyOn(System.getProperty("os.arch")), "an x86-64 host");
        Path script = Files.writeString(dir.resolve("goodbye-linux"), "#!/bin/sh\necho goodbye\n");
        assertTrue(script.toFile().setExecutable(true));
        Run r = tinyX86Run("--linux-binary", script.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(
                "native wall time +WRONG +the Linux build printed other output than the guest")), r.out());
        assertTrue(r.err().contains("hv bench: natively the Linux build printed:\ngoodbye\n"), r.err());
    }

    /** The x86 reference is bench.c built with the guest's code generation flags; it prints the golden output. */
    @Test
    void theX86LinuxBuildOfTheBenchGuestPrintsItsGoldenOutput(@TempDir Path dir) throws IOException {
        Optional<Path> gcc = HostTools.onPath(BenchArch.X86_64.compiler());
        assumeTrue(gcc.isPresent(), "gcc installed");
        assumeTrue(BenchArch.X86_64.runsNativelyOn(System.getProperty("os.arch")), "an x86-64 host");
        Path binary = dir.resolve("bench-linux");
        List<String> cmd = BenchArch.X86_64.linuxBuild(gcc.get(), ROOT.resolve(BenchArch.SOURCE), binary);
        assertTrue(cmd.containsAll(List.of("-march=x86-64", "-mgeneral-regs-only", "-mno-red-zone", "-static")),
                cmd::toString);
        HostTools.Result built = HostTools.run(cmd, 120);
        assertEquals(0, built.status(), built.stderr());
        HostTools.Result ran = HostTools.run(List.of(binary.toString()), 120);
        assertEquals(0, ran.status(), ran.stderr());
        assertEquals(Files.readString(ROOT.resolve(BenchArch.EXPECTED)), ran.stdout());
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

    /**
     * Both x86 loops and their controls run to a clean api_exit, each iteration five (VMMCALL)
     * or four (CPUID) instructions, whether or not the backend takes a #VMEXIT for them.
     */
    @Test
    void theX86LoopsRunAndExitCleanly() {
        var backend = Backends.load().forBinding("x86_64").orElseThrow();
        int n = 100;
        for (boolean measured : new boolean[] {true, false}) {
            EmbeddedRun calls = EmbeddedRun.code(backend, X86Loops.hypercall(n, measured), X86Loops.ORIGIN, 1_000_000);
            assertTrue(calls.ok(), calls.outcome());
            assertTrue(calls.retired() >= 5 * n && calls.retired() <= 5 * n + 20, "retired " + calls.retired());
            EmbeddedRun cpuids = EmbeddedRun.code(backend, X86Loops.cpuid(n, measured), X86Loops.ORIGIN, 1_000_000);
            assertTrue(cpuids.ok(), cpuids.outcome());
            assertTrue(cpuids.retired() >= 4 * n && cpuids.retired() <= 4 * n + 10, "retired " + cpuids.retired());
        }
    }

    @Test
    void theX86LoopsAreMachineCode() {
        assertArrayEquals(new byte[] {(byte) 0xbb, 0x78, 0x56, 0x34, 0x12},
                X86Loops.hex("bb" + X86Loops.imm32(0x1234_5678) + "  # movl $0x12345678,%ebx"));
        assertArrayEquals(new byte[] {0x0f, 0x01, (byte) 0xd9, (byte) 0xf4},
                X86Loops.hex(new String[] {"0f 01 d9  # vmmcall"}, "f4  # hlt"));
        // the measured loop and its control differ in the one instruction, of the same length
        byte[] cpuid = X86Loops.cpuid(7, true);
        byte[] nop = X86Loops.cpuid(7, false);
        assertEquals(cpuid.length, nop.length);
        assertEquals(X86Loops.hypercall(7, true).length, X86Loops.hypercall(7, false).length);
        assertThrows(IllegalArgumentException.class, () -> X86Loops.cpuid(0, true));
        assertThrows(IllegalArgumentException.class, () -> X86Loops.hypercall(1L << 32, true));
        assertThrows(IllegalArgumentException.class, () -> X86Loops.imm32(-1));
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
