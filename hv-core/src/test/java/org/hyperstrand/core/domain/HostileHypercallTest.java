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
            HvCalls.FAST_CONS_WRITE, HvCalls.FAST_MMU_TSB_CTX0, HvCalls.FAST_MMU_DEMAP_ALL, 0x7777, -1,
            HvCalls.FAST_LDC_TX_QCONF, HvCalls.FAST_LDC_TX_QINFO, HvCalls.FAST_LDC_TX_GET_STATE,
            HvCalls.FAST_LDC_TX_SET_QTAIL, HvCalls.FAST_LDC_RX_QCONF, HvCalls.FAST_LDC_RX_QINFO,
            HvCalls.FAST_LDC_RX_GET_STATE, HvCalls.FAST_LDC_RX_SET_QHEAD, HvCalls.FAST_LDC_SET_MAP_TABLE,
            HvCalls.FAST_LDC_GET_MAP_TABLE, HvCalls.FAST_LDC_COPY, HvCalls.FAST_LDC_MAPIN, HvCalls.FAST_LDC_UNMAP,
            HvCalls.FAST_LDC_REVOKE, HvCalls.FAST_VINTR_GET_COOKIE, HvCalls.FAST_VINTR_SET_COOKIE,
            HvCalls.FAST_VINTR_GET_VALID, HvCalls.FAST_VINTR_SET_VALID, HvCalls.FAST_VINTR_GET_STATE,
            HvCalls.FAST_VINTR_SET_STATE, HvCalls.FAST_VINTR_GET_TARGET, HvCalls.FAST_VINTR_SET_TARGET};
        // channels to a service and between the two domains, so the LDC calls have something to reach
        machine.channels().attach(attacker, org.hyperstrand.core.md.ChannelSpec.Port.VIRTUAL_DEVICE, "echo",
                org.hyperstrand.core.ldc.EchoService.create());
        machine.channels().connect(attacker, victim, "link");
        long[] interesting = {0, 1, 2, 3, 0x200, 64, 128, -1, Long.MIN_VALUE, Long.MAX_VALUE, 8L << 20, (8L << 20) - 8, 0x3c, 0x3f,
            victimBlock.pa(), victimBlock.pa() + 64, attacker.realMemory().blocks().get(0).pa(), 1L << 40};
        SplittableRandom random = new SplittableRandom(20261122);
        ScriptedCore boot = cores.get(1);
        boot.call(VcpuExit.KIND_CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 1);
        boot.call(VcpuExit.KIND_CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.LDOM, 1, 0);
        boot.call(VcpuExit.KIND_CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.INTR, 2, 0);
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
        assertEquals(20_003, boot.statuses.size(), "every call is answered with a status");
        for (long off = 0; off < victimBlock.size(); off += 4096) {
            assertEquals(0x5a5a5a5a00000000L | off, machine.memory().read64BE(victimBlock.pa() + off), "victim at " + off);
        }
    }
}
