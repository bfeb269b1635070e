package org.hyperstrand.ldom.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The management protocol between ldm and ldmd (PROTOCOL.md): one JSON request line, one JSON
 * response line, on a Unix domain socket. Versioned on its own, apart from the guest ABI.
 */
public final class Protocol {

    /** Bumped when a field is removed or changes meaning; added fields do not bump it (PROTOCOL.md). */
    public static final int VERSION = 1;

    /** Exit status for a refused command (bad input, wrong state). */
    public static final int FAILED = 1;
    /** Exit status when ldm cannot talk to ldmd at all, or they speak different versions. */
    public static final int NO_DAEMON = 3;

    /** Unknown fields from a newer peer are ignored: that is what lets fields be added without a bump. */
    static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Protocol() {
    }

    public static <T> T read(SocketChannel channel, Class<T> type) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the other side closed the connection without a message");
        }
        return JSON.readValue(line, type);
    }

    public static void write(SocketChannel channel, Object message) throws IOException {
        OutputStream out = Channels.newOutputStream(channel);
        out.write((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
