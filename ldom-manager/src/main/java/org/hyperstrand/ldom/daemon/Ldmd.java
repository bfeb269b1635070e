package org.hyperstrand.ldom.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.machine.MachineConfig;
import org.hyperstrand.core.sched.MachineRunner;
import org.hyperstrand.core.spi.Backends;
import org.hyperstrand.ldom.config.ConfigException;
import org.hyperstrand.ldom.config.ConfigStore;
import org.hyperstrand.ldom.config.SpconfigStore;
import org.hyperstrand.ldom.console.PortRange;
import org.hyperstrand.ldom.protocol.Protocol;
import org.hyperstrand.ldom.protocol.Request;
import org.hyperstrand.ldom.protocol.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logical domain manager daemon: owns the state directory (by its lock), runs the machine
 * with every backend on the class path, restores the stored domains and serves ldm commands on
 * a Unix domain socket until closed.
 */
public final class Ldmd implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ldmd.class);

    private final StateDirectory state;
    private final FileChannel lock;
    private final MachineRunner runner;
    private final DomainManager manager;
    private final Commands commands;
    private final ServerSocketChannel server;
    private final ExecutorService clients = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ldm-client");
        t.setDaemon(true);
        return t;
    });
    private final Thread acceptor;

    /**
     * Daemon settings: the machine's shape, how long a graceful stop waits by default, the
     * console concentrator's port range, and how long a guest has to answer a dynamic
     * reconfiguration request.
     */
    public record Settings(MachineConfig machine, long stopWaitMillis, PortRange consolePorts, long drTimeoutMillis) {

        /** The default DR timeout: ldm add-vcpu on an active domain waits this long for the guest. */
        public static final long DR_TIMEOUT_MILLIS = 10_000;

        public Settings(MachineConfig machine, long stopWaitMillis, PortRange consolePorts) {
            this(machine, stopWaitMillis, consolePorts, DR_TIMEOUT_MILLIS);
        }

        public static Settings defaults() {
            return new Settings(MachineConfig.defaults(), 10_000, PortRange.DEFAULT);
        }
    }

    /**
     * Starts a daemon on {@code state}.
     *
     * @throws ConfigException when a stored configuration file is corrupt (nothing is started)
     * @throws org.hyperstrand.ldom.model.LdmException when another daemon holds the directory
     */
    public static Ldmd start(StateDirectory state, Settings settings) throws IOException, ConfigException {
        FileChannel lock = state.lock();
        try {
            return new Ldmd(state, lock, settings);
        } catch (IOException | ConfigException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private Ldmd(StateDirectory state, FileChannel lock, Settings settings) throws IOException, ConfigException {
        this.state = state;
        this.lock = lock;
        ConfigStore store = new ConfigStore(state.domains());
        SpconfigStore spconfigs = new SpconfigStore(state.spconfigs());
        String poweredOn = spconfigs.powerOn(store); // a configuration chosen with set-spconfig
        var stored = store.loadAll(); // before anything runs: a corrupt store stops the daemon here
        if (poweredOn != null) {
            LOG.info("ldmd powered on with saved configuration {}", poweredOn);
        }
        this.runner = new MachineRunner(new Machine(settings.machine()));
        runner.start();
        this.manager = new DomainManager(runner, new GuestImages(Backends.load()), store, spconfigs,
                state.consoles(), settings.consolePorts(), settings.stopWaitMillis(), settings.drTimeoutMillis());
        manager.restore(stored);
        this.commands = new Commands(manager);
        Files.deleteIfExists(state.socket()); // left by a daemon that died; the lock says none runs now
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(state.socket()));
        this.acceptor = new Thread(this::accept, "ldmd-accept");
        acceptor.start();
        LOG.info("ldmd serving {} with {} domains", state.root(), stored.size());
    }

    public StateDirectory state() {
        return state;
    }

    /** Blocks until the daemon is closed. */
    public void awaitClose() throws InterruptedException {
        acceptor.join();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                clients.execute(() -> serve(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("accepting an ldm connection: {}", e.getMessage());
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            Response response;
            try {
                response = commands.handle(Protocol.read(client, Request.class));
            } catch (IOException e) {
                response = Response.error(Protocol.NO_DAEMON, "ldmd could not read the request: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("ldm command failed inside ldmd", e);
                response = Response.error(Protocol.FAILED, "ldmd failed: " + e + " (see the ldmd log)");
            }
            Protocol.write(client, response);
        } catch (IOException e) {
            LOG.warn("answering ldm: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.shutdown();
        runner.close();
        manager.closeLogs();
        Files.deleteIfExists(state.socket());
        lock.close();
    }
}
