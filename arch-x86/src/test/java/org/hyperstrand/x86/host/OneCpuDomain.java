package org.hyperstrand.x86.host;

import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.machine.DomainDescriptions;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.x86.backend.X86Backend;

/** An x86 domain of one vCPU and 4 MiB in a machine of its own, for the hypervisor's unit tests. */
final class OneCpuDomain {

    final Domain domain;
    final Vcpu cpu;
    final X86Vcpu core;

    OneCpuDomain() {
        Machine machine = new Machine(MachineConfig.defaults());
        domain = machine.createDomain("test", new X86Backend(), Machine.MEMORY_UNIT, 1,
                DomainDescriptions.standard(machine));
        cpu = domain.vcpus().get(0);
        core = (X86Vcpu) cpu.core();
    }
}
