package org.hyperstrand.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code hv bench} needs to know about each architecture it measures: the backend's binding,
 * where the prebuilt benchmark guest is, the MIPS target, and how the same C source is
 * built as a static Linux program for the reference runs (under qemu, and natively where the host
 * can run it). The Linux build uses the guest build's code generation flags (guest-abi/Makefile)
 * so that both run the same code.
 *
 * @param binding     the hypercall binding, as the backend and the images directory name it
 * @param mipsTarget  the target for the guest MIPS row
 * @param qemu        the qemu user-mode emulator for the reference run
 * @param compiler    the compiler for the static Linux build of {@link #SOURCE}
 * @param linuxFlags  its flags
 * @param nativeHosts the {@code os.arch} values of a host that runs the Linux build natively
 */
record BenchArch(String binding, String mipsTarget, String qemu, String compiler, List<String> linuxFlags,
                 List<String> nativeHosts) {

    static final BenchArch SPARC64 = new BenchArch("sparc64", ">= 200", "qemu-sparc64", "sparc64-linux-gnu-gcc",
            List.of("-O2", "-mcpu=v9", "-mno-fpu", "-static"), List.of());

    /** The flags are the Makefile's X86_FLAGS and -mgeneral-regs-only, as the guest is built. */
    static final BenchArch X86_64 = new BenchArch("x86_64", ">= 120", "qemu-x86_64", "gcc",
            List.of("-O2", "-march=x86-64", "-mtune=generic", "-mcmodel=small", "-mno-red-zone", "-fno-pic",
                    "-fno-pie", "-fcf-protection=none", "-mgeneral-regs-only", "-static"),
            List.of("amd64", "x86_64"));

    /** The benchmark guest's source and golden output, under the repository root, for every architecture. */
    static final String SOURCE = "guest-abi/guests/bench/bench.c";
    static final String EXPECTED = "guest-abi/guests/bench/expected.out";

    /** The architecture {@code --arch} names: sparc or sparc64, x86 or x86_64 (any case). */
    static Optional<BenchArch> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sparc", "sparc64" -> Optional.of(SPARC64);
            case "x86", "x86_64" -> Optional.of(X86_64);
            default -> Optional.empty();
        };
    }

    /**
     * The golden output of the bench guest: {@code expected-BINDING.out} beside {@link #EXPECTED}
     * where this architecture prints something else (as guest-abi keeps them), else that file.
     */
    Path expected(Path root) {
        Path own = root.resolve(EXPECTED.replace("expected.out", "expected-" + binding + ".out"));
        return Files.isRegularFile(own) ? own : root.resolve(EXPECTED);
    }

    /** The command that builds {@code source} with {@code compiler} as a static Linux program at {@code output}. */
    List<String> linuxBuild(Path compiler, Path source, Path output) {
        List<String> cmd = new ArrayList<>();
        cmd.add(compiler.toString());
        cmd.addAll(linuxFlags);
        cmd.addAll(List.of("-o", output.toString(), source.toString()));
        return cmd;
    }

    /** The prebuilt benchmark guest, under the repository root. */
    String image() {
        return "guest-abi/images/" + binding + "/bench.elf";
    }

    /** Whether the reference runs include the Linux build run directly on the host (the x86-64 one). */
    boolean hasNativeReference() {
        return !nativeHosts.isEmpty();
    }

    /** Whether a host whose {@code os.arch} is {@code hostArch} runs the Linux build natively. */
    boolean runsNativelyOn(String hostArch) {
        return nativeHosts.contains(hostArch);
    }
}
