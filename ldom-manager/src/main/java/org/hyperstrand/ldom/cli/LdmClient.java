package org.hyperstrand.ldom.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyperstrand.ldom.daemon.StateDirectory;
import org.hyperstrand.ldom.protocol.Protocol;
import org.hyperstrand.ldom.protocol.Request;
import org.hyperstrand.ldom.protocol.Response;

/** Sends one command to the ldmd of a state directory and returns its answer. */
public final class LdmClient {

    private final StateDirectory state;

    public LdmClient(StateDirectory state) {
        this.state = state;
    }

    public Response send(Path cwd, List<String> args) {
        Path socket = state.socket();
        if (!Files.exists(socket)) {
            return noDaemon();
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Protocol.write(channel, new Request(Protocol.VERSION, cwd.toAbsolutePath().toString(), args));
            return Protocol.read(channel, Response.class);
        } catch (java.net.ConnectException e) {
            return noDaemon();
        } catch (IOException e) {
            return Response.error(Protocol.NO_DAEMON, "ldm: cannot talk to ldmd at " + socket + ": " + e.getMessage());
        }
    }

    private Response noDaemon() {
        return Response.error(Protocol.NO_DAEMON, "ldm: no ldmd is running for state directory " + state.root()
                + "; start one with: ldmd --state-dir " + state.root() + " &");
    }
}
