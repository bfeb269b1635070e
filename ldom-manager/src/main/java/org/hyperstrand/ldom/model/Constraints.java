package org.hyperstrand.ldom.model;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What an operator asked for a domain: its name, architecture, boot image, strands, memory and
 * whether it starts with the daemon. A bound domain holds exactly this much.
 *
 * @param image absolute path of the ELF image, or null until one is set
 */
public record Constraints(String name, Arch arch, Path image, int vcpus, long memory, boolean autoBoot) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public Constraints {
        checkName(name);
        if (arch == null) {
            throw new LdmException("domain " + name + " needs an architecture: arch=sparc or arch=x86");
        }
        if (vcpus < 0) {
            throw new LdmException("domain " + name + ": the number of vcpus cannot be negative");
        }
        if (memory < 0) {
            throw new LdmException("domain " + name + ": memory cannot be negative");
        }
    }

    /** Refuses names that are not safe as file names and in listings. */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new LdmException("invalid domain name '" + name + "': use up to 64 letters, digits, '-', '_' "
                    + "and '.', starting with a letter or digit");
        }
    }

    public Constraints withImage(Path image) {
        return new Constraints(name, arch, image, vcpus, memory, autoBoot);
    }

    public Constraints withArch(Arch arch) {
        return new Constraints(name, arch, image, vcpus, memory, autoBoot);
    }

    public Constraints withVcpus(int vcpus) {
        return new Constraints(name, arch, image, vcpus, memory, autoBoot);
    }

    public Constraints withMemory(long memory) {
        return new Constraints(name, arch, image, vcpus, memory, autoBoot);
    }

    public Constraints withAutoBoot(boolean autoBoot) {
        return new Constraints(name, arch, image, vcpus, memory, autoBoot);
    }
}
