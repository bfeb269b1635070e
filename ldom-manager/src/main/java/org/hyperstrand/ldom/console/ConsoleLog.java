package org.hyperstrand.ldom.console;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A domain's console log: every byte the guest prints, appended to a file, a whole line at a
 * time. A write error (a full disk, say) must not stop the guest, whose console still reaches
 * its port: the log says once what went wrong and from where on it lacks output, then counts
 * what it could not keep.
 */
public final class ConsoleLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLog.class);

    private final String name;
    private final OutputStream out;
    /** Bytes handed to the file, and those of them known to be in it (flushed). */
    private long written;
    private long kept;
    private boolean failed;
    private long lost;

    ConsoleLog(String name, OutputStream out) {
        this.name = name;
        this.out = out;
    }

    /** Opens (appending) the log of domain {@code name} at {@code file}. */
    public static ConsoleLog open(String name, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return new ConsoleLog(name, new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)));
    }

    /** Runs on the machine's thread for every byte the guest prints; never throws. */
    public void write(int b) {
        if (failed) {
            lost++;
            return;
        }
        try {
            out.write(b);
            written++;
            if (b == '\n') {
                out.flush();
                kept = written;
            }
        } catch (IOException e) {
            failed = true;
            lost = written - kept + (written == kept ? 1 : 0);
            LOG.warn("console log of domain {} keeps no more output after {} bytes: {}", name, kept, e.getMessage());
        }
    }

    /** Bytes the guest printed that the log could not keep. */
    public long lost() {
        return lost;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            if (!failed) {
                LOG.warn("console log of domain {}: {}", name, e.getMessage());
            }
        }
        if (failed) {
            LOG.warn("console log of domain {} lacks the last {} bytes the guest printed", name, lost);
        }
    }
}
