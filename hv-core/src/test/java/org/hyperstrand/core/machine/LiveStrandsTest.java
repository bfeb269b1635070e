package org.hyperstrand.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.domain.VcpuState;
import org.hyperstrand.core.md.MdDecoder;
import org.hyperstrand.core.md.MdGraph;
import org.junit.jupiter.api.Test;

/** Strands added to and removed from a running domain, the machine's half of cpu DR. */
class LiveStrandsTest {

    private final Machine machine = new Machine(new MachineConfig(6, 64L << 20, 1_000_000, 0, 1000));
    private final Binding bound = machine.bind(2, 8L << 20);
    private final Domain d = machine.createDomain("ldg1", TestBackends.inert(), bound,
            DomainDescriptions.standard(machine));

    private static List<Integer> strands(Domain d) {
        return d.vcpus().stream().map(Vcpu::strand).toList();
    }

    @Test
    void addedStrandsAreStoppedCpusWithTheNextIdsAndAppearInTheMd() {
        machine.bind(1, 4L << 20); // strand 2 belongs to someone else
        d.boot(0x100000);
        Binding grown = machine.addStrands(d, bound, 2);
        assertEquals(List.of(0, 1, 3, 4), grown.strands());
        assertEquals(grown.strands(), strands(d));
        assertEquals(VcpuState.STOPPED, d.vcpu(2).state());
        assertEquals(VcpuState.STOPPED, d.vcpu(3).state());
        assertEquals(1, machine.strands().free());
        MdGraph md = MdDecoder.decode(DomainDescriptions.standard(machine).apply(d).get());
        assertEquals(4, md.nodesOfType("cpu").size());
    }

    @Test
    void removalTakesTheHighestIdsOnceStoppedAndGivesTheStrandsBack() {
        d.boot(0x100000);
        Binding grown = machine.addStrands(d, bound, 3);
        d.vcpu(4).setState(VcpuState.RUNNING); // the guest started it
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> machine.removeStrands(d, grown, 2, false));
        assertEquals("cpu 4 of domain ldg1 still runs", e.getMessage());
        assertEquals(5, d.vcpus().size(), "nothing removed");
        assertEquals(1, machine.strands().free());
        d.vcpu(4).setState(VcpuState.STOPPED); // the guest stopped it
        Binding shrunk = machine.removeStrands(d, grown, 2, false);
        assertEquals(List.of(0, 1, 2), shrunk.strands());
        assertEquals(shrunk.strands(), strands(d));
        assertEquals(3, machine.strands().free());
    }

    @Test
    void forcedRemovalStopsRunningCpus() {
        d.boot(0x100000);
        Vcpu one = d.vcpu(1);
        one.setState(VcpuState.RUNNING);
        Binding shrunk = machine.removeStrands(d, bound, 1, true);
        assertEquals(List.of(0), shrunk.strands());
        assertEquals(VcpuState.STOPPED, one.state());
        assertEquals(5, machine.strands().free());
        assertThrows(IllegalStateException.class, () -> machine.removeStrands(d, shrunk, 1, true),
                "the last cpu stays");
    }

    @Test
    void tooManyStrandsOrABindingOutOfStepChangeNothing() {
        d.boot(0x100000);
        assertThrows(IllegalArgumentException.class, () -> machine.addStrands(d, bound, 5));
        assertEquals(2, d.vcpus().size());
        Binding other = new Binding(List.of(0, 5), bound.memory());
        assertThrows(IllegalStateException.class, () -> machine.addStrands(d, other, 1));
        assertEquals(4, machine.strands().free());
        assertTrue(machine.strands().taken(1));
    }
}
