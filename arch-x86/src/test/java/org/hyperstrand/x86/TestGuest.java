package org.hyperstrand.x86;

import java.util.List;
import java.util.function.Supplier;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.spi.BackendStates;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.core.spi.Tracer;
import org.hyperstrand.core.svc.Console;

/**
 * A domain with one memory block: guest-physical [0, size) at host physical {@link #PA_BASE}
 * (deliberately not 0, so a missed guest-to-host translation shows). Hypervisor pages (VMCBs,
 * nested page tables) come from {@link #HYPERVISOR_SIZE} bytes of host memory above it.
 */
final class TestGuest implements GuestContext {

    static final long PA_BASE = 0x1000_0000L;
    static final long SIZE = 8L << 20;
    static final long HYPERVISOR_SIZE = 4L << 20;

    private final BackendStates backendStates = new BackendStates();
    final PhysicalMemory memory;
    /** Not final: a test maps pages in and out as hv-core would, by replacing it. */
    RealMemoryMap map;
    final long size;
    final Console console = new Console();
    /** Host physical [hypervisorBase, memory.size()) is handed out by {@link #allocateHypervisorPages}. */
    final long hypervisorBase;
    private long hypervisorNext;
    long now = 1000;
    /** The trace the backend reports to; null (the default) when not traced. */
    Tracer tracer;

    TestGuest() {
        this(SIZE);
    }

    TestGuest(long size) {
        this.size = size;
        this.hypervisorBase = PA_BASE + ((size + PhysicalMemory.CHUNK_MASK) & ~PhysicalMemory.CHUNK_MASK);
        this.hypervisorNext = hypervisorBase;
        this.memory = new PhysicalMemory(hypervisorBase + HYPERVISOR_SIZE);
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

    @Override
    public Console console() {
        return console;
    }

    @Override
    public Tracer tracer() {
        return tracer;
    }

    /** Pages are never given back, so they are still the zeros of fresh memory. */
    @Override
    public synchronized long allocateHypervisorPages(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("page count " + count);
        }
        long bytes = (long) count * 4096;
        if (bytes > memory.size() - hypervisorNext) {
            throw new IllegalStateException("no room for " + count + " hypervisor pages");
        }
        long page = hypervisorNext;
        hypervisorNext += bytes;
        return page;
    }

    @Override
    public <T> T backendState(Class<T> type, Supplier<? extends T> create) {
        return backendStates.get(type, create);
    }
}
