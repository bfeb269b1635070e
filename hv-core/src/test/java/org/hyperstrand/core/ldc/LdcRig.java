package org.hyperstrand.core.ldc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.ByteOrder;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.machine.DomainDescriptions;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.core.spi.ArchBackend;

/** A machine with booted domains whose CPUs run nothing, for calling the LDC handlers directly. */
final class LdcRig {

    final Machine machine = new Machine(MachineConfig.defaults());
    final HcallFrame frame = new HcallFrame();

    Domain domain(String name, ByteOrder order) {
        return domain(name, order, false);
    }

    /** A domain whose architecture says whether its CPU models honour mapped-in pages. */
    Domain domain(String name, ByteOrder order, boolean mapsImportedPages) {
        return domain(name, order, mapsImportedPages, 8L << 20);
    }

    /** As {@link #domain(String, ByteOrder, boolean)} with {@code memory} bytes of memory. */
    Domain domain(String name, ByteOrder order, boolean mapsImportedPages, long memory) {
        ArchBackend backend = mock(ArchBackend.class);
        when(backend.mapsImportedPages()).thenReturn(mapsImportedPages);
        when(backend.binding()).thenReturn(order == ByteOrder.BIG_ENDIAN ? "sparc64" : "x86_64");
        when(backend.byteOrder()).thenReturn(order);
        when(backend.coreCalls(any())).thenAnswer(inv -> inv.getArgument(0));
        when(backend.createCore(any(), anyInt())).thenAnswer(inv -> new QueueCore());
        Domain d = machine.createDomain(name, backend, memory, 2, DomainDescriptions.standard(machine));
        d.boot(0);
        return d;
    }

    DomainChannels ldc(Domain d) {
        return machine.channels().of(d);
    }

    long ra(Domain d, long offset) {
        return d.realMemory().blocks().get(0).ra() + offset;
    }

    long pa(Domain d, long ra) {
        return d.realMemory().toPhysical(ra, 1);
    }

    byte[] read(Domain d, long ra, int n) {
        byte[] b = new byte[n];
        machine.memory().read(pa(d, ra), b, 0, n);
        return b;
    }

    void write(Domain d, long ra, byte[] bytes) {
        machine.memory().write(pa(d, ra), bytes, 0, bytes.length);
    }

    /** Configures CPU {@code cpu}'s device mondo queue with {@code entries} entries at {@code ra}. */
    void devMondoQueue(Domain d, int cpu, long ra, long entries) {
        ldc(d).queues().configure(d.vcpu(cpu), HvConstants.DEV_MONDO_QUEUE, ra, entries);
    }

    QueueCore core(Domain d, int cpu) {
        return (QueueCore) d.vcpu(cpu).core();
    }
}
