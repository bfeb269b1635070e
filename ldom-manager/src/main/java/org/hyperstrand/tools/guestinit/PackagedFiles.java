package org.hyperstrand.tools.guestinit;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Files the build packaged into ldom-manager's jar for {@code hv guest init} (see its pom): the
 * guest runtime, the hypercall spec, the skeleton's own files. They are read from the jar when
 * hv runs from it, and from target/classes when the tests run.
 */
final class PackagedFiles {

    private static final String ROOT = "org/hyperstrand/tools/guestinit/";

    private PackagedFiles() {
    }

    /** Every file under the packaged directory {@code dir}, by its '/'-separated path below it. */
    static SortedMap<String, byte[]> under(String dir) throws IOException {
        URL url = PackagedFiles.class.getClassLoader().getResource(ROOT + dir);
        if (url == null) {
            throw new IOException("this hv was built without " + ROOT + dir + "; rebuild it with mvn package");
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("cannot read " + url + ": " + e.getMessage(), e);
        }
        if (!"jar".equals(uri.getScheme())) {
            return read(Path.of(uri));
        }
        String entry = uri.getSchemeSpecificPart().substring(uri.getSchemeSpecificPart().indexOf("!/") + 1);
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
            return read(jar.getPath(entry));
        } catch (FileSystemAlreadyExistsException e) {
            // someone else in this JVM has the jar open: use theirs and leave it open
            return read(FileSystems.getFileSystem(uri).getPath(entry));
        }
    }

    /** One packaged file, as text. */
    static String text(String path) throws IOException {
        var in = PackagedFiles.class.getClassLoader().getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IOException("this hv was built without " + ROOT + path + "; rebuild it with mvn package");
        }
        try (in) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static SortedMap<String, byte[]> read(Path dir) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String relative = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                files.put(relative, Files.readAllBytes(p));
            }
        }
        return files;
    }
}
