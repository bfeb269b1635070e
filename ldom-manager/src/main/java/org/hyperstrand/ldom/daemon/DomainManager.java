package org.hyperstrand.ldom.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperstrand.core.boot.ElfImage;
import org.hyperstrand.core.boot.ImageException;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.DomainState;
import org.hyperstrand.core.ds.DomainServices;
import org.hyperstrand.core.ds.DrCpu;
import org.hyperstrand.core.ds.GuestRequest;
import org.hyperstrand.core.machine.Binding;
import org.hyperstrand.core.machine.DomainDescriptions;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.md.ChannelSpec;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.sched.MachineRunner;
import org.hyperstrand.ldom.config.ConfigException;
import org.hyperstrand.ldom.config.ConfigStore;
import org.hyperstrand.ldom.config.SpconfigStore;
import org.hyperstrand.ldom.config.StoredDomain;
import org.hyperstrand.ldom.console.ConsoleLog;
import org.hyperstrand.ldom.console.ConsoleServer;
import org.hyperstrand.ldom.console.PortRange;
import org.hyperstrand.ldom.model.Constraints;
import org.hyperstrand.ldom.model.LdmException;
import org.hyperstrand.ldom.model.LdomState;
import org.hyperstrand.tools.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domains ldmd manages and their lifecycle (ldm-cli.md 3.1): inactive, bound, active.
 * Every operation checks first and changes afterwards, so a refused one changes nothing; every
 * change is saved to the store before it is reported done.
 */
public final class DomainManager {

    private static final Logger LOG = LoggerFactory.getLogger(DomainManager.class);

    private final MachineRunner runner;
    private final Machine machine;
    private final GuestImages images;
    private final ConfigStore store;
    private final SpconfigStore spconfigs;
    private final Path consoleDir;
    private final PortRange consolePorts;
    private final long defaultStopWaitMillis;
    private final LiveVcpus live;
    private final Map<String, ManagedDomain> domains = new LinkedHashMap<>();

    DomainManager(MachineRunner runner, GuestImages images, ConfigStore store, SpconfigStore spconfigs,
                  Path consoleDir, PortRange consolePorts, long defaultStopWaitMillis, long drTimeoutMillis) {
        this.runner = runner;
        this.machine = runner.machine();
        this.images = images;
        this.store = store;
        this.spconfigs = spconfigs;
        this.consoleDir = consoleDir;
        this.consolePorts = consolePorts;
        this.defaultStopWaitMillis = defaultStopWaitMillis;
        this.live = new LiveVcpus(runner, drTimeoutMillis);
    }

    /**
     * Takes over the stored domains: constraints, bindings (the same strands and mblocks as
     * before where the store names them and they are free, else bound anew), and a start for
     * those with auto-boot.
     */
    synchronized void restore(List<StoredDomain> stored) {
        List<ManagedDomain> bound = new ArrayList<>();
        for (StoredDomain s : stored) { // the saved bindings first, so that new ones go around them
            ManagedDomain m = new ManagedDomain(s.constraints());
            domains.put(m.name(), m);
            if (s.binding() != null) {
                try {
                    m.binding = machine.bindExactly(s.binding());
                } catch (IllegalArgumentException e) {
                    LOG.warn("domain {} cannot have its saved resources again ({}); binding it anew", m.name(),
                            e.getMessage());
                }
            }
            if (s.bound()) {
                bound.add(m);
            }
        }
        for (ManagedDomain m : bound) {
            try {
                if (m.binding == null) {
                    m.binding = bindResources(m.constraints);
                    try {
                        store.save(new StoredDomain(m.constraints, m.binding));
                    } catch (IOException e) {
                        LOG.warn("domain {} is bound, but its new resources could not be saved: {}", m.name(),
                                e.getMessage());
                    }
                }
                m.state = LdomState.BOUND;
                openConsole(m);
            } catch (LdmException e) {
                LOG.warn("domain {} could not be restored as bound: {}", m.name(), e.getMessage());
            }
        }
        for (ManagedDomain m : bound) {
            if (m.state == LdomState.BOUND && m.constraints.autoBoot()) {
                try {
                    start(m.name());
                } catch (LdmException e) {
                    LOG.warn("domain {} could not be started: {}", m.name(), e.getMessage());
                }
            }
        }
    }

    // ---- lifecycle ----------------------------------------------------------------------

