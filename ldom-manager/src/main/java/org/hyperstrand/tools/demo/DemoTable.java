package org.hyperstrand.tools.demo;

import java.util.Map;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.tools.Sizes;

/** The demo's closing table, in the spirit of {@code ldm list}, with each domain's counts. */
final class DemoTable {

    /** Exits to the hypervisor's core, not counting the ends of scheduling quanta. */
    private static final int[] EXIT_KINDS = {VcpuExit.HYPERCALL, VcpuExit.HALT, VcpuExit.FATAL};

    private DemoTable() {
    }

    static String render(Map<DemoDomain, Domain> domains) {
        int width = Math.max(4, domains.keySet().stream().mapToInt(d -> d.name().length()).max().orElse(4));
        String row = "%-" + width + "s  %-7s  %-7s  %4s  %6s  %12s  %10s  %8s  %s%n";
        StringBuilder out = new StringBuilder(String.format(row, "NAME", "ARCH", "STATE", "VCPU", "MEMORY",
                "INSTRUCTIONS", "HYPERCALLS", "EXITS", "STATUS"));
        domains.forEach((spec, d) -> {
            long instructions = 0;
            long hypercalls = 0;
            long exits = 0;
            for (Vcpu v : d.vcpus()) {
                instructions += v.core().retired();
                hypercalls += v.hypercalls();
                for (int kind : EXIT_KINDS) {
                    exits += v.exits(kind);
                }
            }
            String status = switch (d.state()) {
                case EXITED -> "0x" + Long.toHexString(d.exitStatus());
                case FAILED -> "failed";
                default -> "";
            };
            out.append(String.format(row, d.name(), spec.arch(), d.state().name().toLowerCase(), d.vcpus().size(),
                    Sizes.format(spec.memory()), instructions, hypercalls, exits, status));
        });
        return out.toString();
    }
}
