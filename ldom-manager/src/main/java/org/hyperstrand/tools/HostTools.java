package org.hyperstrand.tools;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Host programs {@code hv bench} uses when they are installed: a cross compiler and qemu. */
final class HostTools {

    /** How a program ended: exit status (-1 when it was killed for taking too long), output, wall time. */
    record Result(int status, String stdout, String stderr, long nanos) {
    }

    private HostTools() {
    }

    /** The executable {@code name} in a directory of {@code PATH}, if there is one. */
    static Optional<Path> onPath(String name) {
        return onPath(name, System.getenv("PATH"));
    }

    static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code command} with no input and waits at most {@code timeoutSeconds}; the wall time
     * runs from just before the process starts to just after it ends.
     */
    static Result run(List<String> command, long timeoutSeconds) throws IOException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Result(-1, out.join(), err.join() + command.get(0) + ": killed after "
                        + timeoutSeconds + " s\n", System.nanoTime() - start);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        }
        long nanos = System.nanoTime() - start;
        return new Result(p.exitValue(), out.join(), err.join(), nanos);
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (in) {
                in.transferTo(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        });
    }

    /** Deletes {@code dir} and everything in it; null and a missing directory are fine. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the benchmark for
        }
    }
}
