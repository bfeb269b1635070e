package org.hyperstrand.spec.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A directory that holds a generator's output, perhaps beside hand-written files. Files the
 * generator owns but no longer produces are stale and go away; everything else is left alone.
 */
public final class GeneratedTree {

    private final Path dir;
    private final Predicate<String> owned;

    /** @param owned which relative paths (with '/' separators) the generator may have written */
    public GeneratedTree(Path dir, Predicate<String> owned) {
        this.dir = dir;
        this.owned = owned;
    }

    /**
     * Makes the directory hold exactly these files, writing only new or changed ones (so
     * incremental builds stay quiet) and atomically (so a reader never sees half a file).
     *
     * @return how many files were written or deleted
     */
    public int sync(List<GeneratedFile> files) throws IOException {
        int changed = 0;
        for (String stale : stale(files)) {
            Files.delete(dir.resolve(stale));
            changed++;
        }
        for (GeneratedFile f : files) {
            Path target = dir.resolve(f.path());
            if (Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(f.content())) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, f.content(), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            changed++;
        }
        return changed;
    }

    /** Every way the directory differs from these files, one line each; empty when current. */
    public List<String> differences(List<GeneratedFile> files) throws IOException {
        List<String> out = new ArrayList<>();
        for (GeneratedFile f : files) {
            Path file = dir.resolve(f.path());
            if (!Files.exists(file)) {
                out.add("missing: " + f.path());
            } else {
                String present = Files.readString(file, StandardCharsets.UTF_8);
                if (!present.equals(f.content())) {
                    out.add("differs: " + f.path() + " (" + firstDifference(present, f.content()) + ")");
                }
            }
        }
        stale(files).forEach(s -> out.add("stale (no longer generated): " + s));
        return out;
    }

    private Set<String> stale(List<GeneratedFile> files) throws IOException {
        Set<String> produced = files.stream().map(GeneratedFile::path).collect(Collectors.toSet());
        Set<String> stale = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return stale;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(owned).filter(p -> !produced.contains(p)).forEach(stale::add);
        }
        return stale;
    }

    /** "line N: present `...`, generated `...`" for the first line that differs. */
    static String firstDifference(String present, String generated) {
        List<String> a = present.lines().toList();
        List<String> b = generated.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end of file>";
            String y = i < b.size() ? b.get(i) : "<end of file>";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": present `" + x + "`, generated `" + y + "`";
            }
        }
        return "line endings differ";
    }
}
