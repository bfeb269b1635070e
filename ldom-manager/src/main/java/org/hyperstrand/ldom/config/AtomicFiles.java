package org.hyperstrand.ldom.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that a crash cannot tear: the bytes go to a temporary file beside the target, are
 * forced to disk, and the file is renamed over the target; the directory is forced too so the
 * rename itself survives. A reader sees the old file or the new one, never a mix.
 */
public final class AtomicFiles {

    /** Suffix of the temporary files; a crash can leave one behind, and readers skip them. */
    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + TEMP_SUFFIX);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.getParent());
    }

    /** Deletes {@code target} and makes the deletion durable. */
    public static void delete(Path target) throws IOException {
        Files.deleteIfExists(target);
        forceDirectory(target.getParent());
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
