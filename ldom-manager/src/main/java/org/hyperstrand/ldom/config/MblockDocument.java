package org.hyperstrand.ldom.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.hyperstrand.core.mem.MemoryBlock;

/** One mblock of a bound domain as YAML: real address, physical address and size in bytes. */
@JsonPropertyOrder({"ra", "pa", "size"})
record MblockDocument(Long ra, Long pa, Long size) {

    static MblockDocument of(MemoryBlock b) {
        return new MblockDocument(b.ra(), b.pa(), b.size());
    }

    /** The mblock, or an IllegalArgumentException that says what is wrong with it. */
    MemoryBlock block() {
        if (ra == null || pa == null || size == null) {
            throw new IllegalArgumentException("an mblock needs ra, pa and size");
        }
        return new MemoryBlock(ra, pa, size);
    }
}
