package org.hyperstrand.core.domain;

/** A virtual CPU's state; the numbers are those cpu_state reports (sun4v API reference 2.3). */
public enum VcpuState {
    STOPPED(1),
    RUNNING(2),
    ERROR(3);

    private final int hvValue;

    VcpuState(int hvValue) {
        this.hvValue = hvValue;
    }

    public int hvValue() {
        return hvValue;
    }
}
