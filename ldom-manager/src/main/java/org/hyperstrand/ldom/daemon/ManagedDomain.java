package org.hyperstrand.ldom.daemon;

import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.ds.DrCpu;
import org.hyperstrand.core.ds.GuestRequest;
import org.hyperstrand.core.machine.Binding;
import org.hyperstrand.ldom.console.ConsoleLog;
import org.hyperstrand.ldom.console.ConsoleServer;
import org.hyperstrand.ldom.model.Constraints;
import org.hyperstrand.ldom.model.LdomState;

/** The manager's record of one domain; only {@link DomainManager} touches it, under its lock. */
final class ManagedDomain {

    Constraints constraints;
    LdomState state = LdomState.INACTIVE;
    /** Strands and mblocks while bound or active. */
    Binding binding;
    /** The running domain while active. */
    Domain running;
    /** The dr-cpu service on the running domain's domain services channel while active. */
    DrCpu drCpu;
    /** The guest's domain-shutdown and domain-panic services while active (registered or not). */
    GuestRequest shutdown;
    GuestRequest panic;
    /** Wall-clock milliseconds when it was started. */
    long startedAt;
    /** The last UTIL sample: the machine's time and the domain's busy ticks then, and the percentage. */
    long sampledAt;
    long sampledBusy;
    double util;
    ConsoleLog consoleLog;
    /** The console's TCP port while bound or active. */
    ConsoleServer console;
    /** What the manager waits for the guest to do, without its lock; null when nothing. */
    Operation operation;
    /** How the last run ended ("exited with status 0x0", ...), empty before the first. */
    String lastRun = "";

    ManagedDomain(Constraints constraints) {
        this.constraints = constraints;
    }

    String name() {
        return constraints.name();
    }
}
