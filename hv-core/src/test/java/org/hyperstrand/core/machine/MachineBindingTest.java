package org.hyperstrand.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.mem.MemoryBlock;
import org.junit.jupiter.api.Test;

/** Binding, releasing and removing: what a domain manager needs of the machine. */
class MachineBindingTest {

    private final Machine machine = new Machine(new MachineConfig(8, 64L << 20, 1_000_000, 0, 1000));

    @Test
    void aBindingHoldsStrandsAndMemoryUntilReleased() {
        Binding b = machine.bind(3, 16L << 20);
        assertEquals(List.of(0, 1, 2), b.strands());
        assertEquals(List.of(new MemoryBlock(0, 0, 16L << 20)), b.memory());
        assertEquals(5, machine.strands().free());
        assertEquals(48L << 20, machine.freeMemory());
        machine.release(b);
        assertEquals(8, machine.strands().free());
        assertEquals(64L << 20, machine.freeMemory());
    }

    @Test
    void hypervisorPagesGivenBackInPiecesGoOutAgainWhole() {
        Binding b1 = machine.bind(1, 8L << 20);
        Binding b2 = machine.bind(1, 8L << 20);
        Domain first = machine.createDomain("ldg1", TestBackends.inert(), b1, DomainDescriptions.standard(machine));
        Domain second = machine.createDomain("ldg2", TestBackends.inert(), b2, DomainDescriptions.standard(machine));
        long upper = first.allocateHypervisorPages(1);
        long lower = second.allocateHypervisorPages(1);
        assertEquals(upper - 0x1000, lower, "taken downwards, next to each other");
        machine.removeDomain(first);
        machine.removeDomain(second);
        Domain third = machine.createDomain("ldg3", TestBackends.inert(), b1, DomainDescriptions.standard(machine));
        assertEquals(lower, third.allocateHypervisorPages(2), "the two single pages, merged");
        assertEquals(lower - 0x1000, third.allocateHypervisorPages(1), "then new memory below them");
    }