    synchronized void add(Constraints c) {
        if (domains.containsKey(c.name())) {
            throw new LdmException("domain " + c.name() + " already exists");
        }
        if (c.image() != null) {
            images.load(c.arch(), c.image());
        }
        save(c, null);
        domains.put(c.name(), new ManagedDomain(c));
    }

    synchronized void set(Constraints changed) {
        ManagedDomain m = find(changed.name());
        Constraints old = m.constraints;
        boolean bootOnly = changed.withAutoBoot(old.autoBoot()).equals(old);
        if (!bootOnly && m.state != LdomState.INACTIVE) {
            throw wrongState(m, "changing arch or image");
        }
        if (changed.image() != null && !changed.image().equals(old.image())) {
            images.load(changed.arch(), changed.image());
        }
        save(changed, m.binding);
        m.constraints = changed;
    }

    synchronized void remove(String name) {
        ManagedDomain m = find(name);
        refresh(m);
        refuseIn(m, LdomState.BOUND, "domain " + name + " is bound; unbind it first: ldm unbind-domain " + name);
        refuseIn(m, LdomState.ACTIVE, "domain " + name + " is active; stop and unbind it first: ldm stop-domain "
                + name + ", then ldm unbind-domain " + name);
        try {
            store.delete(name);
        } catch (IOException e) {
            throw new LdmException("cannot remove the configuration of domain " + name + ": " + e.getMessage());
        }
        domains.remove(name);
    }

    synchronized void bind(String name) {
        ManagedDomain m = find(name);
        refresh(m);
        if (m.state != LdomState.INACTIVE) {
            throw new LdmException("domain " + name + " is already " + m.state.word());
        }
        Binding b = bindResources(m.constraints);
        try {
            store.save(new StoredDomain(m.constraints, b));
        } catch (IOException e) {
            machine.release(b);
            throw cannotSave(name, e);
        }
        m.binding = b;
        m.state = LdomState.BOUND;
        openConsole(m);
    }

    synchronized void unbind(String name) {
        ManagedDomain m = find(name);
        refresh(m);
        refuseIn(m, LdomState.INACTIVE, "domain " + name + " is not bound");
        refuseIn(m, LdomState.ACTIVE, "domain " + name + " is active; stop it first: ldm stop-domain " + name);
        save(m.constraints, null);
        machine.release(m.binding);
        m.binding = null;
        m.state = LdomState.INACTIVE;
        closeConsole(m);
    }

    synchronized void start(String name) {
        ManagedDomain m = find(name);
        refresh(m);
        refuseIn(m, LdomState.INACTIVE, "domain " + name + " is not bound; bind it first: ldm bind-domain " + name);
        refuseIn(m, LdomState.ACTIVE, "domain " + name + " is already active");
        if (m.constraints.image() == null) {
            throw noImage(name);
        }
        ElfImage elf = images.load(m.constraints.arch(), m.constraints.image());
        ConsoleLog log = openConsoleLog(name);
        Binding binding = m.binding;
        ConsoleServer port = m.console;
        m.running = runner.call(() -> {
            for (MemoryBlock b : binding.memory()) {
                machine.memory().discard(b.pa(), b.size()); // every boot starts from zeroed memory
            }
            Domain d = machine.createDomain(name, images.backend(m.constraints.arch()), binding,
                    DomainDescriptions.standard(machine));
            try {
                elf.load(machine.memory(), d.realMemory());
            } catch (ImageException e) {
                machine.removeDomain(d);
                throw new LdmException(e.getMessage());
            }
            DomainServices services = new DomainServices();
            m.drCpu = new DrCpu(services);
            m.shutdown = new GuestRequest(services, GuestRequest.SHUTDOWN);
            m.panic = new GuestRequest(services, GuestRequest.PANIC);
            machine.channels().attach(d, ChannelSpec.Port.DOMAIN_SERVICES, "", services.link());
            d.console().attach(log::write);
            if (port != null) {
                port.attach(d.console()); // before the first instruction: clients see the whole boot
            }
            d.boot(elf.entry());
            return d;
        });
        m.consoleLog = log;
        m.startedAt = System.currentTimeMillis();
        m.sampledAt = machine.now();
        m.sampledBusy = m.running.busyTicks();
        m.util = 0;
        m.state = LdomState.ACTIVE;
    }

