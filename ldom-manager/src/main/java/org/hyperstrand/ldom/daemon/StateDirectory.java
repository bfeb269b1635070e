package org.hyperstrand.ldom.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.hyperstrand.ldom.model.LdmException;

/**
 * Where one machine's daemon keeps everything: the lock that makes it the only daemon there,
 * its socket, the domains' configuration and their console logs.
 */
public final class StateDirectory {

    private final Path root;

    public StateDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code ~/.hyperstrand/ldm}, the default for ldm and ldmd. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".hyperstrand", "ldm");
    }

    public Path root() {
        return root;
    }

    public Path socket() {
        return root.resolve("ldmd.sock");
    }

    public Path domains() {
        return root.resolve("domains");
    }

    public Path spconfigs() {
        return root.resolve("spconfigs");
    }

    public Path consoles() {
        return root.resolve("console");
    }

    /**
     * Takes the daemon's lock, held until the channel is closed (or the process dies); a second
     * daemon on the same directory is refused with the first one's process id.
     */
    FileChannel lock() throws IOException {
        Files.createDirectories(root);
        Path lockFile = root.resolve("ldmd.lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another daemon in this same JVM
        }
        if (lock == null) {
            String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            channel.close();
            throw new LdmException("another ldmd" + (holder.isEmpty() ? "" : " (process " + holder + ")")
                    + " already serves state directory " + root + "; stop it first or use another --state-dir");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return channel;
    }
}
