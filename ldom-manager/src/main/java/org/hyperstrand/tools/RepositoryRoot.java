package org.hyperstrand.tools;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the Hyperstrand tree is, for the tools that use its prebuilt guests and goldens. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /**
     * The {@code hyperstrand.root} system property, else the directory above the one this class
     * was loaded from that holds {@code guest-abi} (bin/hv loads it from
     * {@code ldom-manager/target/lib}), else the working directory.
     */
    public static Path find() {
        String property = System.getProperty("hyperstrand.root");
        if (property != null) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        try {
            Path p = Path.of(RepositoryRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("guest-abi")) && Files.isDirectory(p.resolve("ldom-manager"))) {
                    return p;
                }
            }
        } catch (Exception e) {
            // no code source (an unusual class loader): fall back to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
