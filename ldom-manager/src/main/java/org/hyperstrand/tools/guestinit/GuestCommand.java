package org.hyperstrand.tools.guestinit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hv guest}: tools for people writing guests. */
@Command(name = "guest", mixinStandardHelpOptions = true,
        description = "Tools for writing guests: start a new one from a buildable skeleton.",
        subcommands = {GuestInitCommand.class})
public final class GuestCommand implements Runnable {

    @Spec
    CommandSpec self;

    @Override
    public void run() {
        throw new ParameterException(self.commandLine(), "missing subcommand: init");
    }
}
