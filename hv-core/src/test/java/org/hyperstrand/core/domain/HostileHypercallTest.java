package org.hyperstrand.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hyperstrand.core.hcall.api.HvApiGroups;
import org.hyperstrand.core.hcall.api.HvCalls;
import org.hyperstrand.core.machine.DomainDescriptions;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.sched.Scheduler;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.VcpuExit;
import org.junit.jupiter.api.Test;

/**
 * A guest that throws random and hostile arguments at every hypercall: the hypervisor must
 * answer each one with a status, never an exception, and never touch another domain's memory.
 */
class HostileHypercallTest {

    private final List<ScriptedCore> cores = new ArrayList<>();
    private final Machine machine = new Machine(MachineConfig.defaults());

    private Domain domain(String name, int vcpus) {
        ArchBackend backend = mock(ArchBackend.class);
        when(backend.binding()).thenReturn("sparc64");
        when(backend.byteOrder()).thenReturn(ByteOrder.BIG_ENDIAN);
        when(backend.coreCalls(any())).thenAnswer(inv -> inv.getArgument(0));
        when(backend.createCore(any(), anyInt())).thenAnswer(inv -> {
            ScriptedCore c = new ScriptedCore();
            cores.add(c);
            return c;
        });
        return machine.createDomain(name, backend, 8L << 20, vcpus, DomainDescriptions.standard(machine));
    }

    @Test
    void randomHypercallsNeitherThrowNorReachAnotherDomain() {
        Domain victim = domain("victim", 1);
        Domain attacker = domain("attacker", 2);
        MemoryBlock victimBlock = victim.realMemory().blocks().get(0);
        for (long off = 0; off < victimBlock.size(); off += 4096) {
            machine.memory().write64BE(victimBlock.pa() + off, 0x5a5a5a5a00000000L | off);
        }
        long[] numbers = {
            HvCalls.FAST_MACH_DESC, HvCalls.FAST_CPU_START, HvCalls.FAST_CPU_STOP, HvCalls.FAST_CPU_STATE,
            HvCalls.FAST_CPU_POKE, HvCalls.FAST_CPU_QCONF, HvCalls.FAST_CPU_QINFO, HvCalls.FAST_CPU_MYID,
            HvCalls.FAST_CPU_MONDO_SEND, HvCalls.FAST_MEM_SCRUB, HvCalls.FAST_MEM_SYNC, HvCalls.FAST_TOD_GET,
            HvCalls.FAST_TOD_SET, HvCalls.FAST_CONS_GETCHAR, HvCalls.FAST_CONS_PUTCHAR, HvCalls.FAST_CONS_READ,
            HvCalls.FAST_CONS_WRITE, HvCalls.FAST_MMU_TSB_CTX0, HvCalls.FAST_MMU_DEMAP_ALL, 0x7777, -1};
        long[] interesting = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 8L << 20, (8L << 20) - 8, 0x3c, 0x3f,
            victimBlock.pa(), victimBlock.pa() + 64, attacker.realMemory().blocks().get(0).pa(), 1L << 40};
        SplittableRandom random = new SplittableRandom(20261122);
        ScriptedCore boot = cores.get(1);
        boot.call(VcpuExit.KIND_CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 1);
        for (int i = 0; i < 20_000; i++) {
            long[] args = new long[5];
            for (int a = 0; a < args.length; a++) {
                args[a] = random.nextInt(3) == 0 ? random.nextLong() : interesting[random.nextInt(interesting.length)];
            }
            int pick = random.nextInt(10);
            if (pick == 0) {
                long[] coreCalls = {0, 1, 3, 4, 0xff, -1}; // all but api_exit, which would end the test
                boot.call(VcpuExit.KIND_CORE, coreCalls[random.nextInt(coreCalls.length)], args);
            } else if (pick == 1) {
                boot.call(VcpuExit.KIND_HYPERFAST, random.nextInt(256), args);
            } else {
                boot.call(VcpuExit.KIND_FAST, numbers[random.nextInt(numbers.length)], args);
            }
        }
        victim.boot(0);
        attacker.boot(0);
        new Scheduler(machine).run(1_000_000_000L); // the victim and a started attacker CPU spin meanwhile
        assertNotEquals(DomainState.FAILED, victim.state(), victim.failureReport());
        assertTrue(attacker.state() != DomainState.FAILED || !attacker.failureReport().contains("internal error"),
                attacker.failureReport());
        assertEquals(DomainState.RUNNING, attacker.state(), attacker.failureReport());
        assertEquals(20_001, boot.statuses.size(), "every call is answered with a status");
        for (long off = 0; off < victimBlock.size(); off += 4096) {
            assertEquals(0x5a5a5a5a00000000L | off, machine.memory().read64BE(victimBlock.pa() + off), "victim at " + off);
        }
    }
}
