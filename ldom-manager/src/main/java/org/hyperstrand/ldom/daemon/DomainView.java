package org.hyperstrand.ldom.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.ldom.model.Constraints;
import org.hyperstrand.ldom.model.LdomState;

/**
 * A domain as listings show it, taken under the manager's lock.
 *
 * @param strands       physical strands by vcpu id, empty unless bound
 * @param memory        mblocks, empty unless bound
 * @param uptimeSeconds seconds since start, -1 unless active
 * @param consolePort   the console's TCP port, 0 unless bound or active (or when none was free)
 * @param util          percent of its CPUs' time spent running the guest, -1 unless active
 * @param busyFlags     the FLAGS of an operation in progress (stopping, vcpu change), or null
 */
public record DomainView(Constraints constraints, LdomState state, List<Integer> strands, List<MemoryBlock> memory,
                         long uptimeSeconds, Path consoleLog, int consolePort, double util, String lastRun,
                         String busyFlags) {

    public String name() {
        return constraints.name();
    }

    /** What VCPU shows: the bound count, or the constraint for an inactive domain. */
    public int vcpus() {
        return state == LdomState.INACTIVE ? constraints.vcpus() : strands.size();
    }

    public long memoryBytes() {
        return state == LdomState.INACTIVE ? constraints.memory()
                : memory.stream().mapToLong(MemoryBlock::size).sum();
    }

    /** The CONS column: the console port, or empty. */
    public String cons() {
        return consolePort == 0 ? "" : Integer.toString(consolePort);
    }

    /** The UTIL column as ldm prints it: "0.5%", "7.0%", "23%", or empty unless active. */
    public String utilColumn() {
        return util < 0 ? "" : util < 10 ? String.format(Locale.ROOT, "%.1f%%", util)
                : String.format(Locale.ROOT, "%.0f%%", util);
    }

    /** util= of the parseable form: a bare number with one decimal, or empty unless active. */
    public String utilValue() {
        return util < 0 ? "" : String.format(Locale.ROOT, "%.1f", util);
    }

    /** The six flag positions of ldm-cli.md 2.2; a running guest domain is "normal". */
    public String flags() {
        if (busyFlags != null) {
            return busyFlags;
        }
        return state == LdomState.ACTIVE ? "-n----" : "------";
    }
}
