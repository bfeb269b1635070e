package org.hyperstrand.core.domain;

import java.util.concurrent.atomic.AtomicLong;
import org.hyperstrand.core.spi.VcpuCore;

/** A virtual CPU: a physical strand bound to a domain, with the CPU model that runs on it. */
public final class Vcpu {

    private final Domain domain;
    private final int id;
    private final int strand;
    private final VcpuCore core;
    private volatile VcpuState state = VcpuState.STOPPED;
    /** Parked in cpu_yield or HLT: costs nothing until woken. */
    private volatile boolean parked;
    /** Busy ticks accounted so far, and when the current busy interval began (-1: not busy); also the lock. */
    private final long[] busy = {0, -1};
    /** Counted call numbers per kind; numbers beyond this are counted as unknown. */
    public static final int COUNTED_CALLS = 0x1000;

    private final long[] exitCounts = new long[4];
    private long hypercalls;
    private final long[][] callCounts = new long[3][COUNTED_CALLS];
    private long otherCalls;
    /** Runs begun plus runs ended: odd while the model runs; and the host thread running it. */
    private final AtomicLong slices = new AtomicLong();
    private volatile Thread runner;

    Vcpu(Domain domain, int id, int strand, VcpuCore core) {
        this.domain = domain;
        this.id = id;
        this.strand = strand;
        this.core = core;
        core.frame().setCaller(this);
    }

    public Domain domain() {
        return domain;
    }

    /** The CPU id the guest sees (machine description, cpu_myid). */
    public int id() {
        return id;
    }

    /** The physical strand this CPU is bound to. */
    public int strand() {
        return strand;
    }

    public VcpuCore core() {
        return core;
    }

    public VcpuState state() {
        return state;
    }

    public void setState(VcpuState state) {
        synchronized (busy) {
            this.state = state;
            if (state != VcpuState.RUNNING) {
                parked = false;
            }
            accountBusy();
        }
    }

    public boolean parked() {
        return parked;
    }

    public void park() {
        synchronized (busy) {
            parked = true;
            accountBusy();
        }
    }

    public void wake() {
        boolean woke;
        synchronized (busy) {
            woke = parked;
            parked = false;
            accountBusy();
        }
        if (woke) {
            domain.wakeHook().run();
        }
    }

    /**
     * Ticks of the domain's time base this CPU has spent executing its guest (running and not
     * parked in cpu_yield or HLT) up to now: what ldm's UTIL averages over a domain's CPUs.
     */
    public long busyTicks() {
        synchronized (busy) {
            long now = domain.now();
            return busy[0] + (busy[1] >= 0 ? now - busy[1] : 0);
        }
    }

    /** Closes or opens the busy interval after a change of state or parking; the caller holds {@code busy}. */
    private void accountBusy() {
        long now = domain.now();
        boolean running = state == VcpuState.RUNNING && !parked;
        if (busy[1] >= 0 && !running) {
            busy[0] += now - busy[1];
            busy[1] = -1;
        } else if (busy[1] < 0 && running) {
            busy[1] = now;
        }
    }

    void enterSlice() {
        runner = Thread.currentThread();
        slices.incrementAndGet();
    }

    void leaveSlice() {
        slices.incrementAndGet();
        runner = null;
    }

    /**
     * Returns once the run this CPU is in on another host thread, if any, has ended, so that its
     * next run starts with the domain's current memory map ({@link Domain#replaceRealMemory}).
     */
    void awaitSliceEnd() {
        long n = slices.get();
        if ((n & 1) == 0 || runner == Thread.currentThread()) {
            return;
        }
        while (slices.get() == n) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** True if the scheduler should give this CPU a quantum. */
    public boolean runnable() {
        return state == VcpuState.RUNNING && !parked;
    }

    void countExit(int exit) {
        exitCounts[exit]++;
    }

    void countHypercall(int kind, long number) {
        hypercalls++;
        if (number >= 0 && number < COUNTED_CALLS) {
            callCounts[kind][(int) number]++;
        } else {
            otherCalls++;
        }
    }

    /** How often this CPU made call {@code number} of {@code kind} (a VcpuExit KIND_ constant). */
    public long calls(int kind, int number) {
        return callCounts[kind][number];
    }

    /** Calls whose number was too large to count one by one (none of the spec's). */
    public long otherCalls() {
        return otherCalls;
    }

    public long exits(int exit) {
        return exitCounts[exit];
    }

    public long hypercalls() {
        return hypercalls;
    }
}
