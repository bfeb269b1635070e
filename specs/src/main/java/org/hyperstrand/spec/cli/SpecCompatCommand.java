package org.hyperstrand.spec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hyperstrand.spec.compat.Change;
import org.hyperstrand.spec.compat.CompatChecker;
import org.hyperstrand.spec.model.ApiSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hv spec compat OLD NEW}: exits 1 and lists each breaking change, else 0. */
@Command(name = "compat", mixinStandardHelpOptions = true,
        description = "Compare two versions of the spec; list each change that would break existing guests.")
final class SpecCompatCommand implements Callable<Integer> {

    @Spec
    CommandSpec self;

    @Parameters(index = "0", paramLabel = "OLD", description = "the published spec: a file or a directory")
    Path before;

    @Parameters(index = "1", paramLabel = "NEW", description = "the proposed spec: a file or a directory")
    Path after;

    @Override
    public Integer call() {
        PrintWriter err = self.commandLine().getErr();
        Optional<ApiSpec> old = SpecInputs.load(List.of(before), err);
        Optional<ApiSpec> now = SpecInputs.load(List.of(after), err);
        if (old.isEmpty() || now.isEmpty()) {
            return 2;
        }
        List<Change> changes = CompatChecker.compare(old.get(), now.get());
        PrintWriter out = self.commandLine().getOut();
        long breaking = changes.stream().filter(Change::breaking).count();
        changes.forEach(c -> (c.breaking() ? err : out).println(c));
        if (breaking > 0) {
            err.println(breaking + (breaking == 1 ? " breaking change" : " breaking changes"));
            return 1;
        }
        out.println("compatible: " + changes.size() + (changes.size() == 1 ? " change" : " changes"));
        return 0;
    }
}
