package org.hyperstrand.guestabi;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.hyperstrand.spec.SpecCompiler;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.gen.GeneratedTree;
import org.hyperstrand.spec.gen.md.MarkdownGenerator;
import org.junit.jupiter.api.Test;

/**
 * The committed ABI reference in {@code guest-abi/docs} must be exactly what the Markdown
 * generator makes of {@code specs/hypercalls}: porters read it on GitHub, so a spec change that
 * is not regenerated would silently mislead them. Hand-written pages there (such as
 * {@code PORTING.md}) are left alone.
 */
class AbiReferenceTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final String HOW_TO_FIX = "run `bin/hv spec gen --lang md --out guest-abi/docs specs/hypercalls` "
            + "from the repository root, or `mvn test -pl specs,guest-abi -Dtest=AbiReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true`, and commit the result";

    private static Path root() {
        return Path.of(System.getProperty("hyperstrand.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void committedReferenceMatchesTheSpec() throws IOException {
        Path specDir = root().resolve("specs/hypercalls");
        Path docs = root().resolve("guest-abi/docs");
        assertTrue(Files.isDirectory(specDir), "no spec directory " + specDir);
        SpecCompiler.Result result = SpecCompiler.compileFiles(List.of(specDir));
        assertTrue(result.ok(), () -> "the spec does not compile:\n" + result.diagnostics().stream()
                .map(Object::toString).collect(Collectors.joining("\n")));
        MarkdownGenerator generator = new MarkdownGenerator();
        List<GeneratedFile> files = generator.generate(result.spec());
        GeneratedTree tree = new GeneratedTree(docs, generator::owns);
        if (UPDATE) {
            tree.sync(files);
        }
        List<String> problems = tree.differences(files);
        if (!problems.isEmpty()) {
            fail("guest-abi/docs is out of date with specs/hypercalls:\n  " + String.join("\n  ", problems)
                    + "\nTo refresh it, " + HOW_TO_FIX + ".");
        }
    }
}
