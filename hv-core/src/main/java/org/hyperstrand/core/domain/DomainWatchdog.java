package org.hyperstrand.core.domain;

/**
 * The domain's watchdog of mach_set_watchdog (sun4v API reference, core 1.1): armed with a
 * timeout in milliseconds of the domain's time base, renewed by arming it again, and fatal to
 * the domain once it expires. The limits are the MD platform node's watchdog-resolution and
 * watchdog-max-timeout properties.
 */
public final class DomainWatchdog {

    /** watchdog-resolution: timeouts count in whole milliseconds. */
    public static final long RESOLUTION_MS = 1;
    /** watchdog-max-timeout: one year, the longest a guest may go without renewing it. */
    public static final long MAX_TIMEOUT_MS = 365L * 24 * 3600 * 1000;

    /** Expiry in ticks of the domain's time base; 0 while disarmed. */
    private volatile long deadline;
    private volatile long armedMs;

    /**
     * Arms the watchdog for {@code timeoutMs} from {@code now} (0 disarms it) and returns the
     * milliseconds that were left on the previous setting: 0 if it was disarmed, else at least 1.
     * The caller has checked {@code timeoutMs} against {@link #MAX_TIMEOUT_MS}.
     */
    public synchronized long arm(long timeoutMs, long now, long ticksPerSecond) {
        long previous = deadline;
        long remaining = 0;
        if (previous != 0) {
            long leftTicks = Math.max(0, previous - now);
            remaining = Math.max(1, ceilDiv(leftTicks, ticksPerSecond / 1000));
        }
        armedMs = timeoutMs;
        deadline = timeoutMs == 0 ? 0 : now + Math.max(1, msToTicks(timeoutMs, ticksPerSecond));
        return remaining;
    }

    /** Expiry in ticks, or 0 while disarmed. */
    public long deadline() {
        return deadline;
    }

    /** True once an armed watchdog's deadline has passed. */
    public boolean expired(long now) {
        long d = deadline;
        return d != 0 && now >= d;
    }

    /** The timeout it was last armed with, for the report. */
    public long armedMs() {
        return armedMs;
    }

    /** Disarms it, as a domain that stops or starts again needs. */
    public void disarm() {
        deadline = 0;
    }

    /** Up to a year of milliseconds at a GHz time base: split so the product cannot overflow. */
    private static long msToTicks(long ms, long ticksPerSecond) {
        return (ms / 1000) * ticksPerSecond + (ms % 1000) * ticksPerSecond / 1000;
    }

    private static long ceilDiv(long a, long b) {
        return b <= 0 ? a : (a + b - 1) / b;
    }
}
