package org.hyperstrand.spec.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.hyperstrand.spec.model.ApiSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hv spec check FILES}: every error, as file:line:col, or a one-line summary. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Parse and validate spec files; print every error as file:line:col: error: message.")
final class SpecCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec self;

    @Mixin
    SpecFiles files;

    @Override
    public Integer call() {
        Optional<ApiSpec> spec = files.load(self.commandLine().getErr());
        if (spec.isEmpty()) {
            return 1;
        }
        ApiSpec s = spec.get();
        self.commandLine().getOut().printf("ok: %d groups, %d calls, %d error codes, %d bindings%n",
                s.groups().size(), s.calls().count(), s.errors().count(), s.bindings().size());
        return 0;
    }
}
