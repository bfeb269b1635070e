package org.hyperstrand.core.md;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link DomainMdFactory} needs to describe one domain; plain values, no live objects.
 *
 * @param domainName       the domain's name, shown in the platform banner
 * @param cpuIds           the cpuids of its vCPUs, distinct, each below {@code maxCpus}
 * @param clockFrequencyHz the cpu nodes' clock-frequency
 * @param stickFrequencyHz the platform's stick-frequency
 * @param mblocks          its real memory, non-overlapping
 * @param maxCpus          the platform's max-cpus: the bound on cpuids Linux sizes its tables by
 * @param hostId           the platform's hostid
 * @param serialNumber     the platform's serial#
 */
public record DomainMdSpec(String domainName, List<Integer> cpuIds, long clockFrequencyHz, long stickFrequencyHz,
        List<MemoryBlockSpec> mblocks, int maxCpus, long hostId, long serialNumber) {

    /** cpuids travel as u16 in cpu_mondo_send lists, where 0xffff marks a delivered entry (section 7). */
    public static final int CPUID_LIMIT = 0xffff;

    public DomainMdSpec {
        Objects.requireNonNull(domainName, "domainName");
        if (domainName.isBlank() || domainName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("domain name must be non-blank text: '" + domainName + "'");
        }
        if (maxCpus < 1 || maxCpus > CPUID_LIMIT) {
            throw new IllegalArgumentException("max-cpus must be 1.." + CPUID_LIMIT + ": " + maxCpus);
        }
        cpuIds = List.copyOf(cpuIds);
        mblocks = List.copyOf(mblocks);
        if (cpuIds.isEmpty()) {
            throw new IllegalArgumentException("domain " + domainName + " has no cpus");
        }
        Set<Integer> seen = new HashSet<>();
        for (int id : cpuIds) {
            if (id < 0 || id >= maxCpus) {
                throw new IllegalArgumentException("cpu id " + id + " outside 0.." + (maxCpus - 1));
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("cpu id " + id + " given twice");
            }
        }
        if (clockFrequencyHz <= 0 || stickFrequencyHz <= 0) {
            throw new IllegalArgumentException("clock and stick frequencies must be positive");
        }
        if (mblocks.isEmpty()) {
            throw new IllegalArgumentException("domain " + domainName + " has no memory");
        }
        for (int i = 0; i < mblocks.size(); i++) {
            for (int j = i + 1; j < mblocks.size(); j++) {
                MemoryBlockSpec a = mblocks.get(i);
                MemoryBlockSpec b = mblocks.get(j);
                if (a.ra() < b.end() && b.ra() < a.end()) {
                    throw new IllegalArgumentException("memory blocks " + a + " and " + b + " overlap");
                }
            }
        }
    }
}
