package org.hyperstrand.spec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hyperstrand.spec.SpecCompiler;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.validate.Diagnostic;

/** Loads spec files for a command and prints their errors the one way every command does. */
final class SpecInputs {

    private SpecInputs() {
    }

    /** The compiled spec, or empty after printing every error to {@code err}. */
    static Optional<ApiSpec> load(List<Path> paths, PrintWriter err) {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println(p + ": error: no such file or directory");
                return Optional.empty();
            }
        }
        List<Path> files = SpecCompiler.expand(paths);
        if (files.isEmpty()) {
            err.println(paths.get(0) + ": error: no .hvspec files here");
            return Optional.empty();
        }
        try {
            SpecCompiler.Result r = SpecCompiler.compileFiles(files);
            for (Diagnostic d : r.diagnostics()) {
                err.println(d);
            }
            if (!r.ok()) {
                err.println(r.diagnostics().size() + (r.diagnostics().size() == 1 ? " error" : " errors"));
                return Optional.empty();
            }
            return Optional.of(r.spec());
        } catch (IOException e) {
            err.println("error: cannot read spec: " + e.getMessage());
            return Optional.empty();
        }
    }
}
