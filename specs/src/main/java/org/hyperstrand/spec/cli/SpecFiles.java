package org.hyperstrand.spec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hyperstrand.spec.model.ApiSpec;
import picocli.CommandLine.Parameters;

/** The FILE... operand that check and gen share. */
final class SpecFiles {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "spec files or directories of *.hvspec files")
    List<Path> files;

    Optional<ApiSpec> load(PrintWriter err) {
        return SpecInputs.load(files, err);
    }
}
