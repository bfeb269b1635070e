package org.hyperstrand.spec.cli;

import picocli.CommandLine.Command;

/** {@code hv spec}: check, generate from and compare hypercall spec files. */
@Command(name = "spec", mixinStandardHelpOptions = true,
        description = "Check the hypercall spec, generate code and docs from it, compare two versions.",
        subcommands = {SpecCheckCommand.class, SpecGenCommand.class, SpecCompatCommand.class})
public final class SpecCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec self;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(self.commandLine(),
                "missing subcommand: check, gen or compat");
    }
}
