package org.hyperstrand.core.md;

import static org.hyperstrand.core.hcall.api.HvConstants.PGSZ_MASK_256MB;
import static org.hyperstrand.core.hcall.api.HvConstants.PGSZ_MASK_4MB;
import static org.hyperstrand.core.hcall.api.HvConstants.PGSZ_MASK_64K;
import static org.hyperstrand.core.hcall.api.HvConstants.PGSZ_MASK_8K;

import java.util.Comparator;
import java.util.List;
import org.hyperstrand.core.domain.DomainWatchdog;

/**
 * Builds the MD a domain reads with mach_desc. Shape (the one sun4v MDs use; Linux finds nodes
 * by type anywhere in the node chain, so the containers are harmless to it):
 *
 * <pre>
 * root ─fwd→ platform
 *      ─fwd→ cpus ─fwd→ cpu (one per vCPU, ascending id)
 *      ─fwd→ memory ─fwd→ mblock (one per block, ascending ra)
 *      ─fwd→ virtual-devices
 * </pre>
 *
 * Every fwd arc has a back arc from child to parent. Nodes are emitted in the order above, then
 * whatever the {@link DomainMdContributor}s add, so the bytes depend only on the spec.
 */
public final class DomainMdFactory {

    static final String PLATFORM_NAME = "Hyperstrand";

    /**
     * The page sizes of N1/N2 (TTE_VALIDSIZEARRAY, reference sections 4.2-4.3), in HV_PGSZ_MASK
     * form (0x2b). Given explicitly because Linux's default when the property is missing includes
     * 512K, which our MMU rejects with EBADPGSZ.
     */
    static final long MMU_PAGE_SIZES = PGSZ_MASK_8K | PGSZ_MASK_64K | PGSZ_MASK_4MB | PGSZ_MASK_256MB;

    /** sun4v contexts are 13 bits (the TSB tag's context field, section 4.4); Solaris panics without it. */
    static final long MMU_CONTEXT_BITS = 13;

    /**
     * N2's MAX_NTSB: the OpenSPARC N2 hypervisor takes at most 4 TSBs per context class in
     * mmu_tsb_ctx0/ctxnon0 and answers EINVAL beyond (section 4.2); the guest learns it here.
     */
    static final long MMU_MAX_TSBS = 4;

    /**
     * log2 of the queue sizes (section 7): Linux's own defaults, 128 cpu-mondo, 128 dev-mondo, 64
     * resumable and 4 non-resumable entries. Linux clamps the cpu-mondo one to log2(2 * max-cpus).
     */
    static final long Q_CPU_MONDO_BITS = 7;
    static final long Q_DEV_MONDO_BITS = 7;
    static final long Q_RESUMABLE_BITS = 6;
    static final long Q_NONRESUMABLE_BITS = 2;

    static final String CPU_COMPATIBLE = "SUNW,sun4v";

    /** The handle of the virtual-devices bus, 0x100 as in the OpenSPARC sample MD (section 8.3). */
    static final long VIRTUAL_DEVICES_CFG_HANDLE = 0x100;

    private final List<DomainMdContributor> contributors;

    public DomainMdFactory() {
        this(List.of());
    }

    /** Contributors run in list order after the base nodes exist (LDC channels, domain services...). */
    public DomainMdFactory(List<DomainMdContributor> contributors) {
        this.contributors = List.copyOf(contributors);
    }

    public MdGraph build(DomainMdSpec spec) {
        MdBuilder md = new MdBuilder();
        MdBuilder.Node root = md.node("root");
        MdBuilder.Node platform = platform(md, spec);
        root.link(platform);

        MdBuilder.Node cpus = md.node("cpus");
        root.link(cpus);
        for (int id : spec.cpuIds().stream().sorted().toList()) {
            cpus.link(cpu(md, spec, id));
        }

        MdBuilder.Node memory = md.node("memory");
        root.link(memory);
        for (MemoryBlockSpec b : spec.mblocks().stream().sorted(Comparator.comparingLong(MemoryBlockSpec::ra)).toList()) {
            // address-congruence-offset 0: our RA to PA mapping keeps no NUMA colouring to report
            memory.link(md.node("mblock").value("base", b.ra()).value("size", b.size())
                    .value("address-congruence-offset", 0));
        }

        // the parent of the virtual devices (console, channels) that later work adds
        MdBuilder.Node virtualDevices = md.node("virtual-devices").value("cfg-handle", VIRTUAL_DEVICES_CFG_HANDLE);
        root.link(virtualDevices);

        DomainMdContributor.Context context = new DomainMdContributor.Context(spec, md, root, platform, virtualDevices);
        contributors.forEach(c -> c.contribute(context));
        return md.build();
    }

    /** The binary MD for mach_desc. */
    public byte[] encode(DomainMdSpec spec) {
        return MdEncoder.encode(build(spec));
    }

    /** Linux reads name and banner-name as strings without a NULL check, and requires stick-frequency. */
    private static MdBuilder.Node platform(MdBuilder md, DomainMdSpec spec) {
        return md.node("platform")
                .string("name", PLATFORM_NAME)
                .string("banner-name", PLATFORM_NAME + " domain " + spec.domainName())
                .value("stick-frequency", spec.stickFrequencyHz())
                .value("max-cpus", spec.maxCpus())
                .value("hostid", spec.hostId())
                .value("serial#", spec.serialNumber())
                .value("watchdog-resolution", DomainWatchdog.RESOLUTION_MS)
                .value("watchdog-max-timeout", DomainWatchdog.MAX_TIMEOUT_MS)
                .value("domaining-enabled", 1); // turns on LDC and domain services in Linux (section 8.3)
    }

    private static MdBuilder.Node cpu(MdBuilder md, DomainMdSpec spec, int id) {
        return md.node("cpu")
                .value("id", id)
                .value("clock-frequency", spec.clockFrequencyHz())
                .value("mmu-page-size-list", MMU_PAGE_SIZES)
                .value("mmu-#context-bits", MMU_CONTEXT_BITS)
                .value("mmu-max-#tsbs", MMU_MAX_TSBS)
                .value("q-cpu-mondo-#bits", Q_CPU_MONDO_BITS)
                .value("q-dev-mondo-#bits", Q_DEV_MONDO_BITS)
                .value("q-resumable-#bits", Q_RESUMABLE_BITS)
                .value("q-nonresumable-#bits", Q_NONRESUMABLE_BITS)
                .strings("compatible", CPU_COMPATIBLE);
    }
}
