package org.hyperstrand.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.core.hcall.api.HvApiGroups;
import org.hyperstrand.core.hcall.api.HvCalls;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.core.sched.ParallelScheduler;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.VcpuExit;
import org.junit.jupiter.api.Test;

/** The parallel scheduler ends runs the same way the deterministic one does. */
class ParallelRunTest {

    private static final int FAST = VcpuExit.KIND_FAST;
    private static final int CORE = VcpuExit.KIND_CORE;

    private final List<ScriptedCore> cores = new ArrayList<>();
    private final Machine machine = new Machine(MachineConfig.defaults());

    private Domain domain(int vcpus) {
        ArchBackend backend = mock(ArchBackend.class);
        when(backend.binding()).thenReturn("sparc64");
        when(backend.byteOrder()).thenReturn(ByteOrder.BIG_ENDIAN);
        when(backend.coreCalls(any())).thenAnswer(inv -> inv.getArgument(0));
        when(backend.createCore(any(), anyInt())).thenAnswer(inv -> {
            ScriptedCore c = new ScriptedCore();
            cores.add(c);
            return c;
        });
        return machine.createDomain("d" + machine.domains().size(), backend, 64L << 20, vcpus, d -> () -> new byte[0]);
    }

    @Test
    void domainsExitFailAndWakeAcrossThreads() {
        Domain exits = domain(2);
        Domain stuck = domain(1);
        Domain poked = domain(2);
        cores.get(0).call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 1)
                .call(FAST, HvCalls.FAST_CPU_START, 1, 0x1000, 0, 0);
        cores.get(1).call(FAST, HvCalls.FAST_MACH_EXIT, 9);
        cores.get(2).call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 0)
                .call(FAST, HvCalls.FAST_CPU_YIELD);
        // cpu 0 of the last domain waits; cpu 1 pokes it awake, then it exits
        cores.get(3).call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 1)
                .call(FAST, HvCalls.FAST_CPU_START, 1, 0x1000, 0, 0)
                .call(FAST, HvCalls.FAST_CPU_YIELD)
                .call(FAST, HvCalls.FAST_MACH_EXIT, 4);
        cores.get(4).call(FAST, HvCalls.FAST_CPU_POKE, 0);
        exits.boot(0);
        stuck.boot(0);
        poked.boot(0);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new ParallelScheduler(machine, 3).run(Long.MAX_VALUE));
        assertEquals(DomainState.EXITED, exits.state());
        assertEquals(9, exits.exitStatus());
        assertEquals(DomainState.FAILED, stuck.state());
        assertTrue(stuck.failureReport().contains("nothing can wake it"), stuck.failureReport());
        assertEquals(DomainState.EXITED, poked.state(), poked.failureReport());
        assertEquals(4, poked.exitStatus());
    }
}
