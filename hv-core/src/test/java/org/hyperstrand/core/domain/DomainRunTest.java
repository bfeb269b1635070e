package org.hyperstrand.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.core.hcall.api.HvApiGroups;
import org.hyperstrand.core.hcall.api.HvCalls;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.core.sched.Scheduler;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.VcpuExit;
import org.junit.jupiter.api.Test;

/** The run loop and the core services together, driven by scripted CPUs. */
class DomainRunTest {

    private static final int FAST = VcpuExit.KIND_FAST;
    private static final int CORE = VcpuExit.KIND_CORE;

    private final List<ScriptedCore> cores = new ArrayList<>();
    private final Machine machine = new Machine(MachineConfig.defaults());

    private Domain domain(int vcpus, byte[] md) {
        ArchBackend backend = mock(ArchBackend.class);
        when(backend.binding()).thenReturn("sparc64");
        when(backend.byteOrder()).thenReturn(ByteOrder.BIG_ENDIAN);
        when(backend.coreCalls(any())).thenAnswer(inv -> inv.getArgument(0));
        when(backend.createCore(any(), anyInt())).thenAnswer(inv -> {
            ScriptedCore c = new ScriptedCore();
            cores.add(c);
            return c;
        });
        return machine.createDomain("ldg1", backend, 64L << 20, vcpus, d -> () -> md);
    }

    private static String console(Domain d) {
        return new String(d.console().recent(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aGuestNegotiatesPrintsAndExits() {
        Domain d = domain(1, new byte[0]);
        cores.get(0)
                .call(FAST, HvCalls.FAST_CONS_PUTCHAR, 'x')                 // not negotiated yet
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 7)
                .call(FAST, HvCalls.FAST_CONS_PUTCHAR, 'h')
                .call(CORE, HvCalls.CORE_API_PUTCHAR, 'i')
                .call(FAST, HvCalls.FAST_CONS_PUTCHAR, 300)                 // not a character
                .call(FAST, HvCalls.FAST_MACH_EXIT, 7)
                .call(FAST, HvCalls.FAST_CONS_PUTCHAR, '!');                // never runs
        d.boot(0x100000);
        new Scheduler(machine).run(1_000_000);
        assertEquals(DomainState.EXITED, d.state());
        assertEquals(7, d.exitStatus());
        assertEquals("hi", console(d));
        assertEquals(List.of(HvErrors.EBADTRAP, HvErrors.EOK, HvErrors.EOK, HvErrors.EOK, HvErrors.EINVAL),
                List.copyOf(cores.get(0).statuses));
        assertEquals(1, cores.get(0).results.toArray(new long[0][])[1][0], "granted minor, lowered to 1");
        assertEquals(0x100000, cores.get(0).startedAt);
    }

    @Test
    void theBootCpuStartsAnotherThatReportsItsId() {
        Domain d = domain(2, new byte[0]);
        cores.get(0)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 1)
                .call(FAST, HvCalls.FAST_CPU_START, 1, 0x200000, 0, 42)
                .call(FAST, HvCalls.FAST_CPU_START, 1, 0x200000, 0, 42)     // already running
                .call(FAST, HvCalls.FAST_CPU_START, 9, 0x200000, 0, 0)      // no such cpu
                .call(FAST, HvCalls.FAST_CPU_STATE, 1)
                .call(FAST, HvCalls.FAST_CPU_STOP, 0)                       // itself
                .call(FAST, HvCalls.FAST_CPU_STOP, 1)
                .call(FAST, HvCalls.FAST_CPU_STATE, 1)
                .call(FAST, HvCalls.FAST_MACH_EXIT, 0);
        cores.get(1).call(FAST, HvCalls.FAST_CPU_MYID); // then spins until stopped
        d.boot(0x100000);
        new Scheduler(machine).run(1_000_000);
        assertEquals(DomainState.EXITED, d.state());
        assertEquals(List.of(HvErrors.EOK, HvErrors.EOK, HvErrors.EINVAL, HvErrors.ENOCPU, HvErrors.EOK,
                HvErrors.EINVAL, HvErrors.EOK, HvErrors.EOK), List.copyOf(cores.get(0).statuses));
        long[][] r = cores.get(0).results.toArray(new long[0][]);
        assertEquals(VcpuState.RUNNING.hvValue(), r[4][0]);
        assertEquals(VcpuState.STOPPED.hvValue(), r[7][0]);
        assertEquals(0x200000, cores.get(1).startedAt);
        assertEquals(42, cores.get(1).startArg);
        assertEquals(1, cores.get(1).results.peek()[0]);
    }

    @Test
    void machDescSizesCopiesAndChecksItsBuffer() {
        byte[] md = "0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII);
        Domain d = domain(1, md);
        cores.get(0)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 0)
                .call(FAST, HvCalls.FAST_MACH_DESC, 0, 0)                   // size probe
                .call(FAST, HvCalls.FAST_MACH_DESC, 0x1008, 64)             // misaligned
                .call(FAST, HvCalls.FAST_MACH_DESC, 0x3fffff0, 64)          // runs off the end
                .call(FAST, HvCalls.FAST_MACH_DESC, 0x2000, 64)
                .call(FAST, HvCalls.FAST_MACH_EXIT, 0);
        d.boot(0);
        new Scheduler(machine).run(1_000_000);
        assertEquals(List.of(HvErrors.EOK, HvErrors.EINVAL, HvErrors.EBADALIGN, HvErrors.ENORADDR, HvErrors.EOK),
                List.copyOf(cores.get(0).statuses));
        assertEquals(20, cores.get(0).results.toArray(new long[0][])[1][0]);
        long pa = d.realMemory().toPhysical(0x2000, 20);
        assertEquals(0x30313233, machine.memory().read32BE(pa));
    }

