package org.hyperstrand.tools.guestinit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hv guest init --arch sparc|x86 DIR}: writes a skeleton guest that {@code make} builds
 * and {@code hv run} boots, self-contained (the runtime and the hypercall header come along).
 * The files are written to a scratch directory beside DIR first and moved into place at the end,
 * so a failure leaves no half-written guest behind.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a new guest into DIR: a Makefile, main.c and the guest runtime.",
        footer = {"", "Exit status: 0 when written; 1 when writing failed; 2 for a bad --arch or a DIR that is "
                + "not empty."})
final class GuestInitCommand implements Callable<Integer> {

    static final int WRITE_FAILED = 1;
    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec self;

    @Option(names = "--arch", required = true, paramLabel = "sparc|x86",
            description = "the guest's architecture: sparc (sparc64, sun4v) or x86 (x86_64, AMD-V)")
    String arch;

    @Parameters(index = "0", paramLabel = "DIR", description = "a new or empty directory")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter err = self.commandLine().getErr();
        Optional<SkeletonArch> target = SkeletonArch.of(arch);
        if (target.isEmpty()) {
            err.println("hv guest init: --arch must be sparc or x86, not '" + arch + "'");
            return BAD_INPUT;
        }
        Optional<String> problem = checkDirectory();
        if (problem.isPresent()) {
            err.println("hv guest init: " + dir + " " + problem.get());
            return BAD_INPUT;
        }
        try {
            write(Skeleton.files(target.get()));
        } catch (IOException | RuntimeException e) {
            err.println("hv guest init: cannot write " + dir + ": " + e.getMessage());
            return WRITE_FAILED;
        }
        self.commandLine().getOut().println("wrote a " + target.get().runtimeDir + " guest to " + dir
                + "; build it with `make -C " + dir + "` and boot it with `hv run " + dir.resolve("guest.elf") + "`");
        return 0;
    }

    private Optional<String> checkDirectory() {
        if (!Files.exists(dir)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("exists and is not a directory");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return entries.iterator().hasNext()
                    ? Optional.of("is not empty; give a new or empty directory")
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
    }

    private void write(SortedMap<String, byte[]> files) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        // createDirectory, not createTempDirectory: the guest's directories get the umask's modes
        Path scratch = Files.createDirectory(
                parent.resolve("." + absolute.getFileName() + ".hv-guest-init-" + ProcessHandle.current().pid()));
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = scratch.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
            Files.deleteIfExists(absolute); // empty, checked above
            Files.move(scratch, absolute);
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
