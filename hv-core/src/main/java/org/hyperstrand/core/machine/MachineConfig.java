package org.hyperstrand.core.machine;

/**
 * The machine's shape: physical strands, host physical address space (sparse: only what guests
 * write is backed), the virtual clock's rate, and the time-of-day clock at power-on.
 *
 * @param quantum instructions a CPU runs before the scheduler moves to the next one
 */
public record MachineConfig(int strands, long physicalBytes, long tickFrequency, long todAtPowerOn, long quantum) {

    /** 64 strands, 64 GiB of address space, a 1 GHz virtual clock, a fixed epoch, 10 000-instruction quanta. */
    public static MachineConfig defaults() {
        return new MachineConfig(64, 64L << 30, 1_000_000_000L, 1_767_225_600L, 10_000);
    }
}
