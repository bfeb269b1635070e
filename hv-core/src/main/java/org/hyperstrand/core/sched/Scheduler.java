package org.hyperstrand.core.sched;

import java.util.List;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.DomainState;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.domain.VcpuState;
import org.hyperstrand.core.machine.Machine;

/**
 * The deterministic scheduler: one host thread, round-robin over every runnable virtual CPU of
 * every running domain, a fixed instruction quantum each, virtual time advanced by the
 * instructions retired. The same guests and inputs give the same output and counts every run.
 */
public final class Scheduler {

    private final Machine machine;

    public Scheduler(Machine machine) {
        this.machine = machine;
    }

    /**
     * Runs until no domain is running or {@code maxInstructions} have been retired in all.
     * A domain whose CPUs all wait with nothing that could wake them fails with a report
     * rather than hang.
     *
     * @return instructions retired
     */
    public long run(long maxInstructions) {
        long total = 0;
        long quantum = machine.config().quantum();
        while (total < maxInstructions) {
            boolean anyRunning = false;
            boolean anyRan = false;
            List<Domain> domains = machine.domains();
            // by index, not an iterator or a copy: nothing is allocated per round, and a domain
            // created meanwhile (by this thread) simply joins the next round
            for (int di = 0; di < domains.size(); di++) {
                Domain d = domains.get(di);
                if (d.state() != DomainState.RUNNING) {
                    continue;
                }
                anyRunning = true;
                wakeWhatIsDue(d);
                List<Vcpu> vcpus = d.vcpus();
                for (int vi = 0; vi < vcpus.size(); vi++) {
                    Vcpu v = vcpus.get(vi);
                    if (!v.runnable() || d.state() != DomainState.RUNNING) {
                        continue;
                    }
                    long before = v.core().retired();
                    d.runSlice(v, Math.min(quantum, maxInstructions - total));
                    long retired = v.core().retired() - before;
                    total += retired;
                    machine.advance(retired);
                    anyRan = true;
                }
            }
            if (!anyRunning) {
                break;
            }
            if (!anyRan && !IdleMachine.resolve(machine)) {
                break; // only a service's packet can wake what runs: the caller waits for it
            }
        }
        return total;
    }

    /** Wakes each waiting CPU of {@code d} that has an interrupt pending. */
    private void wakeWhatIsDue(Domain d) {
        List<Vcpu> vcpus = d.vcpus();
        for (int i = 0; i < vcpus.size(); i++) {
            Vcpu v = vcpus.get(i);
            if (v.state() == VcpuState.RUNNING && v.parked() && v.core().interruptPending(machine.now())) {
                v.wake();
            }
        }
    }
}
