package org.hyperstrand.spec.cli;

import picocli.CommandLine;

/** Runs {@code hv spec} on its own, for builds and tests that need only this module. */
public final class SpecMain {

    private SpecMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new SpecCommand()).execute(args);
    }
}
