package org.hyperstrand.ldom.daemon;

import java.nio.file.Path;
import java.util.List;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.ldom.model.Constraints;
import org.hyperstrand.ldom.model.LdomState;

/**
 * A domain as listings show it, taken under the manager's lock.
 *
 * @param strands       physical strands by vcpu id, empty unless bound
 * @param memory        mblocks, empty unless bound
 * @param uptimeSeconds seconds since start, -1 unless active
 */
public record DomainView(Constraints constraints, LdomState state, List<Integer> strands, List<MemoryBlock> memory,
                         long uptimeSeconds, Path consoleLog, String lastRun) {

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

    /** The six flag positions of ldm-cli.md 2.2; a running guest domain is "normal". */
    public String flags() {
        return state == LdomState.ACTIVE ? "-n----" : "------";
    }
}
