package org.hyperstrand.spec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.gen.GeneratedTree;
import org.hyperstrand.spec.gen.Generator;
import org.hyperstrand.spec.gen.Language;
import org.hyperstrand.spec.model.ApiSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code hv spec gen --lang java|c|md --out DIR [--check] FILES}. */
@Command(name = "gen", mixinStandardHelpOptions = true,
        description = "Generate Java dispatch code, the C header or the Markdown ABI reference.")
final class SpecGenCommand implements Callable<Integer> {

    @Spec
    CommandSpec self;

    @Option(names = "--lang", required = true, paramLabel = "LANG",
            description = "java, c or md", converter = LanguageConverter.class)
    Language lang;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--check", description = "write nothing; exit 1 listing each file of DIR that is not current")
    boolean check;

    @Mixin
    SpecFiles files;

    @Override
    public Integer call() {
        PrintWriter err = self.commandLine().getErr();
        Optional<ApiSpec> spec = files.load(err);
        if (spec.isEmpty()) {
            return 1;
        }
        Generator generator = lang.generator();
        List<GeneratedFile> generated = generator.generate(spec.get());
        GeneratedTree tree = new GeneratedTree(out, generator::owns);
        try {
            if (check) {
                List<String> differences = tree.differences(generated);
                differences.forEach(d -> err.println(out + ": " + d));
                if (!differences.isEmpty()) {
                    return 1;
                }
                self.commandLine().getOut().printf("%s: %d files, all current%n", out, generated.size());
                return 0;
            }
            int changed = tree.sync(generated);
            self.commandLine().getOut().printf("%s: %d files, %d changed%n", out, generated.size(), changed);
            return 0;
        } catch (IOException e) {
            err.println(out + ": error: cannot " + (check ? "read" : "write") + ": " + e.getMessage());
            return 2;
        }
    }

    static final class LanguageConverter implements ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            return Language.of(value).orElseThrow(() -> new TypeConversionException(
                    "unknown language '" + value + "' (java, c or md)"));
        }
    }
}
