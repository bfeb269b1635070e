package org.hyperstrand.core.spi;

import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;

/** What a CPU model may use of its domain: host memory, the domain's real memory map, time. */
public interface GuestContext {

    /** Host physical memory; reach it only through {@link #realMemory()} translations. */
    PhysicalMemory memory();

    /** The domain's real address space. */
    RealMemoryMap realMemory();

    /** Virtual time in ticks, the same for every CPU of the machine; see {@link #tickFrequency()}. */
    long now();

    /** Ticks per second of {@link #now()}. */
    long tickFrequency();
}
