package org.hyperstrand.spec.gen;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Compares generated files with golden copies; run with -Dgolden.update=true to rewrite the
 * goldens after an intended change (then review the diff).
 */
public final class Goldens {

    private Goldens() {
    }

    public static void check(Path goldenDir, Predicate<String> owned, List<GeneratedFile> files) throws IOException {
        GeneratedTree tree = new GeneratedTree(goldenDir, owned);
        if (Boolean.getBoolean("golden.update")) {
            tree.sync(files);
        }
        List<String> differences = tree.differences(files);
        if (!differences.isEmpty()) {
            fail("generated output differs from the goldens in " + goldenDir + " (-Dgolden.update=true rewrites them):\n  "
                    + String.join("\n  ", differences));
        }
    }
}
