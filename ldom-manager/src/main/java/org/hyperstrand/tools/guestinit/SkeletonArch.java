package org.hyperstrand.tools.guestinit;

import java.util.Arrays;
import java.util.Optional;

/**
 * The architectures a skeleton guest can be made for: the name {@code --arch} takes, the name
 * the guest runtime uses (its directory under guest-abi/runtime), and the compiler that builds
 * it, as guest-abi/Makefile uses it.
 */
enum SkeletonArch {
    SPARC("sparc", "sparc64", "sparc64-linux-gnu-", "gcc-sparc64-linux-gnu",
            ", `hv/sparc64.h` (trap handlers in C), `hv/sparc64_mmu.h` (TSBs, the MMU)"),
    X86("x86", "x86_64", "", "gcc", ", `hv/x86_64.h` (the IDT, page tables)");

    /** What {@code --arch} takes. */
    final String option;
    /** The runtime's name for it: runtime/DIR, the ELF machine hv run picks by. */
    final String runtimeDir;
    /** The prefix of gcc and ar. */
    final String crossPrefix;
    /** The Debian package with the compiler. */
    final String compilerPackage;
    /** The headers only this architecture's runtime has, for the skeleton's README. */
    final String extraHeaders;

    SkeletonArch(String option, String runtimeDir, String crossPrefix, String compilerPackage,
            String extraHeaders) {
        this.option = option;
        this.runtimeDir = runtimeDir;
        this.crossPrefix = crossPrefix;
        this.compilerPackage = compilerPackage;
        this.extraHeaders = extraHeaders;
    }

    static Optional<SkeletonArch> of(String option) {
        return Arrays.stream(values()).filter(a -> a.option.equals(option)).findFirst();
    }

    String compiler() {
        return crossPrefix + "gcc";
    }
}
