package org.hyperstrand.core.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.hcall.api.HcallDispatcher;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.svc.CoreServices;
import org.hyperstrand.core.svc.SoftStateServices;
import org.hyperstrand.core.svc.TimeOfDay;

/**
 * The machine: host physical memory, the strand pool, the domains bound to them, and the
 * virtual clock the scheduler advances.
 */
public final class Machine {

    /** Domain memory is handed out in 4 MiB units, the largest common page size below 256 MiB. */
    public static final long MEMORY_UNIT = 4L << 20;

    private final MachineConfig config;
    private final PhysicalMemory memory;
    private final StrandPool strands;
    private final List<Domain> domains = new ArrayList<>();
    private long nextFreePa;
    /** Hypervisor pages are taken downwards from the top of host memory; this is the lowest so far. */
    private long hypervisorFloor;
    /** Virtual time; an atomic so that the parallel scheduler's threads can all advance it. */
    private final AtomicLong ticks = new AtomicLong();

    public Machine(MachineConfig config) {
        this.config = config;
        this.memory = new PhysicalMemory(config.physicalBytes());
        this.strands = new StrandPool(config.strands());
        this.hypervisorFloor = config.physicalBytes();
    }

    public MachineConfig config() {
        return config;
    }

    public PhysicalMemory memory() {
        return memory;
    }

    public StrandPool strands() {
        return strands;
    }

    public List<Domain> domains() {
        return domains;
    }

    /** Virtual time in ticks. */
    public long now() {
        return ticks.get();
    }

    /** Moves virtual time on; only the scheduler calls this. */
    public void advance(long delta) {
        ticks.addAndGet(delta);
    }

    /**
     * Takes {@code count} 4 KiB pages of host memory for the hypervisor's own structures (a
     * backend's control blocks and tables), from the top of host memory down, so they never
     * overlap a domain's memory; returns the address of the first. They are zero: host memory
     * is never handed out twice.
     */
    public synchronized long allocateHypervisorPages(int count) {
        long bytes = (long) count << 12;
        if (count <= 0 || bytes > hypervisorFloor - nextFreePa) {
            throw new IllegalStateException("host memory has no room for " + count + " hypervisor pages; "
                    + (hypervisorFloor - nextFreePa) + " bytes are free");
        }
        hypervisorFloor -= bytes;
        return hypervisorFloor;
    }

    /**
     * Creates a domain with {@code vcpus} strands and {@code memoryBytes} of memory at real
     * address 0, wired to the hypercall services. {@code machineDescription} supplies the bytes
     * mach_desc returns.
     */
    public synchronized Domain createDomain(String name, ArchBackend backend, long memoryBytes, int vcpus,
                               Function<Domain, Supplier<byte[]>> machineDescription) {
        if (memoryBytes <= 0 || memoryBytes % MEMORY_UNIT != 0) {
            throw new IllegalArgumentException("domain memory must be a positive multiple of 4M, not " + memoryBytes);
        }
        if (memoryBytes > hypervisorFloor - nextFreePa) {
            throw new IllegalArgumentException("not enough free memory: asked for " + memoryBytes + " bytes, "
                    + (hypervisorFloor - nextFreePa) + " are free");
        }
        int[] taken = strands.take(vcpus);
        RealMemoryMap map = new RealMemoryMap(List.of(new MemoryBlock(0, nextFreePa, memoryBytes)));
        nextFreePa += memoryBytes;
        Domain d = new Domain(name, backend, memory, map, new Domain.Clock() {
            @Override
            public long now() {
                return ticks.get();
            }

            @Override
            public long frequency() {
                return config.tickFrequency();
            }
        });
        d.setHypervisorPages(this::allocateHypervisorPages);
        for (int strand : taken) {
            d.addVcpu(strand);
        }
        TimeOfDay tod = new TimeOfDay(config.todAtPowerOn() + now() / config.tickFrequency(), this::now,
                config.tickFrequency());
        CoreServices neutral = new CoreServices(d, machineDescription.apply(d), tod);
        HcallDispatcher.Builder calls = HcallDispatcher.builder(backend.binding())
                .core(backend.coreCalls(neutral))
                .softState(new SoftStateServices(d));
        backend.addCalls(calls, d);
        d.setDispatcher(calls.build());
        domains.add(d);
        return d;
    }
}
