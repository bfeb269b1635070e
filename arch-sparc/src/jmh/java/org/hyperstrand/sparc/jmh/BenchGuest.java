package org.hyperstrand.sparc.jmh;

import java.util.List;
import java.util.function.Supplier;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.spi.BackendStates;
import org.hyperstrand.core.spi.GuestContext;

/**
 * The smallest domain a {@link org.hyperstrand.sparc.cpu.SparcCore} can run in: 1 MiB of real
 * memory at real address 0, backed by host physical memory at {@link #PA_BASE}, and a clock
 * that stands still.
 */
final class BenchGuest implements GuestContext {

    static final long PA_BASE = 0x4000_0000L;
    static final long SIZE = 1L << 20;

    private final BackendStates backendStates = new BackendStates();
    private final PhysicalMemory memory = new PhysicalMemory(PA_BASE + SIZE);
    private final RealMemoryMap map = new RealMemoryMap(List.of(new MemoryBlock(0, PA_BASE, SIZE)));

    /** Writes instruction words at real address {@code ra}. */
    void put(long ra, int... words) {
        for (int i = 0; i < words.length; i++) {
            memory.write32BE(PA_BASE + ra + 4L * i, words[i]);
        }
    }

    long read64(long ra) {
        return memory.read64BE(PA_BASE + ra);
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
        return 0;
    }

    @Override
    public long tickFrequency() {
        return 1_000_000_000L;
    }

    @Override
    public <T> T backendState(Class<T> type, Supplier<? extends T> create) {
        return backendStates.get(type, create);
    }
}
