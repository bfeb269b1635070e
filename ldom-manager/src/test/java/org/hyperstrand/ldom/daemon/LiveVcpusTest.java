package org.hyperstrand.ldom.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.ds.DrCpu;
import org.hyperstrand.core.ds.DrCpuReply;
import org.hyperstrand.core.ds.DrCpuReply.CpuRecord;
import org.hyperstrand.core.machine.Binding;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.StrandPool;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.sched.MachineRunner;
import org.hyperstrand.ldom.model.LdmException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dr-cpu conversations of live vcpu changes with guests that answer in ways the reference
 * guests never do (one cpu of several failing, a channel that went down), with the machine and
 * the guest's service mocked: a running domain would be far heavier than what is tested.
 */
class LiveVcpusTest {

    private final MachineRunner runner = mock(MachineRunner.class);
    private final Machine machine = mock(Machine.class);
    private final Domain domain = mock(Domain.class);
    private final DrCpu dr = mock(DrCpu.class);
    private final Binding two = new Binding(List.of(0, 1), List.of(new MemoryBlock(0, 0, 4L << 20)));
    private final Binding four = new Binding(List.of(0, 1, 2, 3), two.memory());
    private LiveVcpus live;

    @BeforeEach
    void machineThreadRunsWhatItIsGiven() throws Exception {
        when(runner.machine()).thenReturn(machine);
        when(runner.call(any())).thenAnswer(inv -> ((Callable<?>) inv.getArgument(0)).call());
        StrandPool pool = new StrandPool(8);
        when(machine.strands()).thenReturn(pool);
        when(dr.available()).thenReturn(true);
        live = new LiveVcpus(runner, 1_000);
    }

    private static CompletableFuture<DrCpuReply> answer(int type, CpuRecord... records) {
        return CompletableFuture.completedFuture(new DrCpuReply(1, type, List.of(records)));
    }

    @Test
    void oneCpuFailingRollsTheWholeAddBack() {
        when(machine.addStrands(domain, two, 2)).thenReturn(four);
        when(dr.request(DrCpu.CONFIGURE, List.of(2, 3))).thenReturn(answer(DrCpu.ERROR,
                new CpuRecord(2, DrCpu.RESULT_OK, DrCpu.STATUS_CONFIGURED, ""),
                new CpuRecord(3, DrCpu.RESULT_FAILURE, DrCpu.STATUS_UNCONFIGURED, "no stack")));
        LdmException e = assertThrows(LdmException.class, () -> live.add("ldg1", domain, dr, two, 2));
        assertEquals("domain ldg1 refused to configure cpus 2, 3 (cpu 3: no stack); its vcpus are unchanged",
                e.getMessage());
        verify(machine).removeStrands(domain, four, 2, true); // cpu 2, which did start, is stopped again
    }

    @Test
    void anAnswerThatLeavesACpuOutIsARefusal() {
        when(machine.addStrands(domain, two, 2)).thenReturn(four);
        when(dr.request(DrCpu.CONFIGURE, List.of(2, 3))).thenReturn(answer(DrCpu.OK,
                new CpuRecord(2, DrCpu.RESULT_OK, DrCpu.STATUS_CONFIGURED, "")));
        LdmException e = assertThrows(LdmException.class, () -> live.add("ldg1", domain, dr, two, 2));
        assertEquals("domain ldg1 refused to configure cpus 2, 3 (cpu 3: no record); its vcpus are unchanged",
                e.getMessage());
        verify(machine).removeStrands(domain, four, 2, true);
    }

    @Test
    void aForcedRemovalTellsTheGuestAndStopsTheStrandsWhateverItSays() {
        Binding one = new Binding(List.of(0), two.memory());
        when(dr.request(DrCpu.FORCE_UNCONFIGURE, List.of(1))).thenReturn(answer(DrCpu.ERROR,
                new CpuRecord(1, DrCpu.RESULT_BLOCKED, DrCpu.STATUS_CONFIGURED, "busy")));
        when(machine.removeStrands(domain, two, 1, true)).thenReturn(one);
        assertSame(one, live.remove("ldg1", domain, dr, two, 1, true));
        verify(dr).request(DrCpu.FORCE_UNCONFIGURE, List.of(1));
    }

    @Test
    void aForcedRemovalNeedsNoDomainServices() {
        Binding one = new Binding(List.of(0), two.memory());
        when(dr.available()).thenReturn(false);
        when(machine.removeStrands(domain, two, 1, true)).thenReturn(one);
        assertSame(one, live.remove("ldg1", domain, dr, two, 1, true));
        verify(dr, never()).request(anyInt(), anyList());
    }

    @Test
    void aGuestThatSaysItStoppedACpuThatStillRunsChangesNothing() {
        when(dr.request(DrCpu.UNCONFIGURE, List.of(1))).thenReturn(answer(DrCpu.OK,
                new CpuRecord(1, DrCpu.RESULT_OK, DrCpu.STATUS_UNCONFIGURED, "")));
        when(machine.removeStrands(domain, two, 1, false))
                .thenThrow(new IllegalStateException("cpu 1 of domain ldg1 still runs"));
        LdmException e = assertThrows(LdmException.class, () -> live.remove("ldg1", domain, dr, two, 1, false));
        assertEquals("domain ldg1 answered that cpu 1 was unconfigured, but cpu 1 still runs; its vcpus are "
                + "unchanged; remove them by force: ldm remove-vcpu -f 1 ldg1", e.getMessage());
        verify(machine, never()).removeStrands(eq(domain), any(), anyInt(), eq(true));
    }
}