    @Test
    void consoleWriteTakesGuestBytesAndRefusesForeignAddresses() {
        Domain d = domain(1, new byte[0]);
        long pa = d.realMemory().toPhysical(0x5000, 5);
        machine.memory().write(pa, "hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
        cores.get(0)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 1)
                .call(FAST, HvCalls.FAST_CONS_WRITE, 0x5000, 5)
                .call(FAST, HvCalls.FAST_CONS_WRITE, 64L << 20, 5)          // just past this domain
                .call(FAST, HvCalls.FAST_CONS_WRITE, -8, 16)                // wraps around
                .call(FAST, HvCalls.FAST_CONS_GETCHAR)
                .call(FAST, HvCalls.FAST_MACH_EXIT, 0);
        d.boot(0);
        new Scheduler(machine).run(1_000_000);
        assertEquals("hello", console(d));
        assertEquals(List.of(HvErrors.EOK, HvErrors.EOK, HvErrors.ENORADDR, HvErrors.ENORADDR,
                HvErrors.EWOULDBLOCK), List.copyOf(cores.get(0).statuses));
    }

    @Test
    void aDomainWhoseCpusAllWaitFailsInsteadOfHanging() {
        Domain d = domain(1, new byte[0]);
        cores.get(0)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 0)
                .call(FAST, HvCalls.FAST_CPU_YIELD);
        d.boot(0);
        new Scheduler(machine).run(1_000_000);
        assertEquals(DomainState.FAILED, d.state());
        assertTrue(d.failureReport().contains("every CPU is waiting and nothing can wake it"), d.failureReport());
    }

    @Test
    void theWatchdogReportsWhatWasLeftAndRefusesTimeoutsBeyondItsMaximum() {
        Domain d = domain(1, new byte[0]);
        cores.get(0)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 1)
                .call(FAST, HvCalls.FAST_MACH_SET_WATCHDOG, 5_000)                // was disarmed
                .call(FAST, HvCalls.FAST_MACH_SET_WATCHDOG, 0)                    // disarms: ~5000 left
                .call(FAST, HvCalls.FAST_MACH_SET_WATCHDOG, 0)                    // already disarmed
                .call(FAST, HvCalls.FAST_MACH_SET_WATCHDOG, DomainWatchdog.MAX_TIMEOUT_MS + 1)
                .call(FAST, HvCalls.FAST_MACH_SET_WATCHDOG, DomainWatchdog.MAX_TIMEOUT_MS)
                .call(FAST, HvCalls.FAST_MACH_SET_WATCHDOG, 0)
                .call(FAST, HvCalls.FAST_MACH_EXIT, 0);
        d.boot(0);
        new Scheduler(machine).run(1_000_000);
        assertEquals(DomainState.EXITED, d.state());
        assertEquals(List.of(HvErrors.EOK, HvErrors.EOK, HvErrors.EOK, HvErrors.EOK, HvErrors.EINVAL, HvErrors.EOK,
                HvErrors.EOK), List.copyOf(cores.get(0).statuses));
        long[][] r = cores.get(0).results.toArray(new long[0][]);
        assertEquals(0, r[1][0], "disarmed before");
        assertEquals(5_000, r[2][0], "a few instructions later, 5000 ms rounded up are left");
        assertEquals(0, r[3][0]);
        assertEquals(DomainWatchdog.MAX_TIMEOUT_MS, r[6][0]);
    }

    @Test
    void aWatchdogThatIsNotRenewedStopsTheDomainWithAReport() {
        Domain d = domain(1, new byte[0]);
        cores.get(0)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 1)
                .call(FAST, HvCalls.FAST_MACH_SET_WATCHDOG, 1);                   // then spins
        d.boot(0);
        new Scheduler(machine).run(100_000_000);
        assertEquals(DomainState.FAILED, d.state());
        assertTrue(d.failureReport().startsWith("domain ldg1: the watchdog expired: it was armed for 1 ms"),
                d.failureReport());
        assertTrue(machine.now() >= 1_000_000 && machine.now() < 1_100_000, "1 ms of a 1 GHz time base: "
                + machine.now());
    }

    @Test
    void aWaitingDomainIsStoppedByItsWatchdogNotLeftWaiting() {
        Domain d = domain(1, new byte[0]);
        cores.get(0)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 1)
                .call(FAST, HvCalls.FAST_MACH_SET_WATCHDOG, 3_000)
                .call(FAST, HvCalls.FAST_CPU_YIELD);
        d.boot(0);
        new Scheduler(machine).run(1_000_000);
        assertEquals(DomainState.FAILED, d.state());
        assertTrue(d.failureReport().contains("the watchdog expired"), d.failureReport());
        assertTrue(machine.now() >= 3_000_000_000L, "virtual time jumped to the deadline");
    }

    @Test
    void busyTicksCountRunningUnparkedTimeOnly() {
        Domain d = domain(2, new byte[0]);
        d.boot(0);
        machine.advance(100);
        Vcpu boot = d.vcpus().get(0);
        boot.park();
        machine.advance(50);
        assertEquals(100, boot.busyTicks(), "parked: the clock runs, the count does not");
        boot.wake();
        machine.advance(25);
        assertEquals(125, boot.busyTicks());
        assertEquals(0, d.vcpus().get(1).busyTicks(), "never started");
        boot.setState(VcpuState.STOPPED);
        machine.advance(10);
        assertEquals(125, d.busyTicks());
    }

    @Test
    void oneDomainFailingLeavesTheOtherRunning() {
        Domain a = domain(1, new byte[0]);
        Domain b = domain(1, new byte[0]);
        cores.get(0).call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 0)
                .call(FAST, HvCalls.FAST_CPU_YIELD);
        cores.get(1).call(CORE, HvCalls.CORE_API_PUTCHAR, 'b').call(CORE, HvCalls.CORE_API_EXIT, 3);
        a.boot(0);
        b.boot(0);
        new Scheduler(machine).run(1_000_000);
        assertEquals(DomainState.FAILED, a.state());
        assertEquals(DomainState.EXITED, b.state());
        assertEquals(3, b.exitStatus());
        assertEquals("b", console(b));
        assertEquals(2, machine.strands().size() - machine.strands().free());
    }

    @Test
    void cpuQconfChecksEveryArgument() {
        Domain d = domain(1, new byte[0]);
        cores.get(0)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 0)
                .call(FAST, HvCalls.FAST_CPU_QCONF, 0x3b, 0x10000, 8)        // not a queue
                .call(FAST, HvCalls.FAST_CPU_QCONF, 0x3c, 0x10000, 3)        // not a power of two
                .call(FAST, HvCalls.FAST_CPU_QCONF, 0x3c, 0x10040, 8)        // base not aligned to 512
                .call(FAST, HvCalls.FAST_CPU_QCONF, 0x3c, 64L << 20, 8)      // outside the domain
                .call(FAST, HvCalls.FAST_CPU_QCONF, 0x3d, 0x10000, 8)
                .call(FAST, HvCalls.FAST_CPU_QINFO, 0x3d)
                .call(FAST, HvCalls.FAST_CPU_QCONF, 0x3d, 0, 0)              // removed again
                .call(FAST, HvCalls.FAST_CPU_QINFO, 0x3d)
                .call(FAST, HvCalls.FAST_MACH_EXIT, 0);
        d.boot(0);
        new Scheduler(machine).run(1_000_000);
        assertEquals(List.of(HvErrors.EOK, HvErrors.EINVAL, HvErrors.EINVAL, HvErrors.EBADALIGN, HvErrors.ENORADDR,
                HvErrors.EOK, HvErrors.EOK, HvErrors.EOK, HvErrors.EOK), List.copyOf(cores.get(0).statuses));
        long[][] r = cores.get(0).results.toArray(new long[0][]);
        assertEquals(0x10000, r[6][0]);
        assertEquals(8, r[6][1]);
        assertEquals(0, r[8][1]);
    }

    @Test
    void aMondoReachesAWaitingCpuAndWakesIt() {
        Domain d = domain(3, new byte[0]);
        long mondoRa = 0x20000;
        long listRa = 0x30000;
        long ringRa = 0x40000;
        long mondoPa = d.realMemory().toPhysical(mondoRa, 64);
        for (int i = 0; i < 8; i++) {
            machine.memory().write64BE(mondoPa + 8 * i, 0x1111_0000L + i);
        }
        long listPa = d.realMemory().toPhysical(listRa, 16);
        machine.memory().write16BE(listPa, 1);
        machine.memory().write16BE(listPa + 2, 2);
        cores.get(0)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 0)
                .call(FAST, HvCalls.FAST_CPU_START, 1, 0x100000, 0, 0)
                .call(FAST, HvCalls.FAST_CPU_START, 2, 0x100000, 0, 0)
                .call(FAST, HvCalls.FAST_CPU_MONDO_SEND, 2, listRa + 1, mondoRa)  // list misaligned
                .call(FAST, HvCalls.FAST_CPU_MONDO_SEND, 1, listRa + 4, mondoRa)  // entry 3 -> ENOCPU
                .call(FAST, HvCalls.FAST_CPU_MONDO_SEND, 2, listRa, mondoRa);     // cpu 2 has no queue
        cores.get(1)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 0)
                .call(FAST, HvCalls.FAST_CPU_QCONF, 0x3c, ringRa, 2)
                .call(FAST, HvCalls.FAST_CPU_YIELD)
                .call(FAST, HvCalls.FAST_MACH_EXIT, 5);
        machine.memory().write16BE(listPa + 4, 3);
        d.boot(0);
        new Scheduler(machine).run(1_000_000);
        assertEquals(DomainState.EXITED, d.state());
        assertEquals(5, d.exitStatus());
        // cpu 1 waits in cpu_yield from the fourth round on; the mondo wakes it and it exits
        assertEquals(List.of(HvErrors.EOK, HvErrors.EOK, HvErrors.EOK, HvErrors.EBADALIGN, HvErrors.ENOCPU,
                HvErrors.EWOULDBLOCK), List.copyOf(cores.get(0).statuses));
        long ringPa = d.realMemory().toPhysical(ringRa, 128);
        assertEquals(0x1111_0000L, machine.memory().read64BE(ringPa));
        assertEquals(0x1111_0007L, machine.memory().read64BE(ringPa + 56));
        assertEquals(64, cores.get(1).queueTail(0));
        assertEquals(0xffff, machine.memory().read16BE(listPa), "delivered entries are marked done");
        assertEquals(2, machine.memory().read16BE(listPa + 2), "the blocked entry stays for a retry");
    }

    @Test
    void whenEveryCpuWaitsTimeSkipsToTheNextTimer() {
        Domain d = domain(1, new byte[0]);
        cores.get(0).timer = 5_000_000_000L;
        cores.get(0)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.CORE, 1, 0)
                .call(FAST, HvCalls.FAST_CPU_YIELD)
                .call(FAST, HvCalls.FAST_MACH_EXIT, 0);
        d.boot(0);
        new Scheduler(machine).run(1_000_000);
        assertEquals(DomainState.EXITED, d.state());
        assertTrue(machine.now() >= 5_000_000_000L && machine.now() < 5_000_000_100L, "time " + machine.now());
    }

    @Test
    void softStateIsRecordedAndReadBack() {
        Domain d = domain(1, new byte[0]);
        long pa = d.realMemory().toPhysical(0x6000, 64);
        machine.memory().write(pa, "booted\0".getBytes(StandardCharsets.US_ASCII), 0, 7);
        byte[] noNul = new byte[32];
        java.util.Arrays.fill(noNul, (byte) 'x');
        machine.memory().write(pa + 32, noNul, 0, 32);
        cores.get(0)
                .call(CORE, HvCalls.CORE_API_SET_VERSION, HvApiGroups.SOFT_STATE, 1, 0)
                .call(FAST, HvCalls.FAST_MACH_SET_SOFT_STATE, 3, 0x6000)       // not a state
                .call(FAST, HvCalls.FAST_MACH_SET_SOFT_STATE, 1, 0x6010)       // misaligned
                .call(FAST, HvCalls.FAST_MACH_SET_SOFT_STATE, 1, 64L << 20)    // outside
                .call(FAST, HvCalls.FAST_MACH_SET_SOFT_STATE, 1, 0x6020)       // no NUL
                .call(FAST, HvCalls.FAST_MACH_SET_SOFT_STATE, 1, 0x6000)
                .call(FAST, HvCalls.FAST_MACH_GET_SOFT_STATE, 0x7000)
                .call(CORE, HvCalls.CORE_API_EXIT, 0);
        d.boot(0);
        new Scheduler(machine).run(1_000_000);
        assertEquals(List.of(HvErrors.EOK, HvErrors.EINVAL, HvErrors.EBADALIGN, HvErrors.ENORADDR, HvErrors.EINVAL,
                HvErrors.EOK, HvErrors.EOK), List.copyOf(cores.get(0).statuses));
        assertEquals(1, cores.get(0).results.toArray(new long[0][])[6][0]);
        long out = d.realMemory().toPhysical(0x7000, 32);
        assertEquals(0x626f6f7465640000L, machine.memory().read64BE(out)); // "booted\0\0"
    }
}
