package org.hyperstrand.sparc;

import java.util.List;
import java.util.function.Supplier;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.spi.BackendStates;
import org.hyperstrand.core.spi.GuestContext;

/** A domain with one memory block: real addresses [0, size) at host physical {@link #PA_BASE}. */
public final class TestGuest implements GuestContext {

    static final long PA_BASE = 0x4000_0000L;
    static final long SIZE = 1L << 20;

    private final BackendStates backendStates = new BackendStates();
    final PhysicalMemory memory = new PhysicalMemory(PA_BASE + SIZE);
    final RealMemoryMap map = new RealMemoryMap(List.of(new MemoryBlock(0, PA_BASE, SIZE)));
    long now = 1000;

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

    @Override
    public <T> T backendState(Class<T> type, Supplier<? extends T> create) {
        return backendStates.get(type, create);
    }
}