    @Test
    void aSavedBindingIsTakenBackExactlyOrNotAtAll() {
        Binding saved = new Binding(List.of(5, 2), List.of(new MemoryBlock(0, 32L << 20, 8L << 20),
                new MemoryBlock(8L << 20, 8L << 20, 4L << 20)));
        assertEquals(saved, machine.bindExactly(saved));
        assertTrue(machine.strands().taken(5) && machine.strands().taken(2));
        assertEquals(52L << 20, machine.freeMemory());
        Binding next = machine.bind(1, 4L << 20);
        assertEquals(List.of(0), next.strands(), "the rest is handed out around it");
        assertEquals(List.of(new MemoryBlock(0, 0, 4L << 20)), next.memory());

        Binding clash = new Binding(List.of(6), List.of(new MemoryBlock(0, 36L << 20, 4L << 20)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> machine.bindExactly(clash));
        assertEquals("mblock pa=0x2400000 size=0x400000 is not free", e.getMessage());
        Binding takenStrand = new Binding(List.of(2), List.of(new MemoryBlock(0, 48L << 20, 4L << 20)));
        e = assertThrows(IllegalArgumentException.class, () -> machine.bindExactly(takenStrand));
        assertEquals("strand 2 is taken", e.getMessage());
        Binding gap = new Binding(List.of(7), List.of(new MemoryBlock(4L << 20, 48L << 20, 4L << 20)));
        e = assertThrows(IllegalArgumentException.class, () -> machine.bindExactly(gap));
        assertEquals("the mblocks leave real addresses 0x0-0x3fffff uncovered", e.getMessage());
        Binding outside = new Binding(List.of(8), List.of(new MemoryBlock(0, 48L << 20, 4L << 20)));
        e = assertThrows(IllegalArgumentException.class, () -> machine.bindExactly(outside));
        assertEquals("strand 8 is not one of the machine's 8", e.getMessage());
        Binding twice = new Binding(List.of(7, 7), List.of(new MemoryBlock(0, 48L << 20, 4L << 20)));
        e = assertThrows(IllegalArgumentException.class, () -> machine.bindExactly(twice));
        assertEquals("strand 7 is named twice", e.getMessage());
        assertEquals(5, machine.strands().free(), "nothing taken by the refused ones");
        assertEquals(48L << 20, machine.freeMemory());
    }

    @Test
    void releasedMemoryIsWipedAndGoesToTheNextDomain() {
        Binding first = machine.bind(1, 8L << 20);
        machine.memory().write64BE(0x1000, 0x5ec2e7L);
        machine.release(first);
        Binding second = machine.bind(1, 8L << 20);
        assertEquals(0, second.memory().get(0).pa(), "the same memory again");
        assertEquals(0, machine.memory().read64BE(0x1000), "without the first owner's data");
        assertFalse(machine.memory().isTouched(0x1000));
    }

    @Test
    void aRemovedDomainsHypervisorPagesGoZeroedToTheNextDomain() {
        Binding b = machine.bind(1, 8L << 20);
        Domain first = machine.createDomain("ldg1", TestBackends.inert(), b, DomainDescriptions.standard(machine));
        long pages = first.allocateHypervisorPages(3);
        machine.memory().write64LE(pages + 0x2000, 0xc0ffeeL);
        long sysBase = machine.hypervisorMemoryBase();
        machine.removeDomain(first);
        machine.release(b);
        Binding again = machine.bind(1, 8L << 20);
        for (int run = 0; run < 10; run++) { // a daemon starts domains again and again
            Domain next = machine.createDomain("ldg" + run, TestBackends.inert(), again,
                    DomainDescriptions.standard(machine));
            assertEquals(pages, next.allocateHypervisorPages(2), "the pages the first domain gave back");
            assertEquals(pages + 0x2000, next.allocateHypervisorPages(1));
            assertEquals(0, machine.memory().read64LE(pages + 0x2000), "zeroed before they are handed out again");
            machine.memory().write64LE(pages + 0x2000, 0xc0ffeeL);
            machine.removeDomain(next);
        }
        assertEquals(sysBase, machine.hypervisorMemoryBase(), "the hypervisor's memory did not grow");
    }

    @Test
    void aFailedBindTakesNothing() {
        machine.bind(2, 32L << 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> machine.bind(7, 4L << 20));
        assertEquals("asked for 7 strands, 6 of 8 are free", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> machine.bind(1, 64L << 20));
        assertEquals("not enough free memory: asked for 67108864 bytes, 33554432 are free", e.getMessage());
        assertEquals(6, machine.strands().free());
        assertEquals(32L << 20, machine.freeMemory());
    }

    @Test
    void aDomainRunsOnItsBindingAndLeavesTheMachineWhenRemoved() {
        Binding b = machine.bind(2, 8L << 20);
        Domain d = machine.createDomain("ldg1", TestBackends.inert(), b, DomainDescriptions.standard(machine));
        assertEquals(List.of(0, 1), d.vcpus().stream().map(v -> v.strand()).toList());
        d.boot(0x100000);
        assertThrows(IllegalStateException.class, () -> machine.removeDomain(d));
        assertThrows(IllegalStateException.class, () -> machine.release(b));
        d.stop();
        machine.removeDomain(d);
        assertTrue(machine.domains().isEmpty());
        assertEquals(6, machine.strands().free(), "removing keeps the binding");
        machine.release(b);
        assertEquals(8, machine.strands().free());
    }

    @Test
    void hypervisorPagesComeFromTheTopAndNeverOverlapDomains() {
        long page = machine.allocateHypervisorPages(1);
        assertEquals((64L << 20) - 4096, page);
        assertEquals(60L << 20, machine.freeMemory(), "a whole unit is set aside for hypervisor pages");
        Binding b = machine.bind(1, 60L << 20);
        assertEquals(60L << 20, b.memoryBytes());
        assertEquals((64L << 20) - 8192, machine.allocateHypervisorPages(1), "the unit still has room");
    }

    @Test
    void aBindingGrowsAndShrinksInPlace() {
        Binding b = machine.bind(2, 8L << 20);
        Binding other = machine.bind(1, 4L << 20);
        Binding grown = machine.resize(b, 4, 16L << 20);
        assertEquals(List.of(0, 1, 3, 4), grown.strands());
        assertEquals(List.of(new MemoryBlock(0, 0, 8L << 20), new MemoryBlock(8L << 20, 12L << 20, 8L << 20)),
                grown.memory(), "the new memory follows at the next real address");
        Binding shrunk = machine.resize(grown, 1, 4L << 20);
        assertEquals(List.of(0), shrunk.strands());
        assertEquals(List.of(new MemoryBlock(0, 0, 4L << 20)), shrunk.memory());
        assertEquals(6, machine.strands().free());
        assertEquals(56L << 20, machine.freeMemory());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> machine.resize(shrunk, 1, 64L << 20));
        assertEquals("not enough free memory: asked for 62914560 bytes, 58720256 are free", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> machine.resize(shrunk, 9, 4L << 20));
        assertEquals("asked for 8 more strands, 6 of 8 are free", e.getMessage());
        assertEquals(6, machine.strands().free(), "a refused resize takes nothing");
        machine.release(other);
    }
}
