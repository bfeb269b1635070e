package org.hyperstrand.core.domain;

/** Where a running domain stands; the manager's inactive/bound states come before RUNNING. */
public enum DomainState {
    /** Built and loaded, not started. */
    READY,
    /** At least one CPU may run. */
    RUNNING,
    /** The guest asked to stop (mach_exit, api_exit) or was stopped. */
    EXITED,
    /** Stopped from outside (the manager's forced stop) while it ran. */
    STOPPED,
    /** The guest hit a condition it cannot survive; see {@link Domain#failureReport()}. */
    FAILED
}