    /**
     * Stops an active domain. Without {@code force} the guest gets {@code waitSeconds} (or the
     * daemon's default) to stop by itself; after an explicit wait the domain is stopped anyway,
     * after the default one the command fails and says how to force it.
     */
    void stop(String name, boolean force, Integer waitSeconds) {
        long wait = waitSeconds != null ? waitSeconds * 1000L : defaultStopWaitMillis;
        ManagedDomain m;
        GuestRequest shutdown;
        synchronized (this) {
            m = findActive(name);
            if (force) {
                stopNow(m);
                return;
            }
            shutdown = m.shutdown;
            m.operation = Operation.STOPPING;
        }
        boolean ended = false;
        try {
            if (shutdown != null && shutdown.available()) {
                runner.call(() -> shutdown.request((int) Math.min(wait, Integer.MAX_VALUE))); // graceful first
            }
            ended = awaitGuestEnd(m, wait);
        } finally {
            synchronized (this) {
                m.operation = null;
                if (ended || waitSeconds != null) {
                    stopNow(m);
                }
            }
        }
        if (!ended && waitSeconds == null) {
            throw new LdmException("domain " + name + " did not stop within " + wait / 1000 + " seconds; "
                    + "stop it at once with: ldm stop-domain -f " + name);
        }
    }

    /** Stops an active domain's guest where it is and binds the domain again. */
    private void stopNow(ManagedDomain m) {
        Domain d = m.running;
        runner.call(() -> {
            d.stop();
            return null;
        });
        finishRun(m);
    }

    /**
     * panic-domain: asks the guest, through its domain-panic service, to panic (crash dump and
     * all, as far as it has them) and waits until it has stopped.
     */
    void panic(String name) {
        ManagedDomain m;
        GuestRequest panic;
        synchronized (this) {
            m = findActive(name);
            if (m.panic == null || !m.panic.available()) {
                throw new LdmException("the guest of domain " + name + " does not take part in domain-panic (it has "
                        + "not registered the service); stop it instead: ldm stop-domain -f " + name);
            }
            panic = m.panic;
            m.operation = Operation.STOPPING;
        }
        boolean ended = false;
        try {
            runner.call(() -> panic.request(0));
            ended = awaitGuestEnd(m, defaultStopWaitMillis);
        } finally {
            synchronized (this) {
                m.operation = null;
                if (ended) {
                    finishRun(m);
                }
            }
        }
        if (!ended) {
            throw new LdmException("domain " + name + " was asked to panic but still runs after "
                    + defaultStopWaitMillis / 1000 + " seconds; stop it at once with: ldm stop-domain -f " + name);
        }
    }

    // ---- resources ------------------------------------------------------------------------

    /**
     * Sets a domain's strands; on an active domain through dynamic reconfiguration, the guest
     * asked first unless {@code force} (removal only) stops the strands outright.
     */
    void setVcpus(String name, int vcpus, boolean force) {
        ManagedDomain m;
        Binding before;
        Domain d;
        DrCpu dr;
        synchronized (this) {
            m = find(name);
            if (vcpus < 0) {
                throw new LdmException("domain " + name + " has " + m.constraints.vcpus() + " vcpus; cannot remove "
                        + (m.constraints.vcpus() - vcpus));
            }
            refresh(m);
            if (m.state != LdomState.ACTIVE) {
                resize(m, m.constraints.withVcpus(vcpus));
                return;
            }
            before = m.binding;
            if (vcpus == before.strands().size()) {
                return;
            }
            d = m.running;
            dr = m.drCpu;
            m.operation = Operation.RECONFIGURING;
        }
        int have = before.strands().size();
        Binding after = null;
        try {
            after = vcpus > have ? live.add(name, d, dr, before, vcpus - have)
                    : live.remove(name, d, dr, before, have - vcpus, force);
        } finally {
            if (after == null) { // refused or failed: the domain is as it was
                synchronized (this) {
                    m.operation = null;
                }
            }
        }
        synchronized (this) { // the new binding with the end of the operation: no command sees the old one
            m.operation = null;
            m.binding = after;
            Constraints changed = m.constraints.withVcpus(vcpus);
            try {
                store.save(new StoredDomain(changed, after));
            } catch (IOException e) {
                LOG.warn("domain {} runs on {} vcpus, but its configuration could not be saved", name, vcpus);
                throw cannotSave(name, e);
            }
            m.constraints = changed;
        }
    }

