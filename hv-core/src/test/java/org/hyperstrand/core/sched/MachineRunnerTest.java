package org.hyperstrand.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;

import java.util.concurrent.atomic.AtomicLong;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.DomainState;
import org.hyperstrand.core.machine.DomainDescriptions;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.core.machine.TestBackends;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.core.spi.VcpuExit;
import org.junit.jupiter.api.Test;

class MachineRunnerTest {

    private final Machine machine = new Machine(new MachineConfig(4, 64L << 20, 1_000_000, 0, 1000));
    private final AtomicLong retired = new AtomicLong();

    /** A backend whose CPUs spin: each run retires its whole budget. */
    private ArchBackend spinning() {
        return TestBackends.sparc(() -> {
            VcpuCore core = TestBackends.inertCore();
            when(core.nextTimerEvent()).thenReturn(Long.MAX_VALUE);
            when(core.run(anyLong())).thenAnswer(run -> {
                retired.addAndGet(run.getArgument(0));
                return VcpuExit.BUDGET;
            });
            when(core.retired()).thenAnswer(r -> retired.get());
            return core;
        });
    }

    private static void awaitState(Thread t, Thread.State state) throws InterruptedException {
        for (int i = 0; i < 500 && t.getState() != state; i++) {
            Thread.sleep(10);
        }
        assertEquals(state, t.getState());
    }

    private static Thread runnerThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("machine-runner"))
                .filter(Thread::isAlive).findFirst().orElseThrow();
    }

    @Test
    void sleepsWhileNothingRunsAndRunsWhatIsStarted() throws InterruptedException {
        try (MachineRunner runner = new MachineRunner(machine)) {
            runner.start();
            Thread thread = runnerThread();
            awaitState(thread, Thread.State.WAITING);
            Domain d = runner.call(() -> {
                Domain created = machine.createDomain("ldg1", spinning(), 8L << 20, 1,
                        DomainDescriptions.standard(machine));
                created.boot(0);
                return created;
            });
            for (int i = 0; i < 500 && retired.get() < 10 * MachineRunner.SLICE; i++) {
                Thread.sleep(10);
            }
            assertTrue(retired.get() >= 10 * MachineRunner.SLICE, "the guest ran: " + retired.get());
            runner.call(() -> {
                d.stop();
                return null;
            });
            assertEquals(DomainState.STOPPED, d.state());
            awaitState(thread, Thread.State.WAITING);
            long after = retired.get();
            Thread.sleep(50);
            assertEquals(after, retired.get(), "nothing runs once the domain stopped");
        }
    }

    @Test
    void callsRunOnTheMachineThreadAndPassTheirExceptionsOn() {
        try (MachineRunner runner = new MachineRunner(machine)) {
            runner.start();
            assertEquals("machine-runner", runner.call(() -> Thread.currentThread().getName()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> runner.call(() -> machine.bind(9, 4L << 20)));
            assertEquals("asked for 9 strands, 4 of 4 are free", e.getMessage());
            assertSame(machine, runner.machine());
        }
    }
}
