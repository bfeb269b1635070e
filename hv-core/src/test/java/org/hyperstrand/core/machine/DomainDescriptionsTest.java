package org.hyperstrand.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.md.MdDecoder;
import org.hyperstrand.core.md.MdGraph;
import org.hyperstrand.core.md.MdNode;
import org.junit.jupiter.api.Test;

class DomainDescriptionsTest {

    @Test
    void aDomainsMdListsItsCpusAndMemory() {
        Machine machine = new Machine(MachineConfig.defaults());
        Domain d = machine.createDomain("ldg1", TestBackends.inert(), 128L << 20, 3, DomainDescriptions.standard(machine));
        MdGraph md = MdDecoder.decode(DomainDescriptions.standard(machine).apply(d).get());
        assertEquals(List.of(0L, 1L, 2L), md.nodesOfType("cpu").stream().map(n -> n.value("id").getAsLong()).toList());
        MdNode mblock = md.first("mblock").orElseThrow();
        assertEquals(0, mblock.value("base").getAsLong());
        assertEquals(128L << 20, mblock.value("size").getAsLong());
        assertEquals("Hyperstrand", md.first("platform").orElseThrow().string("name").orElseThrow());
    }
}
