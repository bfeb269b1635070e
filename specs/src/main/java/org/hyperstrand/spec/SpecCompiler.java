package org.hyperstrand.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.parser.ParsedFile;
import org.hyperstrand.spec.parser.SpecParser;
import org.hyperstrand.spec.parser.SpecSyntaxException;
import org.hyperstrand.spec.validate.Diagnostic;
import org.hyperstrand.spec.validate.SpecValidator;

/**
 * The front end as one step: read spec files (a directory stands for its *.hvspec files),
 * parse each, merge, validate. The spec is usable only when {@link Result#ok()}.
 */
public final class SpecCompiler {

    /** The model and every error found, sorted by file, line and column. */
    public record Result(ApiSpec spec, List<Diagnostic> diagnostics) {

        public boolean ok() {
            return diagnostics.isEmpty();
        }

        /** The spec, or an exception listing every error. */
        public ApiSpec orThrow() {
            if (!ok()) {
                throw new SpecException(diagnostics);
            }
            return spec;
        }
    }

    private SpecCompiler() {
    }

    /** Expands directories to their *.hvspec files, sorted by name, so output is stable. */
    public static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".hvspec")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    /** Reads and compiles files; an unreadable file is an I/O error, not a spec error. */
    public static Result compileFiles(List<Path> paths) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (Path file : expand(paths)) {
            sources.add(new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }
        return compile(sources);
    }

    /** One spec file's name, as it should appear in messages, and its text. */
    public record Source(String name, String text) {
    }

    public static Result compile(List<Source> sources) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<ApiGroup> groups = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        for (Source s : sources) {
            try {
                ParsedFile parsed = SpecParser.parse(s.name(), s.text());
                diagnostics.addAll(parsed.diagnostics());
                groups.addAll(parsed.groups());
                bindings.addAll(parsed.bindings());
            } catch (SpecSyntaxException e) {
                diagnostics.add(e.diagnostic());
            }
        }
        ApiSpec spec = new ApiSpec(groups, bindings);
        if (diagnostics.isEmpty()) {
            diagnostics.addAll(new SpecValidator(spec).validate());
        }
        diagnostics.sort(null);
        return new Result(spec, List.copyOf(diagnostics));
    }
}