    synchronized void setMemory(String name, long bytes) {
        ManagedDomain m = find(name);
        if (bytes < 0) {
            throw new LdmException("domain " + name + " has " + Sizes.format(m.constraints.memory())
                    + " of memory; cannot remove " + Sizes.format(m.constraints.memory() - bytes));
        }
        if (bytes % Machine.MEMORY_UNIT != 0) {
            long up = (bytes / Machine.MEMORY_UNIT + 1) * Machine.MEMORY_UNIT;
            throw new LdmException("memory " + Sizes.format(bytes) + " is not a multiple of 4M; use "
                    + Sizes.format(up) + " instead: ldm set-memory " + Sizes.format(up) + " " + name);
        }
        resize(m, m.constraints.withMemory(bytes));
    }

    synchronized int vcpusOf(String name) {
        return find(name).constraints.vcpus();
    }

    synchronized long memoryOf(String name) {
        return find(name).constraints.memory();
    }

    private void resize(ManagedDomain m, Constraints changed) {
        refresh(m);
        if (m.state == LdomState.ACTIVE) {
            throw wrongState(m, "changing memory while it runs");
        }
        if (m.state == LdomState.INACTIVE) {
            save(changed, null);
            m.constraints = changed;
            return;
        }
        if (changed.vcpus() == 0) {
            throw LiveVcpus.keepsOne(m.name(), "bound", m.binding.strands().size());
        }
        if (changed.memory() == 0) {
            long have = m.binding.memoryBytes();
            throw new LdmException("domain " + m.name() + " is bound and keeps at least 4M of memory; it has "
                    + Sizes.format(have) + (have == Machine.MEMORY_UNIT ? ", so none can be removed"
                    : ", so at most " + Sizes.format(have - Machine.MEMORY_UNIT) + " can be removed"));
        }
        checkBindable(changed);
        Binding before = m.binding;
        Binding after = bindFailure(m.name(), () -> machine.resize(before, changed.vcpus(), changed.memory()));
        try {
            store.save(new StoredDomain(changed, after));
        } catch (IOException e) {
            m.binding = machine.resize(after, before.strands().size(), before.memoryBytes());
            throw cannotSave(m.name(), e);
        }
        m.binding = after;
        m.constraints = changed;
    }

    // ---- saved configurations (ldm-cli.md 5.2) ----------------------------------------------

    /** add-spconfig: saves the running configuration under a new name, for the next power-on too. */
    synchronized void addSpconfig(String name) {
        SpconfigStore.checkName(name);
        spconfig(() -> {
            if (spconfigs.exists(name)) {
                throw new LdmException("spconfig " + name + " already exists; remove it first: ldm remove-spconfig "
                        + name);
            }
            spconfigs.save(name, running());
            spconfigs.setNext(name);
            spconfigs.setBooted(name); // it matches the running configuration: it is the current one
        });
    }

    /** set-spconfig: the configuration the machine boots at the next power-on (ldmd start). */
    synchronized void setSpconfig(String name) {
        spconfig(() -> {
            requireSpconfig(name);
            spconfigs.setNext(name);
        });
    }

    synchronized void removeSpconfig(String name) {
        spconfig(() -> {
            if (name.equals(SpconfigStore.FACTORY_DEFAULT)) {
                throw new LdmException("spconfig factory-default cannot be removed");
            }
            requireSpconfig(name);
            if (name.equals(spconfigs.next())) {
                throw new LdmException("spconfig " + name + " is the one for the next power-on; choose another "
                        + "first: ldm set-spconfig factory-default");
            }
            spconfigs.delete(name);
        });
    }

    /**
     * list-spconfig: factory-default, then the saved ones; the one chosen for the next power-on
     * is marked [current] while the running configuration still matches it and was booted from
     * it, and [next poweron] otherwise.
     */
    synchronized String listSpconfig() {
        StringBuilder out = new StringBuilder();
        spconfig(() -> {
            String next = spconfigs.next();
            String mark = next.equals(spconfigs.booted()) && spconfigs.load(next).equals(running())
                    ? " [current]" : " [next poweron]";
            List<String> names = new ArrayList<>(List.of(SpconfigStore.FACTORY_DEFAULT));
            names.addAll(spconfigs.names());
            for (String n : names) {
                out.append(n).append(n.equals(next) ? mark : "").append('\n');
            }
        });
        return out.toString();
    }

    private void requireSpconfig(String name) throws IOException {
        SpconfigStore.checkName(name);
        if (!spconfigs.exists(name)) {
            throw new LdmException("spconfig " + name + " does not exist; ldm list-spconfig shows the saved ones");
        }
    }

