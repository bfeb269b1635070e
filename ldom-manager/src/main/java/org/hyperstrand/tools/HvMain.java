package org.hyperstrand.tools;

import org.hyperstrand.spec.cli.SpecCommand;
import org.hyperstrand.tools.demo.DemoCommand;
import org.hyperstrand.tools.guestinit.GuestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hv}: the Hyperstrand tool launcher. Subcommands arrive as their features land. */
@Command(name = "hv", mixinStandardHelpOptions = true, versionProvider = HvVersion.class,
        description = "Hyperstrand: run paravirtualized sun4v and AMD-V guests side by side.",
        subcommands = {SpecCommand.class, RunCommand.class, BenchCommand.class, GuestCommand.class,
                DemoCommand.class})
public final class HvMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec self;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The {@code hv} command line with all its subcommands, reporting bad input in one line. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HvMain());
        cl.setParameterExceptionHandler(new OneLineUsageErrors());
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(self.commandLine(), "missing subcommand (see hv --help)");
    }
}
