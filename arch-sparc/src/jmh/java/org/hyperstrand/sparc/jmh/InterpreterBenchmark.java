package org.hyperstrand.sparc.jmh;

import static org.hyperstrand.sparc.jmh.Sparc.ALWAYS;
import static org.hyperstrand.sparc.jmh.Sparc.NE;
import static org.hyperstrand.sparc.jmh.Sparc.NOP;
import static org.hyperstrand.sparc.jmh.Sparc.O0;
import static org.hyperstrand.sparc.jmh.Sparc.O1;
import static org.hyperstrand.sparc.jmh.Sparc.O2;
import static org.hyperstrand.sparc.jmh.Sparc.O3;
import static org.hyperstrand.sparc.jmh.Sparc.O4;
import static org.hyperstrand.sparc.jmh.Sparc.O5;

import java.util.concurrent.TimeUnit;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.sparc.cpu.SparcCore;
import org.hyperstrand.sparc.jit.TranslationConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Micro benchmarks of the SPARC interpreter: small hand-assembled loops run through
 * {@link SparcCore#run} directly, with no domain, scheduler or hypercall dispatch around it.
 *
 * <p>The loop benchmarks report guest instructions per microsecond, which is guest MIPS:
 * each invocation runs one slice of {@link #SLICE} instructions of a loop that never ends.
 * {@link #trapRoundTrip} reports the CPU model's share of a hypercall: leave {@code run} at a
 * {@code ta 0x80} and complete it, in nanoseconds.
 *
 * <p>Run with {@code mvn -Pbench -pl arch-sparc -am package -DskipTests} (see the README's
 * Performance section).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InterpreterBenchmark {

    /** Instructions per invocation of a loop benchmark. */
    static final int SLICE = 100_000;

    static final long CODE = 0x1_0000;
    static final long DATA = 0x4_0000;

    /** A CPU that has loaded {@code program} at {@link #CODE} and checked that one slice runs through. */
    static SparcCore core(BenchGuest guest, int... program) {
        guest.put(CODE, program);
        SparcCore core = new SparcCore(guest, 0);
        core.setTranslation(TranslationConfig.OFF);  // these measure the interpreter
        core.start(CODE, 0);
        return core;
    }

    static SparcCore checkedLoop(BenchGuest guest, int... program) {
        SparcCore core = core(guest, program);
        long before = core.retired();
        int exit = core.run(SLICE);
        if (exit != VcpuExit.BUDGET || core.retired() - before != SLICE) {
            throw new IllegalStateException("the benchmark loop did not run a whole slice (exit " + exit + ", "
                    + (core.retired() - before) + " instructions):\n" + core.report());
        }
        return core;
    }

    /** Register arithmetic, shifts and a compare: eight instructions per iteration with the branch and its delay slot. */
    @State(Scope.Thread)
    public static class IntegerLoop {
        SparcCore core;

        @Setup(Level.Trial)
        public void setup() {
            core = checkedLoop(new BenchGuest(),
                    Sparc.movi(O1, 1),
                    Sparc.movi(O2, 3),
                    Sparc.movi(O3, 0x55),
                    Sparc.add(O1, O1, O2),          // loop:
                    Sparc.xor(O2, O1, O3),
                    Sparc.sllx(O3, O2, 1),
                    Sparc.srlx(O4, O1, 3),
                    Sparc.subcc(O5, O4, O3),
                    Sparc.or(O3, O5, O1),
                    Sparc.bicc(ALWAYS, -6),
                    NOP);
        }
    }

    /**
     * Load, increment and store a doubleword, then a word load, walking a 4 KiB buffer: seven
     * instructions per iteration with the branch and its delay slot, three of them memory accesses.
     */
    @State(Scope.Thread)
    public static class LoadStoreLoop {
        SparcCore core;

        @Setup(Level.Trial)
        public void setup() {
            core = checkedLoop(new BenchGuest(),
                    Sparc.sethi(O0, (int) (DATA >>> 10)),
                    Sparc.movi(O4, 0),
                    Sparc.ldx(O1, O0, O4),          // loop:
                    Sparc.addi(O1, O1, 1),
                    Sparc.stx(O1, O0, O4),
                    Sparc.lduw(O2, O0, O4),
                    Sparc.addi(O4, O4, 8),
                    Sparc.andi(O4, O4, 0xff8),
                    Sparc.bicc(ALWAYS, -6),
                    NOP);
        }
    }

    /** A counted loop with a conditional branch, as compiled C loops look: five instructions per iteration. */
    @State(Scope.Thread)
    public static class CountedLoop {
        SparcCore core;

        @Setup(Level.Trial)
        public void setup() {
            core = checkedLoop(new BenchGuest(),
                    Sparc.movi(O1, 0),
                    Sparc.sethi(O0, 0x3f_ffff),     // a count far larger than any slice
                    Sparc.addi(O1, O1, 3),          // loop:
                    Sparc.subcci(O0, O0, 1),
                    Sparc.bicc(NE, -2),
                    Sparc.xor(O2, O2, O1),           // delay slot
                    Sparc.sethi(O0, 0x3f_ffff),     // reload the count (reached after 2^32 iterations)
                    Sparc.bicc(ALWAYS, -5),
                    NOP);
        }
    }

    /** {@code ta 0x80} in a loop: every invocation leaves run at the trap and completes it. */
    @State(Scope.Thread)
    public static class TrapLoop {
        SparcCore core;

        @Setup(Level.Trial)
        public void setup() {
            core = core(new BenchGuest(),
                    Sparc.ta(0x80),
                    Sparc.bicc(ALWAYS, -1),
                    NOP);
            int exit = core.run(SLICE);
            if (exit != VcpuExit.HYPERCALL) {
                throw new IllegalStateException("expected a hypercall exit, got " + exit + ":\n" + core.report());
            }
            core.completeHypercall(0);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SLICE)
    public int integerLoop(IntegerLoop st) {
        return st.core.run(SLICE);
    }

    @Benchmark
    @OperationsPerInvocation(SLICE)
    public int loadStoreLoop(LoadStoreLoop st) {
        return st.core.run(SLICE);
    }

    @Benchmark
    @OperationsPerInvocation(SLICE)
    public int countedLoop(CountedLoop st) {
        return st.core.run(SLICE);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int trapRoundTrip(TrapLoop st) {
        int exit = st.core.run(SLICE);
        st.core.completeHypercall(0);
        return exit;
    }
}
