package org.hyperstrand.core.machine;

import java.util.List;
import org.hyperstrand.core.mem.MemoryBlock;

/**
 * What a bound domain holds of the machine: physical strands and mblocks of host memory (at
 * consecutive real addresses from 0). It stays reserved, whether or not a domain runs on it,
 * until {@link Machine#release} gives it back.
 */
public record Binding(List<Integer> strands, List<MemoryBlock> memory) {

    public Binding {
        strands = List.copyOf(strands);
        memory = List.copyOf(memory);
    }

    public long memoryBytes() {
        return memory.stream().mapToLong(MemoryBlock::size).sum();
    }
}
