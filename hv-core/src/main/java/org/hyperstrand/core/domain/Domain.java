package org.hyperstrand.core.domain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.hyperstrand.core.hcall.NegotiatedVersions;
import org.hyperstrand.core.hcall.api.HcallDispatcher;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.BackendStates;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.core.spi.Tracer;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.core.svc.Console;
import org.hyperstrand.core.trace.HcallDecoder;

/**
 * A logical domain: its real memory, its virtual CPUs, console and negotiated API versions.
 * {@link #runSlice} is the run loop's body for one CPU: run it, then dispatch its exit.
 */
public final class Domain implements GuestContext {

    private static final Logger LOG = LoggerFactory.getLogger(Domain.class);

    private final String name;
    private final ArchBackend backend;
    private final PhysicalMemory memory;
    /** Replaced, never changed, when pages are mapped in or out; CPU models notice the new object. */
    private volatile RealMemoryMap realMemory;
    private final Clock clock;
    private final Console console = new Console();
    private final DomainWatchdog watchdog = new DomainWatchdog();
    /** Copied on write so that a map change can look at them without the domain's lock. */
    private final List<Vcpu> vcpus = new CopyOnWriteArrayList<>();
    private final BackendStates backendStates = new BackendStates();
    private HcallDispatcher dispatcher;
    private NegotiatedVersions versions;
    private volatile DomainState state = DomainState.READY;
    private volatile Runnable wakeHook = () -> { };
    private IntToLongFunction hypervisorPages = count -> {
        throw new IllegalStateException("domain " + name() + " has no hypervisor memory");
    };
    private Tracer tracer;
    private long exitStatus;
    private String failureReport = "";

    /** Machine-wide virtual time, as the scheduler keeps it. */
    public interface Clock {
        long now();

        long frequency();
    }

    public Domain(String name, ArchBackend backend, PhysicalMemory memory, RealMemoryMap realMemory, Clock clock) {
        this.name = name;
        this.backend = backend;
        this.memory = memory;
        this.realMemory = realMemory;
        this.clock = clock;
    }

    /** Adds a virtual CPU on physical strand {@code strand}; ids are given in order from 0. */
    public synchronized Vcpu addVcpu(int strand) {
        VcpuCore core = backend.createCore(this, vcpus.size());
        Vcpu v = new Vcpu(this, vcpus.size(), strand, core);
        vcpus.add(v);
        return v;
    }

    /**
     * Takes the highest-numbered virtual CPU away, as dynamic reconfiguration removes a strand;
     * it must be stopped. Returns it.
     *
     * @throws IllegalStateException if it still runs or it is the only one
     */
    public synchronized Vcpu removeLastVcpu() {
        if (vcpus.size() <= 1) {
            throw new IllegalStateException("domain " + name + " keeps at least one cpu");
        }
        Vcpu last = vcpus.get(vcpus.size() - 1);
        if (last.state() != VcpuState.STOPPED) {
            throw new IllegalStateException("cpu " + last.id() + " of domain " + name + " still runs");
        }
        vcpus.remove(vcpus.size() - 1);
        return last;
    }

    /** Installs the hypercall dispatcher; the version state belongs to it. */
    public void setDispatcher(HcallDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.versions = new NegotiatedVersions(dispatcher);
    }

    public String name() {
        return name;
    }

    public ArchBackend backend() {
        return backend;
    }

    @Override
    public PhysicalMemory memory() {
        return memory;
    }

    @Override
    public RealMemoryMap realMemory() {
        return realMemory;
    }

    /**
     * Replaces the domain's real address space (pages mapped in or out) and returns once no CPU
     * of the domain can still use a translation of the old one: each CPU model checks the map
     * at the start of every run (and drops what it derived from an old one), so this waits for
     * every CPU that is in the middle of a run on another host thread to finish it. Such a run
     * ends within one quantum and takes no lock on the way out.
     */
    public void replaceRealMemory(RealMemoryMap next) {
        realMemory = next; // volatile write before reading the slice counters: a run starting now sees it
        for (Vcpu v : vcpus) { // no lock: the caller may hold another domain's, or the channels'
            v.awaitSliceEnd();
        }
    }

    @Override
    public long now() {
        return clock.now();
    }

    @Override
    public long tickFrequency() {
        return clock.frequency();
    }

    @Override
    public Console console() {
        return console;
    }

    @Override
    public Tracer tracer() {
        return tracer;
    }

