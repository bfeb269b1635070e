package org.hyperstrand.core.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.DomainState;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.domain.VcpuState;
import org.hyperstrand.core.machine.Machine;

/**
 * The parallel scheduler: the machine's virtual CPUs are dealt out to {@code threads} host
 * threads, each running its share round-robin. Output no longer repeats instruction for
 * instruction between runs, but a guest that does not race with itself prints the same thing.
 *
 * <p>A thread whose CPUs all wait blocks until a CPU is woken (a mondo, a poke); when every
 * thread waits, the last one moves virtual time to the next timer, or fails the domains that
 * nothing can wake, exactly as the deterministic scheduler does. Idle threads cost no host CPU.
 */
public final class ParallelScheduler {

    private final Machine machine;
    private final int threads;
    private static final long IDLE_WAIT_MS = 5;

    private final Object idle = new Object();
    private int waiting;
    private int workers;
    private final AtomicLong total = new AtomicLong();

    public ParallelScheduler(Machine machine, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread");
        }
        this.machine = machine;
        this.threads = threads;
    }

    /** Runs until no domain is running or about {@code maxInstructions} have retired in all. */
    public long run(long maxInstructions) {
        for (Domain d : machine.domains()) {
            d.setWakeHook(this::wakeAll);
        }
        List<Vcpu> all = new ArrayList<>();
        machine.domains().forEach(d -> all.addAll(d.vcpus()));
        int n = Math.min(threads, Math.max(1, all.size()));
        workers = n;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            List<Vcpu> share = new ArrayList<>();
            for (int i = t; i < all.size(); i += n) {
                share.add(all.get(i));
            }
            Thread w = new Thread(() -> work(share, maxInstructions), "strand-runner-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return total.get();
    }

    private void work(List<Vcpu> share, long max) {
        long quantum = machine.config().quantum();
        while (total.get() < max && anyDomainRunning()) {
            boolean ran = false;
            for (Vcpu v : share) {
                Domain d = v.domain();
                if (d.state() != DomainState.RUNNING || v.state() != VcpuState.RUNNING) {
                    continue;
                }
                if (v.parked() && v.core().interruptPending(machine.now())) {
                    synchronized (d) {
                        v.wake();
                    }
                }
                if (!v.runnable()) {
                    continue;
                }
                long before = v.core().retired();
                d.runSlice(v, quantum);
                long retired = v.core().retired() - before;
                total.addAndGet(retired);
                machine.advance(retired);
                ran = true;
            }
            if (!ran) {
                waitForWork();
            }
        }
        wakeAll(); // let the others see that the machine stopped
    }

    private boolean anyDomainRunning() {
        for (Domain d : machine.domains()) {
            if (d.state() == DomainState.RUNNING) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits a little for a CPU to be woken; the last thread to go idle resolves the idle machine.
     * The wait is short because a waiting CPU's timer can come due as other threads run.
     */
    private void waitForWork() {
        synchronized (idle) {
            waiting++;
            try {
                if (waiting == workers) {
                    if (IdleMachine.resolve(machine)) {
                        idle.notifyAll();
                    } else {
                        idle.wait(IDLE_WAIT_MS); // until a service's packet wakes a CPU
                    }
                } else {
                    idle.wait(IDLE_WAIT_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting--;
            }
        }
    }

    private void wakeAll() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }
}
