package org.hyperstrand.core.sched;

import java.util.List;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.DomainState;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.domain.VcpuState;
import org.hyperstrand.core.machine.Machine;

/**
 * What happens when no CPU of the machine can run: virtual time jumps to the earliest armed
 * timer or watchdog, as idle hardware would simply reach it (an expired watchdog fails its
 * domain); with neither armed, every running domain is failed, since nothing can ever wake it,
 * except a domain with a channel to a Java service: the service (domain services, driven by a
 * manager) may send it a packet at any time, so it waits. Both schedulers share this rule.
 */
final class IdleMachine {

    private IdleMachine() {
    }

    /**
     * Resolves an idle machine.
     *
     * @return true if a CPU can run now; false if every running domain waits for a service's
     *         packet, so the caller should wait for the outside world (without spinning)
     */
    static boolean resolve(Machine machine) {
        long next = Long.MAX_VALUE;
        for (Domain d : List.copyOf(machine.domains())) {
            if (d.state() == DomainState.RUNNING && !d.checkWatchdog()) {
                if (d.watchdog().deadline() != 0) {
                    next = Math.min(next, d.watchdog().deadline());
                }
                for (Vcpu v : d.vcpus()) {
                    if (v.runnable() || (v.state() == VcpuState.RUNNING && v.parked()
                            && v.core().interruptPending(machine.now()))) {
                        return true; // someone can run after all (it was woken as the last CPU went idle)
                    }
                    if (v.state() == VcpuState.RUNNING) {
                        next = Math.min(next, v.core().nextTimerEvent());
                    }
                }
            }
        }
        if (next != Long.MAX_VALUE) {
            if (next > machine.now()) {
                machine.advance(next - machine.now());
            }
            return true;
        }
        for (Domain d : List.copyOf(machine.domains())) {
            if (d.state() == DomainState.RUNNING && !machine.channels().served(d)) {
                d.fail("domain " + d.name() + ": every CPU is waiting and nothing can wake it");
            }
        }
        return false;
    }
}
