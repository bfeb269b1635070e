package org.hyperstrand.x86;

import java.util.List;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.spi.GuestContext;

/**
 * A domain with one memory block: guest-physical [0, size) at host physical {@link #PA_BASE}
 * (deliberately not 0, so a missed guest-to-host translation shows).
 */
final class TestGuest implements GuestContext {

    static final long PA_BASE = 0x1000_0000L;
    static final long SIZE = 8L << 20;

    final PhysicalMemory memory;
    final RealMemoryMap map;
    final long size;
    long now = 1000;

    TestGuest() {
        this(SIZE);
    }

    TestGuest(long size) {
        this.size = size;
        this.memory = new PhysicalMemory(PA_BASE + ((size + PhysicalMemory.CHUNK_MASK) & ~PhysicalMemory.CHUNK_MASK));
        this.map = new RealMemoryMap(List.of(new MemoryBlock(0, PA_BASE, size)));
    }

    @Override
    public PhysicalMemory memory() {
        return memory;
    }

    @Override
    public RealMemoryMap realMemory() {
        return map;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public long tickFrequency() {
        return 1_000_000;
    }
}
