package org.hyperstrand.ldom.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.hyperstrand.core.svc.Console;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One domain's console on a loopback TCP port, as vntsd serves it (ldm-cli.md 4): telnet
 * compatible, every client sees the guest's output, the first client to attach may type and
 * later ones are read-only until they take over with {@code ~w}; {@code ~.} disconnects,
 * {@code ~#} sends a break, {@code ~?} lists these. The port stays open while the domain is
 * bound; output reaches clients while it runs.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final String HELP = "~# - Send break\r\n~. - Exit from this console\r\n"
            + "~w - Force write access\r\n~? - Help\r\n";

    private final String domain;
    private final PortRange ports;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Client> clients = new ArrayList<>();
    private Client writer;
    private Console console;
    private final IntConsumer sink = this::broadcast;

    private ConsoleServer(String domain, PortRange ports, ServerSocket server) {
        this.domain = domain;
        this.ports = ports;
        this.server = server;
        this.acceptor = new Thread(this::accept, "console-" + domain);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on the lowest free port of {@code ports} (skipping ports another program holds). */
    public static ConsoleServer open(String domain, PortRange ports) throws IOException {
        for (int port : ports.free()) {
            if (!ports.take(port)) {
                continue;
            }
            ServerSocket s = new ServerSocket();
            try {
                s.setReuseAddress(true); // a port given back is usable again at once, old connections or not
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return new ConsoleServer(domain, ports, s);
            } catch (IOException e) {
                s.close();
                ports.give(port);
                if (ports.first() == ports.last()) {
                    break;
                }
                // held by another program: try the next one
            }
        }
        throw new IOException("no free console port in " + ports);
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Connects the running domain's console: its output goes to every client, the writer's input
     * to it. The console's own lock is never taken while holding this server's (the guest's
     * output path takes them the other way round).
     */
    public void attach(Console c) {
        detach();
        synchronized (this) {
            console = c;
        }
        c.attach(sink);
    }

    /** The domain stopped: clients stay connected and wait for its next start. */
    public void detach() {
        Console c;
        synchronized (this) {
            c = console;
            console = null;
        }
        if (c != null) {
            c.detach(sink);
        }
    }

    /** How many clients are attached (the state vntsd's {@code l} shows as connected). */
    public synchronized int clients() {
        return clients.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Client c = new Client(s);
                synchronized (this) {
                    clients.add(c);
                    if (writer == null) {
                        writer = c;
                    }
                }
                c.send(TelnetStream.SERVER_GREETING);
                c.send(("Connecting to console \"" + domain + "\" in group \"" + domain + "\" ....\r\n"
                        + "Press ~? for control options ..\r\n").getBytes(StandardCharsets.US_ASCII));
                Thread t = new Thread(() -> serve(c), "console-" + domain + "-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("console of {}: {}", domain, e.getMessage());
                }
            }
        }
    }

    /**
     * Guest output, on the machine's thread: queued for every client (LF as CR LF, telnet's
     * newline), never written here, so a client that does not read cannot stall the guest.
     */
    private synchronized void broadcast(int b) {
        for (Client c : clients) {
            if (b == '\n') {
                c.queue('\r');
            } else if (b == TelnetStream.IAC) {
                c.queue(TelnetStream.IAC);
            }
            c.queue(b);
        }
    }

    private void serve(Client c) {
        TelnetStream telnet = new TelnetStream(true);
        boolean lineStart = true;
        boolean tilde = false;
        try {
            // not closed here: closing a socket's stream closes the socket, and its output may still be going out
            InputStream in = c.socket.getInputStream();
            int raw;
            while ((raw = in.read()) >= 0) {
                int b = telnet.accept(raw);
                if (b == TelnetStream.NONE) {
                    continue;
                }
                if (tilde) {
                    tilde = false;
                    if (b == '.') {
                        c.send("\r\nDisconnected from the console.\r\n".getBytes(StandardCharsets.US_ASCII));
                        return;
                    }
                    if (control(c, b)) {
                        continue;
                    }
                    type(c, '~'); // not an escape after all: the tilde was meant for the guest
                } else if (b == '~' && lineStart) {
                    tilde = true;
                    continue;
                }
                lineStart = b == '\r' || b == '\n';
                type(c, b);
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            drop(c);
            c.finish("");
        }
    }

    /** The escape commands other than ~.; false if {@code b} is not one. */
    private boolean control(Client c, int b) {
        switch (b) {
            case '?' -> c.send(HELP.getBytes(StandardCharsets.US_ASCII));
            case 'w' -> {
                synchronized (this) {
                    writer = c;
                }
                c.send("\r\nYou have write access.\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            case '#' -> type(c, -1);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A byte for the guest (or BREAK, -1), if {@code c} may write. */
    private void type(Client c, int b) {
        Console target;
        synchronized (this) {
            if (writer != c) {
                c.send("You do not have write access\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            target = console;
        }
        if (target != null) {
            target.type(b);
        }
    }

    /** Forgets {@code c}; its own thread closes the connection once its output has gone. */
    private synchronized void drop(Client c) {
        if (clients.remove(c)) {
            if (writer == c) {
                writer = clients.isEmpty() ? null : clients.get(0); // the longest-waiting reader takes over
            }
        }
    }

    /** Closes the port (and every client's connection) and gives the port back to the range. */
    @Override
    public void close() {
        detach();
        closeClients();
        ports.give(server.getLocalPort());
    }

    private synchronized void closeClients() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("closing the console of {}: {}", domain, e.getMessage());
        }
        for (Client c : List.copyOf(clients)) {
            c.close();
        }
        clients.clear();
        writer = null;
    }

    /**
     * One attached client. Output waits in a buffer that a thread of its own sends; a client
     * more than {@link #BACKLOG} bytes behind is disconnected (the console log keeps everything).
     */
    private final class Client {
        static final int BACKLOG = 1 << 20;

        final Socket socket;
        private final OutputStream out;
        private byte[] pending = new byte[256];
        private int length;
        private boolean closed;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            Thread sender = new Thread(this::sendLoop, "console-" + domain + "-out");
            sender.setDaemon(true);
            sender.start();
        }

        synchronized void queue(int b) {
            if (closed) {
                return;
            }
            if (length == pending.length) {
                if (length >= BACKLOG) {
                    LOG.info("console of {}: a client fell {} bytes behind and was disconnected", domain, length);
                    closed = true;
                    notifyAll();
                    return;
                }
                pending = java.util.Arrays.copyOf(pending, length * 2);
            }
            pending[length++] = (byte) b;
            notifyAll();
        }

        /** Queues {@code bytes} for the client (false if it is gone). */
        synchronized boolean send(byte[] bytes) {
            for (byte b : bytes) {
                queue(b & 0xff);
            }
            return !closed;
        }

        private void sendLoop() {
            byte[] chunk = new byte[0];
            try {
                for (;;) {
                    int n;
                    synchronized (this) {
                        while (length == 0 && !closed) {
                            wait();
                        }
                        if (closed && length == 0) {
                            break;
                        }
                        if (chunk.length < length) {
                            chunk = new byte[pending.length];
                        }
                        n = length;
                        System.arraycopy(pending, 0, chunk, 0, n);
                        length = 0;
                    }
                    out.write(chunk, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the client went away, or the server is closing
            }
            drop(this);
            close();
        }

        /** Sends {@code last} and then closes, once everything queued has gone out. */
        void finish(String last) {
            send(last.getBytes(StandardCharsets.US_ASCII));
            synchronized (this) {
                closed = true;
                notifyAll();
            }
        }

        void close() {
            synchronized (this) {
                closed = true;
                notifyAll();
            }
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