    /** Every domain as the store holds it: constraints, and bound unless inactive. */
    private List<StoredDomain> running() {
        return domains.values().stream().map(m -> new StoredDomain(m.constraints, m.binding))
                .sorted(java.util.Comparator.comparing(d -> d.constraints().name())).toList();
    }

    private interface SpconfigAction {
        void run() throws IOException, ConfigException;
    }

    private void spconfig(SpconfigAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new LdmException("saved configurations in " + spconfigs.directory() + ": " + e.getMessage());
        } catch (ConfigException e) {
            throw new LdmException(e.getMessage());
        }
    }

    // ---- views --------------------------------------------------------------------------

    synchronized List<DomainView> views(List<String> names) {
        List<ManagedDomain> chosen = new ArrayList<>();
        if (names.isEmpty()) {
            chosen.addAll(domains.values());
        } else {
            names.forEach(n -> chosen.add(known(n)));
        }
        long now = System.currentTimeMillis();
        List<DomainView> out = new ArrayList<>();
        for (ManagedDomain m : chosen) {
            refresh(m);
            out.add(new DomainView(m.constraints, m.state,
                    m.binding == null ? List.of() : m.binding.strands(),
                    m.binding == null ? List.of() : m.binding.memory(),
                    m.state == LdomState.ACTIVE ? (now - m.startedAt) / 1000 : -1,
                    consoleDir.resolve(m.name() + ".log"), m.console == null ? 0 : m.console.port(),
                    m.state == LdomState.ACTIVE ? sampleUtil(m) : -1, m.lastRun,
                    m.operation == null ? null : m.operation.flags()));
        }
        return out;
    }

    /** {@code list-devices}: the machine's strands and memory and which domain has each. */
    synchronized String devices(boolean all, boolean parseable, List<String> classes) {
        Map<Integer, String> strands = new java.util.HashMap<>();
        Map<MemoryBlock, String> memory = new LinkedHashMap<>();
        for (ManagedDomain m : domains.values()) {
            if (m.binding != null) {
                m.binding.strands().forEach(s -> strands.put(s, m.name()));
                m.binding.memory().forEach(b -> memory.put(b, m.name()));
            }
        }
        return DeviceListing.render(machine, strands, memory, all, parseable, classes);
    }

    /** {@code list-services}: the console concentrator with its port range and the ports in use. */
    synchronized String services(boolean parseable) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        domains.values().stream().filter(m -> m.console != null).forEach(m -> ports.put(m.name(), m.console.port()));
        return Listings.services(consolePorts.toString(), ports, parseable);
    }

    /**
     * UTIL (ldm-cli.md 2.1): the share of the domain's time base its CPUs spent executing the
     * guest rather than waiting in cpu_yield or HLT (or stopped), averaged over its CPUs, since
     * the previous listing; a listing right after another repeats its figure.
     */
    private double sampleUtil(ManagedDomain m) {
        long now = machine.now();
        long busy = m.running.busyTicks();
        long elapsed = now - m.sampledAt;
        int cpus = m.running.vcpus().size();
        if (elapsed > 0 && cpus > 0) {
            m.util = Math.min(100.0, 100.0 * (busy - m.sampledBusy) / ((double) elapsed * cpus));
            m.sampledAt = now;
            m.sampledBusy = busy;
        }
        return m.util;
    }

    /** Stops every running domain's console log and port; the machine itself is shut down by the daemon. */
    synchronized void closeLogs() {
        for (ManagedDomain m : domains.values()) {
            closeLog(m);
            closeConsole(m);
        }
    }

    /**
     * Gives a bound domain its console port. A domain keeps running without one when the range
     * is used up (the CONS column stays empty and the log still has everything), as ldm binds
     * a domain whose vcc has no port left.
     */
    private void openConsole(ManagedDomain m) {
        try {
            m.console = ConsoleServer.open(m.name(), consolePorts);
        } catch (IOException e) {
            LOG.warn("domain {} has no console port: {}", m.name(), e.getMessage());
        }
    }

    private void closeConsole(ManagedDomain m) {
        if (m.console != null) {
            m.console.close();
            m.console = null;
        }
    }

    // ---- helpers ------------------------------------------------------------------------

    private static void refuseIn(ManagedDomain m, LdomState state, String message) {
        if (m.state == state) {
            throw new LdmException(message);
        }
    }

    /**
     * The domain to act on. One that waits for its guest (stop, panic, live vcpu change) takes
     * no other command until that ends; listings still see it.
     */
    private ManagedDomain find(String name) {
        ManagedDomain m = known(name);
        if (m.operation != null) {
            throw new LdmException("domain " + name + " is busy " + m.operation.doing() + "; try again when that "
                    + "has finished");
        }
        return m;
    }

    private ManagedDomain known(String name) {
        ManagedDomain m = domains.get(name);
        if (m == null) {
            Constraints.checkName(name);
            throw new LdmException("domain " + name + " does not exist");
        }
        return m;
    }

    private ManagedDomain findActive(String name) {
        ManagedDomain m = find(name);
        refresh(m);
        if (m.state != LdomState.ACTIVE) {
            throw new LdmException("domain " + name + " is not active");
        }
        return m;
    }

    /**
     * An active domain whose guest stopped by itself (exit, failure) is bound again, as after
     * stop-domain; one busy with an operation is left to it.
     */
    private void refresh(ManagedDomain m) {
        if (m.operation == null && m.state == LdomState.ACTIVE && m.running.state() != DomainState.RUNNING) {
            finishRun(m);
        }
    }

    private void finishRun(ManagedDomain m) {
        Domain d = m.running;
        runner.call(() -> {
            machine.removeDomain(d);
            return null;
        });
        m.lastRun = switch (d.state()) {
            case EXITED -> "exited with status 0x" + Long.toHexString(d.exitStatus());
            case FAILED -> "failed: " + d.failureReport().lines().findFirst().orElse("");
            default -> "stopped";
        };
        closeLog(m);
        if (m.console != null) {
            m.console.detach();
        }
        m.running = null;
        m.drCpu = null;
        m.shutdown = null;
        m.panic = null;
        m.state = LdomState.BOUND;
    }

    private Binding bindResources(Constraints c) {
        checkBindable(c);
        return bindFailure(c.name(), () -> machine.bind(c.vcpus(), c.memory()));
    }

    private void checkBindable(Constraints c) {
        if (c.vcpus() == 0) {
            throw new LdmException("domain " + c.name() + " has no vcpus; add some first: ldm add-vcpu 1 " + c.name());
        }
        if (c.memory() == 0) {
            throw new LdmException("domain " + c.name() + " has no memory; add some first: ldm add-memory 64M "
                    + c.name());
        }
        if (c.image() == null) {
            throw noImage(c.name());
        }
    }

    private static Binding bindFailure(String name, java.util.function.Supplier<Binding> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new LdmException("cannot bind domain " + name + ": " + e.getMessage());
        }
    }

    /** Saves a domain's constraints, bound to {@code binding} or inactive if it is null. */
    private void save(Constraints c, Binding binding) {
        try {
            store.save(new StoredDomain(c, binding));
        } catch (IOException e) {
            throw cannotSave(c.name(), e);
        }
    }

    private static LdmException cannotSave(String name, IOException e) {
        return new LdmException("cannot save the configuration of domain " + name + ": " + e.getMessage());
    }

    private static LdmException noImage(String name) {
        return new LdmException("domain " + name + " has no image; set one first: ldm set-domain image=PATH " + name);
    }

    private static LdmException wrongState(ManagedDomain m, String what) {
        String next = m.state == LdomState.ACTIVE
                ? "stop it first: ldm stop-domain " + m.name()
                : "unbind it first: ldm unbind-domain " + m.name();
        return new LdmException("domain " + m.name() + " is " + m.state.word() + "; " + what + " is not possible "
                + "now; " + next);
    }

    private ConsoleLog openConsoleLog(String name) {
        try {
            return ConsoleLog.open(name, consoleDir.resolve(name + ".log"));
        } catch (IOException e) {
            throw new LdmException("cannot open the console log of domain " + name + ": " + e.getMessage());
        }
    }

    private void closeLog(ManagedDomain m) {
        if (m.consoleLog != null) {
            m.consoleLog.close();
            m.consoleLog = null;
        }
    }

    /** Waits up to {@code millis} for the guest of active domain {@code m} to end; true if it did. */
    private boolean awaitGuestEnd(ManagedDomain m, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (m.running.state() == DomainState.RUNNING && System.currentTimeMillis() < deadline) {
            sleep();
        }
        return m.running.state() != DomainState.RUNNING;
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LdmException("interrupted");
        }
    }
}
