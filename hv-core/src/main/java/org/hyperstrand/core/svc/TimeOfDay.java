package org.hyperstrand.core.svc;

import java.util.function.LongSupplier;

/**
 * A domain's time-of-day clock: seconds since the epoch, advancing with the machine's virtual
 * time so a deterministic run reads the same times every time.
 */
public final class TimeOfDay {

    private final LongSupplier ticks;
    private final long frequency;
    private long baseSeconds;
    private long baseTicks;

    /** @param startSeconds the clock's reading at tick {@code ticks.getAsLong()} now */
    public TimeOfDay(long startSeconds, LongSupplier ticks, long frequency) {
        this.ticks = ticks;
        this.frequency = frequency;
        set(startSeconds);
    }

    public synchronized long seconds() {
        return baseSeconds + (ticks.getAsLong() - baseTicks) / frequency;
    }

    public synchronized void set(long seconds) {
        baseSeconds = seconds;
        baseTicks = ticks.getAsLong();
    }
}
