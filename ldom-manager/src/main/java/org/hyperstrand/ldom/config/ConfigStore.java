package org.hyperstrand.ldom.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hyperstrand.ldom.model.Constraints;
import org.hyperstrand.ldom.model.LdmException;

/**
 * The daemon's configuration store: one YAML file per domain in a directory, each written
 * atomically. Loading refuses the whole store if any file is unreadable, naming file and line:
 * the daemon must not guess at a domain's configuration.
 */
public final class ConfigStore {

    /** Version of the stored and exported YAML; a file of another version is refused. */
    public static final int FORMAT_VERSION = 1;
    private static final String SUFFIX = ".yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Path dir;

    public ConfigStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    public Path fileOf(String domain) {
        return dir.resolve(domain + SUFFIX);
    }

    /** Every stored domain, by name; a leftover temporary file from a crash is ignored. */
    public List<StoredDomain> loadAll() throws ConfigException, IOException {
        Files.createDirectories(dir);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        List<StoredDomain> out = new ArrayList<>();
        for (Path f : files) {
            DomainDocument doc = read(f, DomainDocument.class);
            String expected = f.getFileName().toString();
            expected = expected.substring(0, expected.length() - SUFFIX.length());
            checkVersion(f, doc.version());
            StoredDomain d = stored(f, doc);
            String name = d.constraints().name();
            if (!name.equals(expected)) {
                throw new ConfigException(f + ": holds domain '" + name + "' but is named for '" + expected + "'");
            }
            out.add(d);
        }
        return out;
    }

    public void save(StoredDomain domain) throws IOException {
        Files.createDirectories(dir);
        DomainDocument doc = DomainDocument.of(domain.constraints()).stored(FORMAT_VERSION, domain);
        AtomicFiles.write(fileOf(domain.constraints().name()), YAML.writeValueAsBytes(doc));
    }

    public void delete(String domain) throws IOException {
        AtomicFiles.delete(fileOf(domain));
    }

    /** Writes a saved configuration (spconfig): every domain with its binding, atomically. */
    static void writeSnapshot(Path file, List<StoredDomain> domains) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, YAML.writeValueAsBytes(new ExportDocument(FORMAT_VERSION, domains.stream()
                .map(d -> DomainDocument.of(d.constraints()).stored(FORMAT_VERSION, d)).toList())));
    }

    /** Reads what {@link #writeSnapshot} wrote; its problems name the file and line. */
    static List<StoredDomain> readSnapshot(Path file) throws ConfigException, IOException {
        ExportDocument doc = read(file, ExportDocument.class);
        checkVersion(file, doc.version());
        List<StoredDomain> out = new ArrayList<>();
        for (DomainDocument d : doc.domains() == null ? List.<DomainDocument>of() : doc.domains()) {
            out.add(stored(file, d));
        }
        return out;
    }

    /** The YAML that {@code list-constraints -x} prints. */
    public static String export(List<Constraints> domains) {
        try {
            return YAML.writeValueAsString(new ExportDocument(FORMAT_VERSION,
                    domains.stream().map(DomainDocument::of).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The domains of an exported file, for {@code add-domain -i}; its problems as one-line errors. */
    public static List<Constraints> importFile(Path file) {
        try {
            ExportDocument doc = read(file, ExportDocument.class);
            checkVersion(file, doc.version());
            if (doc.domains() == null || doc.domains().isEmpty()) {
                throw new LdmException(file + ": no domains in the file");
            }
            List<Constraints> out = new ArrayList<>();
            for (DomainDocument d : doc.domains()) {
                out.add(constraints(file, d));
            }
            return out;
        } catch (ConfigException e) {
            throw new LdmException(e.getMessage());
        } catch (IOException e) {
            throw new LdmException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static <T> T read(Path file, Class<T> type) throws ConfigException, IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            T value = YAML.readValue(bytes, type);
            if (value == null) {
                throw new ConfigException(file + ": the file is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + lineOf(e.getLocation()) + ": " + reason(e));
        }
    }

    private static void checkVersion(Path file, Integer version) throws ConfigException {
        if (version == null || version != FORMAT_VERSION) {
            throw new ConfigException(file + ": format version " + version + " is not " + FORMAT_VERSION
                    + " (the version this ldmd reads)");
        }
    }

    private static Constraints constraints(Path file, DomainDocument doc) throws ConfigException {
        try {
            return doc.constraints();
        } catch (LdmException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static StoredDomain stored(Path file, DomainDocument doc) throws ConfigException {
        constraints(file, doc);
        try {
            return doc.stored();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": domain " + doc.name() + ": " + e.getMessage());
        }
    }

    private static String lineOf(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : ": line " + at.getLineNr();
    }

    /** The operator's words for a parse error: ours if a value was refused, else Jackson's first line. */
    private static String reason(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LdmException l) {
                return l.getMessage();
            }
        }
        return e.getOriginalMessage().lines().findFirst().orElse("unreadable").replaceAll(" \\(class [^)]*\\)", "");
    }
}