    /** Traces this domain's hypercalls and backend exits to {@code tracer}; set before it boots. */
    public void setTracer(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Where {@link #allocateHypervisorPages} takes its pages from; set by the machine before CPUs are added. */
    public void setHypervisorPages(IntToLongFunction allocator) {
        this.hypervisorPages = allocator;
    }

    @Override
    public long allocateHypervisorPages(int count) {
        return hypervisorPages.applyAsLong(count);
    }

    @Override
    public <T> T backendState(Class<T> type, Supplier<? extends T> create) {
        return backendStates.get(type, create);
    }

    public List<Vcpu> vcpus() {
        return vcpus;
    }

    public Vcpu vcpu(long id) {
        return id >= 0 && id < vcpus.size() ? vcpus.get((int) id) : null;
    }

    public NegotiatedVersions versions() {
        return versions;
    }

    public DomainState state() {
        return state;
    }

    public long exitStatus() {
        return exitStatus;
    }

    public String failureReport() {
        return failureReport;
    }

    /** Starts the boot CPU at {@code entry}. */
    public void boot(long entry) {
        Vcpu boot = vcpus.get(0);
        boot.core().start(entry, 0);
        boot.setState(VcpuState.RUNNING);
        state = DomainState.RUNNING;
    }

    /** The guest asked to stop: every CPU stops and the domain records the status. */
    public synchronized void exit(long status) {
        if (state == DomainState.RUNNING) {
            LOG.info("domain {} exited with status {}", name, status);
            exitStatus = status;
            state = DomainState.EXITED;
            vcpus.forEach(v -> v.setState(VcpuState.STOPPED));
        }
    }

    /** Stops every CPU from outside, as a forced stop does; the guest gets no say. */
    public synchronized void stop() {
        if (state == DomainState.RUNNING) {
            LOG.info("domain {} stopped", name);
            state = DomainState.STOPPED;
            vcpus.forEach(v -> v.setState(VcpuState.STOPPED));
        }
    }

    /** The domain cannot go on; the report says why, and the rest of the machine runs on. */
    public synchronized void fail(String report) {
        if (state == DomainState.RUNNING) {
            LOG.info("domain {} failed: {}", name, report.lines().findFirst().orElse(""));
            failureReport = report;
            state = DomainState.FAILED;
            vcpus.forEach(v -> v.setState(VcpuState.STOPPED));
        }
    }

    /** The busy ticks of all its CPUs ({@link Vcpu#busyTicks}). */
    public long busyTicks() {
        long sum = 0;
        for (Vcpu v : List.copyOf(vcpus)) {
            sum += v.busyTicks();
        }
        return sum;
    }

    /** The watchdog mach_set_watchdog arms. */
    public DomainWatchdog watchdog() {
        return watchdog;
    }

    /**
     * Fails the domain if its watchdog has expired, as a sun4v domain is reset when its guest
     * stops renewing it; true if so (or if the domain had already stopped for that reason).
     */
    public boolean checkWatchdog() {
        if (!watchdog.expired(clock.now())) {
            return false;
        }
        synchronized (this) {
            StringBuilder report = new StringBuilder("domain " + name + ": the watchdog expired: it was armed for "
                    + watchdog.armedMs() + " ms with mach_set_watchdog and not renewed in time\n");
            for (Vcpu v : vcpus) {
                if (v.state() == VcpuState.RUNNING) {
                    report.append("cpu ").append(v.id()).append(":\n").append(v.core().report());
                    break; // the first running CPU's state: enough to see where the guest was
                }
            }
            watchdog.disarm();
            fail(report.toString());
        }
        return true;
    }

    /** Called when a waiting CPU of this domain is woken, so a parallel scheduler can resume it. */
    public Runnable wakeHook() {
        return wakeHook;
    }

    public void setWakeHook(Runnable hook) {
        this.wakeHook = hook;
    }

    /**
     * Runs one CPU for at most {@code budget} instructions and handles why it stopped. The CPU
     * runs unlocked; its exit is handled under the domain's lock, which also makes whatever other
     * CPUs' hypercalls did to it (a mondo, a stop) visible before it runs again.
     */
    public void runSlice(Vcpu v, long budget) {
        VcpuCore core = v.core();
        if (checkWatchdog()) {
            return;
        }
        int exit;
        v.enterSlice();
        try {
            exit = core.run(budget);
        } catch (RuntimeException e) {
            v.leaveSlice();
            // a CPU model bug must not take the machine down: this domain fails, with the evidence
            synchronized (this) {
                fail("domain " + name + " cpu " + v.id() + ": internal error in the CPU model: " + e + "\n"
                        + core.report());
            }
            return;
        }
        v.leaveSlice();
        synchronized (this) {
            try {
                handleExit(v, core, exit);
            } catch (RuntimeException e) {
                // a hypervisor service bug must not take the machine down either
                fail("domain " + name + " cpu " + v.id() + ": internal error handling exit " + exit + ": " + e
                        + "\n" + core.report());
            }
        }
    }

    private void handleExit(Vcpu v, VcpuCore core, int exit) {
        if (state != DomainState.RUNNING || v.state() != VcpuState.RUNNING) {
            return; // stopped by another CPU while this one ran its slice
        }
        v.countExit(exit);
        switch (exit) {
            case VcpuExit.HYPERCALL -> hypercall(v, core);
            case VcpuExit.HALT -> v.park();
            case VcpuExit.FATAL -> fail("domain " + name + " cpu " + v.id() + " stopped:\n" + core.report());
            default -> {
            }
        }
    }

    private void hypercall(Vcpu v, VcpuCore core) {
        long number = core.hypercallNumber();
        v.countHypercall(core.hypercallKind(), number);
        String traced = tracer == null ? null : HcallDecoder.call(core.hypercallKind(), number, core.frame());
        long status = switch (core.hypercallKind()) {
            case VcpuExit.KIND_FAST -> dispatcher.dispatchFast(number, core.frame(), versions);
            case VcpuExit.KIND_HYPERFAST -> dispatcher.dispatchHyperfast(number, core.frame(), versions);
            default -> dispatcher.dispatchCore(number, core.frame());
        };
        // a call that stopped the domain or this CPU (mach_exit), or restarted it (mach_sir),
        // does not return
        boolean restarted = core.frame().takeCallerRestarted();
        boolean returns = !restarted && state == DomainState.RUNNING && v.state() == VcpuState.RUNNING;
        if (traced != null) {
            tracer.event(v.id(), core.retired(), returns
                    ? traced + " -> " + HcallDecoder.outcome(core.hypercallKind(), number, status, core.frame())
                    : traced);
        }
        if (returns) {
            core.completeHypercall(status);
        }
    }
}
