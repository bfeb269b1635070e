package org.hyperstrand.core.sched;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.DomainState;
import org.hyperstrand.core.machine.Machine;

/**
 * Runs a machine for as long as a daemon lives: one host thread runs the deterministic
 * scheduler in slices while any domain runs, and sleeps (no host CPU) while none does. While
 * the running domains all wait for the outside, their time base follows the host's clock.
 *
 * <p>Everything that changes the machine (creating, booting, stopping, removing domains) is
 * handed to {@link #call}, which runs it on that same thread between slices; the scheduler
 * therefore never sees the domain list change under it, and a started domain wakes the thread.
 */
public final class MachineRunner implements AutoCloseable {

    /** Instructions per slice: short enough that a management call waits a few milliseconds at most. */
    public static final long SLICE = 200_000;
    /** How long the thread sleeps while every running domain waits for a service's packet. */
    static final long OUTSIDE_WAIT_MS = 10;

    private final Machine machine;
    private final Scheduler scheduler;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    public MachineRunner(Machine machine) {
        this.machine = machine;
        this.scheduler = new Scheduler(machine);
        this.thread = new Thread(this::loop, "machine-runner");
        thread.setDaemon(true);
    }

    public Machine machine() {
        return machine;
    }

    public void start() {
        thread.start();
    }

    /**
     * Runs {@code action} on the machine's thread between slices and returns its result; an
     * exception it throws is thrown here. Called on that thread itself, it runs at once.
     */
    public <T> T call(Callable<T> action) {
        if (Thread.currentThread() == thread) {
            return callHere(action);
        }
        if (closed) {
            throw new IllegalStateException("the machine has been shut down");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the machine", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static <T> T callHere(Callable<T> action) {
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the thread after the current slice; running domains stay as they are. */
    @Override
    public void close() {
        closed = true;
        tasks.add(() -> { });
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        try {
            boolean waiting = false;
            while (!closed) {
                // running domains that only a service's packet can wake: wait for a task, briefly
                boolean running = anyDomainRunning();
                long idleSince = System.nanoTime();
                Runnable task = !running ? tasks.take()
                        : waiting ? tasks.poll(OUTSIDE_WAIT_MS, TimeUnit.MILLISECONDS) : tasks.poll();
                if (running && waiting) {
                    passIdleTime(System.nanoTime() - idleSince);
                }
                while (task != null && !closed) {
                    task.run();
                    task = tasks.poll();
                }
                waiting = !closed && anyDomainRunning() && scheduler.run(SLICE) == 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runnable left;
        while ((left = tasks.poll()) != null) {
            left.run(); // so that no caller waits forever; the machine is already shut down
        }
    }

    /**
     * While every running domain waits for the outside, the domains' time base goes on with the
     * host's clock, as an idle machine's would: their timers come due in real time, and the
     * wait counts as idle time in their CPUs' utilization.
     */
    private void passIdleTime(long nanos) {
        machine.advance(nanos * machine.config().tickFrequency() / 1_000_000_000L);
    }

    private boolean anyDomainRunning() {
        for (Domain d : machine.domains()) {
            if (d.state() == DomainState.RUNNING) {
                return true;
            }
        }
        return false;
    }
}
