package org.hyperstrand.tools;

import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.spi.Tracer;

/**
 * The end of a traced run: per CPU, what its backend served without leaving the CPU model
 * (sparc64 TLB misses served from the guest's TSBs, x86 exits by kind). A line per such event
 * would flood the trace, so they are counted, and only counters that moved are shown.
 */
final class BackendCounters {

    private BackendCounters() {
    }

    /** Traces each CPU's nonzero backend counters; nothing when the domain is not traced. */
    static void trace(Domain d) {
        Tracer t = d.tracer();
        if (t == null) {
            return;
        }
        for (Vcpu v : d.vcpus()) {
            List<String> parts = new ArrayList<>();
            v.core().counters().forEach((name, count) -> {
                if (count != 0) {
                    parts.add(name + " " + count);
                }
            });
            if (!parts.isEmpty()) {
                t.event(v.id(), v.core().retired(), "served by the backend: " + String.join(", ", parts));
            }
        }
    }
}
