package org.hyperstrand.tools;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.hcall.api.HvCalls;
import org.hyperstrand.core.spi.VcpuExit;

/** The per-CPU counters of a domain, as {@code hv run --stats} prints them. */
final class StatsReport {

    private StatsReport() {
    }

    static void print(Domain d, PrintWriter out) {
        out.printf("domain %s: %s%n", d.name(), d.state().name().toLowerCase(java.util.Locale.ROOT));
        for (Vcpu v : d.vcpus()) {
            out.printf("  cpu %d (strand %d): %d instructions, %d hypercalls, exits: %d budget, %d halt, %d fatal%n",
                    v.id(), v.strand(), v.core().retired(), v.hypercalls(), v.exits(VcpuExit.BUDGET),
                    v.exits(VcpuExit.HALT), v.exits(VcpuExit.FATAL));
            List<String> calls = new ArrayList<>();
            for (int kind = 0; kind < 3; kind++) {
                for (int n = 0; n < Vcpu.COUNTED_CALLS; n++) {
                    long count = v.calls(kind, n);
                    if (count > 0) {
                        calls.add(name(kind, n) + " " + count);
                    }
                }
            }
            if (v.otherCalls() > 0) {
                calls.add("unknown " + v.otherCalls());
            }
            if (!calls.isEmpty()) {
                out.println("    calls: " + String.join(", ", calls));
            }
            Map<String, Long> counters = v.core().counters();
            if (!counters.isEmpty()) {
                List<String> parts = new ArrayList<>();
                counters.forEach((k, c) -> parts.add(k + " " + c));
                out.println("    " + String.join(", ", parts));
            }
        }
    }

    private static String name(int kind, int number) {
        String n = switch (kind) {
            case VcpuExit.KIND_FAST -> HvCalls.fastName(number);
            case VcpuExit.KIND_HYPERFAST -> HvCalls.hyperfastName(number);
            default -> HvCalls.coreName(number);
        };
        return n != null ? n : String.format("%s#0x%x", kind == VcpuExit.KIND_CORE ? "core" : "fast", number);
    }
}
