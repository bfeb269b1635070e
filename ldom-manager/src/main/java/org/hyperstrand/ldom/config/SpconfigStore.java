package org.hyperstrand.ldom.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hyperstrand.ldom.model.LdmException;

/**
 * Saved configurations (ldm's spconfigs, ldm-cli.md 5.2): named snapshots of every domain's
 * constraints and bindings, one YAML file each, and which one the machine boots at the next
 * power-on, which for Hyperstrand is the next start of ldmd. {@code factory-default}, no domains
 * at all, always exists. The running configuration itself is kept in the domain store and
 * survives restarts on its own; a saved one replaces it only when another one was selected
 * with set-spconfig since the last power-on.
 */
public final class SpconfigStore {

    public static final String FACTORY_DEFAULT = "factory-default";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String SUFFIX = ".yaml";
    /** The running configuration as it was before a saved one replaced it, in case it is wanted back. */
    public static final String AUTOSAVE = ".autosave" + SUFFIX;

    private final Path dir;

    public SpconfigStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /** Refuses a name ldm would refuse: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new LdmException("invalid spconfig name '" + name + "': use 1-64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
    }

    /** The saved names, sorted; factory-default is not among them. */
    public List<String> names() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX) && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length())).sorted().toList();
        }
    }

    public boolean exists(String name) throws IOException {
        return name.equals(FACTORY_DEFAULT) || Files.exists(file(name));
    }

    public void save(String name, List<StoredDomain> domains) throws IOException {
        ConfigStore.writeSnapshot(file(name), domains);
    }

    /** The domains of a saved configuration; factory-default has none. */
    public List<StoredDomain> load(String name) throws ConfigException, IOException {
        return name.equals(FACTORY_DEFAULT) ? List.of() : ConfigStore.readSnapshot(file(name));
    }

    public void delete(String name) throws IOException {
        AtomicFiles.delete(file(name));
    }

    /** The configuration set for the next power-on. */
    public String next() throws IOException {
        return marker("next");
    }

    public void setNext(String name) throws IOException {
        setMarker("next", name);
    }

    /** The configuration the machine last powered on with, or last saved while it matched. */
    public String booted() throws IOException {
        return marker("booted");
    }

    public void setBooted(String name) throws IOException {
        setMarker("booted", name);
    }

    /**
     * Power-on: when set-spconfig chose another configuration since the last one, the domain
     * store is replaced by it (the old running configuration is kept in {@link #AUTOSAVE}
     * first). A crash in the middle repeats the switch at the next start, without overwriting
     * the autosave.
     *
     * @return the configuration booted, or null when the running one simply carries on
     */
    public String powerOn(ConfigStore domains) throws ConfigException, IOException {
        String next = next();
        if (next.equals(booted())) {
            return null;
        }
        List<StoredDomain> wanted = load(next); // a broken snapshot stops here, before anything changes
        Path switching = dir.resolve(".switching");
        if (!Files.exists(switching)) {
            ConfigStore.writeSnapshot(dir.resolve(AUTOSAVE), domains.loadAll());
            AtomicFiles.write(switching, next.getBytes(StandardCharsets.UTF_8));
        }
        for (StoredDomain old : domains.loadAll()) {
            domains.delete(old.constraints().name());
        }
        for (StoredDomain d : wanted) {
            domains.save(d);
        }
        setBooted(next);
        AtomicFiles.delete(switching);
        return next;
    }

    private Path file(String name) {
        checkName(name);
        return dir.resolve(name + SUFFIX);
    }

    private String marker(String which) throws IOException {
        Path f = dir.resolve(which);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8).trim() : FACTORY_DEFAULT;
    }

    private void setMarker(String which, String name) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(which), (name + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
