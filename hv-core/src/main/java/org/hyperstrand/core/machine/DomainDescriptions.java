package org.hyperstrand.core.machine;

import java.util.function.Function;
import java.util.function.Supplier;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.Vcpu;
import java.util.List;
import org.hyperstrand.core.ldc.VirtualInterrupts;
import org.hyperstrand.core.md.ChannelMdContributor;
import org.hyperstrand.core.md.DomainMdFactory;
import org.hyperstrand.core.md.DomainMdSpec;
import org.hyperstrand.core.md.MemoryBlockSpec;

/** The machine description each domain reads with mach_desc, built from what it was given. */
public final class DomainDescriptions {

    private DomainDescriptions() {
    }

    /** For {@link Machine#createDomain}: the MD of a domain, rebuilt from its current resources. */
    public static Function<Domain, Supplier<byte[]>> standard(Machine machine) {
        MachineConfig c = machine.config();
        return domain -> {
            DomainMdFactory factory = new DomainMdFactory(List.of(new ChannelMdContributor(
                    VirtualInterrupts.CHANNEL_DEVICES_HANDLE, () -> machine.channels().of(domain).specs())));
            return () -> factory.encode(new DomainMdSpec(domain.name(),
                domain.vcpus().stream().map(Vcpu::id).toList(), c.tickFrequency(), c.tickFrequency(),
                domain.realMemory().blocks().stream().map(b -> new MemoryBlockSpec(b.ra(), b.size())).toList(),
                c.strands(), 0x4853_0000L | machine.domains().indexOf(domain), 0x4853_0000L));
        };
    }
}
