package org.hyperstrand.ldom.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.ldom.config.ConfigException;
import org.hyperstrand.ldom.console.PortRange;
import org.hyperstrand.ldom.daemon.Ldmd;
import org.hyperstrand.ldom.daemon.StateDirectory;
import org.hyperstrand.ldom.model.LdmException;

/**
 * {@code ldmd [--state-dir DIR] [--console-ports FIRST-LAST]} (also {@code ldm daemon}): runs the
 * daemon in the foreground until killed.
 */
public final class LdmdMain {

    private LdmdMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static final String USAGE = "usage: ldmd [--state-dir DIR] [--console-ports FIRST-LAST]   (defaults "
            + StateDirectory.defaultPath() + " and " + PortRange.DEFAULT + ")";

    static int run(String[] args, PrintStream err) {
        Path dir = StateDirectory.defaultPath();
        PortRange ports = PortRange.DEFAULT;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--state-dir") && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if (args[i].equals("--console-ports") && i + 1 < args.length) {
                try {
                    ports = PortRange.parse(args[++i]);
                } catch (LdmException e) {
                    err.println("ldmd: " + e.getMessage());
                    return 2;
                }
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        Optional<Ldmd> daemon = start(dir, new Ldmd.Settings(MachineConfig.defaults(), 10_000, ports), err);
        if (daemon.isEmpty()) {
            return 1;
        }
        Ldmd d = daemon.get();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                d.close();
            } catch (Exception e) {
                // the process is ending; the lock goes with it
            }
        }));
        err.println("ldmd: serving " + d.state().socket());
        try {
            d.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static Optional<Ldmd> start(Path dir, Ldmd.Settings settings, PrintStream err) {
        try {
            return Optional.of(Ldmd.start(new StateDirectory(dir), settings));
        } catch (ConfigException e) {
            err.println("ldmd: refusing to start: " + e.getMessage());
        } catch (LdmException e) {
            err.println("ldmd: " + e.getMessage());
        } catch (java.io.IOException e) {
            err.println("ldmd: " + dir + ": " + e.getMessage());
        }
        return Optional.empty();
    }
}
