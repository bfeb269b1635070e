package org.hyperstrand.spec.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hyperstrand.spec.SpecCompiler;
import org.hyperstrand.spec.gen.Language;
import org.hyperstrand.spec.gen.GeneratedTree;
import org.hyperstrand.spec.gen.Generator;

/**
 * The entry point the Maven build runs in-process (exec:java) to generate sources:
 * {@code LANG OUTDIR SPECDIR...}. It throws instead of exiting, so a spec error fails the build
 * with every message and never takes the build's JVM down.
 */
public final class BuildGenerator {

    private BuildGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: BuildGenerator LANG OUTDIR SPEC...");
        }
        Language lang = Language.of(args[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown language " + args[0]));
        List<Path> specs = List.of(args).subList(2, args.length).stream().map(Path::of).toList();
        var spec = SpecCompiler.compileFiles(specs).orThrow();
        Generator generator = lang.generator();
        new GeneratedTree(Path.of(args[1]), generator::owns).sync(generator.generate(spec));
    }
}
