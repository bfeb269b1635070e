package org.hyperstrand.sparc.jit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.core.boot.ElfImage;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.machine.DomainDescriptions;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.core.sched.Scheduler;
import org.hyperstrand.sparc.backend.SparcBackend;
import org.hyperstrand.sparc.cpu.SparcCore;

/**
 * One guest image run to its end (or an instruction limit) by the deterministic scheduler in a
 * fresh machine, with everything a differential comparison looks at: the console, how the
 * domain ended, the instructions retired in all and per CPU, and each CPU's full report
 * (registers of every window, control state, trap stack, the last PCs).
 */
record GuestRun(String console, String state, long exitStatus, long retired, List<Long> retiredPerCpu,
                List<String> reports, int translated, int failures) {

    static final Path IMAGES = Path.of(System.getProperty("hyperstrand.root", "..")).resolve("guest-abi/images/sparc64");

    static GuestRun of(Path image, int vcpus, TranslationConfig translation, long maxInstructions) throws Exception {
        ElfImage elf = ElfImage.parse(image.toString(), Files.readAllBytes(image));
        Machine machine = new Machine(MachineConfig.defaults());
        Domain domain = machine.createDomain("diff", new SparcBackend(translation), 64L << 20, vcpus,
                DomainDescriptions.standard(machine));
        elf.load(machine.memory(), domain.realMemory());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        domain.console().attach(console::write);
        domain.boot(elf.entry());
        long retired = new Scheduler(machine).run(maxInstructions);
        List<Long> perCpu = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        int translated = 0;
        int failures = 0;
        for (Vcpu v : domain.vcpus()) {
            SparcCore core = (SparcCore) v.core();
            perCpu.add(core.retired());
            reports.add(core.report());
            if (core.translation() != null) {
                translated += core.translation().translated() + core.translation().reused();
                failures += core.translation().failures();
            }
        }
        return new GuestRun(console.toString(StandardCharsets.ISO_8859_1), domain.state().toString(),
                domain.exitStatus(), retired, perCpu, reports, translated, failures);
    }
}
