package org.hyperstrand.core.machine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.DomainState;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.domain.VcpuState;
import org.hyperstrand.core.hcall.api.HcallDispatcher;
import org.hyperstrand.core.ldc.Channels;
import org.hyperstrand.core.ldc.DomainChannels;
import org.hyperstrand.core.mem.FreeRanges;
import org.hyperstrand.core.mem.MblockAllocator;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.svc.CoreServices;
import org.hyperstrand.core.svc.InterruptQueues;
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
    private final MblockAllocator mblocks;
    private final Channels channels = new Channels();
    /**
     * Hypervisor pages are taken downwards from the top of host memory; this is the lowest so
     * far. Whole memory units are withdrawn from the mblock allocator as the floor sinks.
     */
    private long hypervisorFloor;
    private long hypervisorReserved;
    private static final byte[] ZERO_PAGE = new byte[4096];
    /** Hypervisor memory removed domains gave back, merged where runs touch. */
    private final FreeRanges freedHypervisorMemory = new FreeRanges();
    /** The hypervisor pages each domain holds. */
    private final Map<Domain, List<long[]>> hypervisorRunsOf = new HashMap<>();
    /** Virtual time; an atomic so that the parallel scheduler's threads can all advance it. */
    private final AtomicLong ticks = new AtomicLong();

    public Machine(MachineConfig config) {
        this.config = config;
        this.memory = new PhysicalMemory(config.physicalBytes());
        this.strands = new StrandPool(config.strands());
        this.mblocks = new MblockAllocator(config.physicalBytes(), MEMORY_UNIT);
        this.hypervisorFloor = config.physicalBytes();
        this.hypervisorReserved = config.physicalBytes();
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

    /** The logical domain channels between domains and the hypervisor's services. */
    public Channels channels() {
        return channels;
    }

    /** Host memory not bound to any domain nor taken by the hypervisor, in bytes. */
    public long freeMemory() {
        return mblocks.freeBytes();
    }

    /** The free ranges of host memory, lowest first (ra equals pa). */
    public List<MemoryBlock> freeMemoryRanges() {
        return mblocks.freeRanges();
    }

    /**
     * Where the memory kept for the hypervisor's own structures begins: everything from here to
     * the top of host memory (ldm shows it as {@code _sys_}).
     */
    public synchronized long hypervisorMemoryBase() {
        return hypervisorReserved;
    }

    /**
     * Takes {@code count} hypervisor pages for domain {@code owner}: from the runs earlier
     * domains gave back if one is large enough, else as {@link #allocateHypervisorPages}. They
     * return to the machine when the domain is removed.
     */
    synchronized long allocateHypervisorPages(Domain owner, int count) {
        long pa = count > 0 ? freedHypervisorMemory.firstFit((long) count << 12) : -1;
        if (pa >= 0) {
            freedHypervisorMemory.remove(pa, (long) count << 12);
        }
        if (pa < 0) {
            pa = allocateHypervisorPages(count);
        }
        hypervisorRunsOf.computeIfAbsent(owner, d -> new ArrayList<>()).add(new long[] {pa, count});
        return pa;
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
        if (count <= 0 || bytes > hypervisorFloor) {
            throw new IllegalStateException("host memory has no room for " + count + " hypervisor pages");
        }
        long floor = hypervisorFloor - bytes;
        if (floor < hypervisorReserved) {
            long units = (hypervisorReserved - floor + MEMORY_UNIT - 1) / MEMORY_UNIT;
            long reserved = mblocks.withdrawTop(units * MEMORY_UNIT);
            if (reserved < 0) {
                throw new IllegalStateException("host memory has no room for " + count + " hypervisor pages; "
                        + "the top of memory is bound to domains");
            }
            hypervisorReserved = reserved;
        }
        hypervisorFloor = floor;
        return floor;
    }

    /**
     * Reserves {@code vcpus} strands and {@code memoryBytes} of host memory (a positive multiple
     * of {@link #MEMORY_UNIT}, as one or more mblocks) for a domain. All or nothing.
     *
     * @throws IllegalArgumentException when the size is bad or the machine lacks the strands or memory
     */
    public synchronized Binding bind(int vcpus, long memoryBytes) {
        if (memoryBytes <= 0 || memoryBytes % MEMORY_UNIT != 0) {
            throw new IllegalArgumentException("domain memory must be a positive multiple of 4M, not " + memoryBytes);
        }
        if (vcpus <= 0 || vcpus > strands.free()) {
            throw new IllegalArgumentException("asked for " + vcpus + " strands, " + strands.free() + " of "
                    + strands.size() + " are free");
        }
        List<MemoryBlock> memory = mblocks.allocate(0, memoryBytes);
        int[] taken = strands.take(vcpus);
        return new Binding(Arrays.stream(taken).boxed().toList(), memory);
    }

    /**
     * Reserves exactly the strands and mblocks of {@code wanted}, as a binding saved before a
     * restart names them, so that a domain gets back the resources it had. The mblocks must
     * cover real addresses from 0 without a gap, as {@link #bind} hands them out. All or nothing.
     *
     * @throws IllegalArgumentException when one of them is taken, outside the machine or malformed
     */
    public synchronized Binding bindExactly(Binding wanted) {
        if (wanted.strands().isEmpty() || wanted.memory().isEmpty()) {
            throw new IllegalArgumentException("a binding needs strands and memory");
        }
        long ra = 0;
        for (MemoryBlock b : wanted.memory().stream().sorted(Comparator.comparingLong(MemoryBlock::ra))
                .toList()) {
            if (b.ra() != ra) {
                throw new IllegalArgumentException(String.format("the mblocks leave real addresses 0x%x-0x%x "
                        + "uncovered", ra, b.ra() - 1));
            }
            ra += b.size();
        }
        strands.takeExactly(wanted.strands());
        try {
            mblocks.reserve(wanted.memory());
        } catch (IllegalArgumentException e) {
            wanted.strands().forEach(strands::give);
            throw e;
        }
        return wanted;
    }

    /**
     * Gives a binding's strands and memory back to the machine; the memory is wiped, so a later
     * domain reads zeros there. No running domain may still use it.
     */
    public synchronized void release(Binding binding) {
        for (Domain d : domains) {
            if (d.state() == DomainState.RUNNING
                    && d.realMemory().blocks().equals(binding.memory())) {
                throw new IllegalStateException("domain " + d.name() + " still runs on this binding");
            }
        }
        mblocks.release(binding.memory());
        for (MemoryBlock b : binding.memory()) {
            memory.discard(b.pa(), b.size());
        }
        binding.strands().forEach(strands::give);
    }

    /**
     * Changes a binding no domain runs on to {@code vcpus} strands and {@code memoryBytes}:
     * strands are added lowest-numbered first and removed from the highest, memory is added at
     * the next real addresses and removed from the top ones. All or nothing.
     */
    public synchronized Binding resize(Binding binding, int vcpus, long memoryBytes) {
        long have = binding.memoryBytes();
        if (vcpus <= 0 || memoryBytes <= 0 || memoryBytes % MEMORY_UNIT != 0) {
            throw new IllegalArgumentException("a binding needs strands and a positive multiple of 4M of memory");
        }
        int moreStrands = vcpus - binding.strands().size();
        if (moreStrands > strands.free()) {
            throw new IllegalArgumentException("asked for " + moreStrands + " more strands, " + strands.free() + " of "
                    + strands.size() + " are free");
        }
        List<MemoryBlock> memory = new ArrayList<>(binding.memory());
        if (memoryBytes > have) {
            memory.addAll(mblocks.allocate(have, memoryBytes - have));
        }
        List<Integer> held = new ArrayList<>(binding.strands());
        if (moreStrands > 0) {
            Arrays.stream(strands.take(moreStrands)).forEach(held::add);
        }
        while (held.size() > vcpus) {
            strands.give(held.remove(held.size() - 1));
        }
        long excess = have - memoryBytes;
        while (excess > 0) {
            MemoryBlock last = memory.remove(memory.size() - 1);
            long cut = Math.min(excess, last.size());
            MemoryBlock tail = new MemoryBlock(last.ra() + last.size() - cut, last.pa() + last.size() - cut, cut);
            mblocks.release(List.of(tail));
            this.memory.discard(tail.pa(), tail.size());
            if (cut < last.size()) {
                memory.add(new MemoryBlock(last.ra(), last.pa(), last.size() - cut));
            }
            excess -= cut;
        }
        return new Binding(held, memory);
    }

    /**
     * Gives running domain {@code d}, bound to {@code binding}, {@code count} more strands from
     * the pool as new virtual CPUs with the next ids, stopped, so that its machine description
     * lists them and its guest can start them with cpu_start. All or nothing.
     *
     * @return the binding with the new strands at its end, in cpu id order
     * @throws IllegalArgumentException if the pool has not that many free strands
     */
    public synchronized Binding addStrands(Domain d, Binding binding, int count) {
        checkInStep(d, binding);
        int[] taken = strands.take(count);
        List<Integer> held = new ArrayList<>(binding.strands());
        for (int strand : taken) {
            d.addVcpu(strand);
            held.add(strand);
        }
        return new Binding(held, binding.memory());
    }

    /**
     * Takes the {@code count} highest-numbered virtual CPUs away from running domain {@code d} and
     * gives their strands back to the pool. Without {@code force} each must have been stopped
     * (by the guest, with cpu_stop); with it, running ones are stopped. All or nothing.
     *
     * @return the binding without those strands
     * @throws IllegalStateException if one still runs (without force), or none would be left
     */
    public synchronized Binding removeStrands(Domain d, Binding binding, int count, boolean force) {
        checkInStep(d, binding);
        int have = binding.strands().size();
        if (count <= 0 || count >= have) {
            throw new IllegalStateException("domain " + d.name() + " has " + have + " cpus; cannot remove " + count);
        }
        synchronized (d) {
            List<Vcpu> leaving = d.vcpus().subList(have - count, have);
            for (Vcpu v : leaving) {
                if (v.state() != VcpuState.STOPPED && !force) {
                    throw new IllegalStateException("cpu " + v.id() + " of domain " + d.name() + " still runs");
                }
            }
            for (Vcpu v : List.copyOf(leaving)) {
                v.setState(VcpuState.STOPPED);
            }
            for (int i = 0; i < count; i++) {
                strands.give(d.removeLastVcpu().strand());
            }
        }
        return new Binding(binding.strands().subList(0, have - count), binding.memory());
    }

    private static void checkInStep(Domain d, Binding binding) {
        List<Integer> running = d.vcpus().stream().map(Vcpu::strand).toList();
        if (!running.equals(binding.strands())) {
            throw new IllegalStateException("domain " + d.name() + " runs on strands " + running + ", not on "
                    + binding.strands());
        }
    }

    /**
     * Takes a domain that no longer runs off the machine; its binding stays reserved until
     * released.
     */
    public synchronized void removeDomain(Domain d) {
        if (d.state() == DomainState.RUNNING) {
            throw new IllegalStateException("domain " + d.name() + " is running; stop it before removing it");
        }
        domains.remove(d);
        channels.unregister(d);
        // its control blocks and tables, zeroed, for the domains that come after it
        for (long[] run : hypervisorRunsOf.getOrDefault(d, List.of())) {
            for (long page = 0; page < run[1]; page++) {
                memory.write(run[0] + (page << 12), ZERO_PAGE, 0, ZERO_PAGE.length);
            }
            freedHypervisorMemory.add(run[0], run[1] << 12);
        }
        hypervisorRunsOf.remove(d);
    }

    /**
     * Creates a domain with {@code vcpus} strands and {@code memoryBytes} of memory at real
     * address 0, wired to the hypercall services. {@code machineDescription} supplies the bytes
     * mach_desc returns.
     */
    public synchronized Domain createDomain(String name, ArchBackend backend, long memoryBytes, int vcpus,
                               Function<Domain, Supplier<byte[]>> machineDescription) {
        return createDomain(name, backend, bind(vcpus, memoryBytes), machineDescription);
    }

    /** Creates a domain on the strands and memory of {@code binding}, which stays the caller's to release. */
    public synchronized Domain createDomain(String name, ArchBackend backend, Binding binding,
                               Function<Domain, Supplier<byte[]>> machineDescription) {
        RealMemoryMap map = new RealMemoryMap(binding.memory());
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
        d.setHypervisorPages(count -> allocateHypervisorPages(d, count));
        for (int strand : binding.strands()) {
            d.addVcpu(strand);
        }
        TimeOfDay tod = new TimeOfDay(config.todAtPowerOn() + now() / config.tickFrequency(), this::now,
                config.tickFrequency());
        InterruptQueues queues = new InterruptQueues(d);
        DomainChannels ldc = channels.register(d, queues);
        CoreServices neutral = new CoreServices(d, machineDescription.apply(d), tod, queues);
        HcallDispatcher.Builder calls = HcallDispatcher.builder(backend.binding())
                .core(backend.coreCalls(neutral))
                .intr(ldc.interrupts())
                .ldom(ldc)
                .softState(new SoftStateServices(d));
        backend.addCalls(calls, d);
        d.setDispatcher(calls.build());
        domains.add(d);
        return d;
    }
}
