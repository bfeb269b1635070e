package org.hyperstrand.core.trace;

import java.util.function.Consumer;
import org.hyperstrand.core.spi.Tracer;

/**
 * The trace of one domain as lines: the CPU's retired-instruction count (deterministic under
 * the single-thread scheduler, unlike wall time), the domain and CPU, then the event, e.g.
 * <pre>
 *       1234 primary cpu0  cons_write(buffer=0x10a000, size=14) -> EOK written=14
 * </pre>
 * Lines from CPUs on different host threads never interleave within a line.
 */
public final class TraceLog implements Tracer {

    private final String domain;
    private final Consumer<String> lines;

    public TraceLog(String domain, Consumer<String> lines) {
        this.domain = domain;
        this.lines = lines;
    }

    @Override
    public synchronized void event(int vcpu, long retired, String text) {
        lines.accept(String.format("%10d %s cpu%d  %s", retired, domain, vcpu, text));
    }
}
