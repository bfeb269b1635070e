package org.hyperstrand.ldom.daemon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.tools.Sizes;

/**
 * {@code ldm list-devices [-a] [-p] [core|cpu|memory]} (ldm-cli.md 2.6): the machine's cores,
 * strands and host memory, free ones only unless {@code -a}, with the domain each bound one
 * belongs to. Strands are grouped eight to a core, as on the T-series processors sun4v
 * describes; the hypervisor's own memory at the top shows as {@code _sys_}.
 */
final class DeviceListing {

    static final int STRANDS_PER_CORE = 8;
    static final String SYSTEM = "_sys_";

    private DeviceListing() {
    }

    /** A range of host memory and who has it: a domain's name, {@link #SYSTEM}, or empty if free. */
    record Range(long pa, long size, String bound) {
    }

    /**
     * @param strandOwners domain name by strand number, for bound strands
     * @param memoryOwners each bound mblock and its domain
     */
    static String render(Machine machine, Map<Integer, String> strandOwners, Map<MemoryBlock, String> memoryOwners,
                         boolean all, boolean parseable, List<String> classes) {
        List<String> wanted = classes.isEmpty() ? List.of("core", "cpu", "memory") : classes;
        StringBuilder out = new StringBuilder();
        if (parseable) {
            out.append("VERSION ").append(Listings.PARSEABLE_VERSION).append('\n');
        }
        int strands = machine.strands().size();
        if (wanted.contains("core")) {
            out.append(parseable ? "CORE\n" : "CORE\n    ID      %FREE   CPUSET\n");
            for (int core = 0; core * STRANDS_PER_CORE < strands; core++) {
                int first = core * STRANDS_PER_CORE;
                int last = Math.min(strands, first + STRANDS_PER_CORE);
                int free = 0;
                StringJoiner set = new StringJoiner(", ", "(", ")");
                for (int s = first; s < last; s++) {
                    free += strandOwners.containsKey(s) ? 0 : 1;
                    set.add(Integer.toString(s));
                }
                if (all || free > 0) {
                    int percent = 100 * free / (last - first);
                    out.append(parseable ? String.format("|cid=%d|free=%d|cpuset=%s%n", core, percent,
                            set.toString().replaceAll("[() ]", ""))
                            : String.format("    %-7d %-7d %s%n", core, percent, set));
                }
            }
        }
        if (wanted.contains("cpu")) {
            out.append(parseable ? "VCPU\n" : "VCPU\n    PID     %FREE   BOUND\n");
            for (int s = 0; s < strands; s++) {
                String owner = strandOwners.getOrDefault(s, "");
                if (all || owner.isEmpty()) {
                    int free = owner.isEmpty() ? 100 : 0;
                    out.append(parseable ? String.format("|pid=%d|free=%d|bound=%s%n", s, free, owner)
                            : String.format("    %-7d %-7d %s%n", s, free, owner).stripTrailing() + "\n");
                }
            }
        }
        if (wanted.contains("memory")) {
            out.append(parseable ? "MEMORY\n" : "MEMORY\n    PA                   SIZE            BOUND\n");
            for (Range r : memory(machine, memoryOwners)) {
                if (all || r.bound().isEmpty()) {
                    out.append(parseable ? String.format("|pa=0x%x|size=%d|bound=%s%n", r.pa(), r.size(), r.bound())
                            : String.format("    %-20s %-15s %s%n", "0x" + Long.toHexString(r.pa()),
                                    Sizes.format(r.size()), r.bound()).stripTrailing() + "\n");
                }
            }
        }
        return out.toString();
    }

    /** Host memory from 0 to the top: free ranges, bound mblocks and the hypervisor's, lowest first. */
    static List<Range> memory(Machine machine, Map<MemoryBlock, String> memoryOwners) {
        List<Range> ranges = new ArrayList<>();
        machine.freeMemoryRanges().forEach(b -> ranges.add(new Range(b.pa(), b.size(), "")));
        memoryOwners.forEach((b, name) -> ranges.add(new Range(b.pa(), b.size(), name)));
        long sys = machine.hypervisorMemoryBase();
        long top = machine.config().physicalBytes();
        if (sys < top) {
            ranges.add(new Range(sys, top - sys, SYSTEM));
        }
        ranges.sort(Comparator.comparingLong(Range::pa));
        return ranges;
    }
}
