package org.hyperstrand.spec.gen.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.hyperstrand.spec.SpecCompiler;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.gen.Goldens;
import org.hyperstrand.spec.model.ApiSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaGeneratorTest {

    private static final Path SAMPLE = Path.of("src/test/resources/gen/sample.hvspec");

    private static List<GeneratedFile> generate() throws IOException {
        ApiSpec spec = SpecCompiler.compileFiles(List.of(SAMPLE)).orThrow();
        return new JavaGenerator().generate(spec);
    }

    @Test
    void matchesGoldenFiles() throws IOException {
        Goldens.check(Path.of("src/test/resources/gen/java"), new JavaGenerator()::owns, generate());
    }

    @Test
    void oneHandlerInterfacePerGroupWithCalls() throws IOException {
        List<String> names = generate().stream().map(f -> Path.of(f.path()).getFileName().toString()).toList();
        assertEquals(List.of("HvErrors.java", "HvConstants.java", "HvApiGroups.java", "HvCalls.java",
                "HvCallSignatures.java", "CoreHandler.java", "ForwardingCoreHandler.java", "X86TimerHandler.java",
                "ForwardingX86TimerHandler.java", "HcallDispatcher.java"), names);
    }

    /** The generated code must compile against the runtime types hv-core provides. */
    @Test
    void generatedCodeCompiles(@TempDir Path dir) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (GeneratedFile f : generate()) {
            Path p = dir.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content());
            sources.add(p);
        }
        Path runtime = dir.resolve("org/hyperstrand/core/hcall");
        Files.writeString(runtime.resolve("HcallFrame.java"), """
                package org.hyperstrand.core.hcall;
                public final class HcallFrame {
                    public long arg(int i) { return 0; }
                    public void setResult(int n, long v) { }
                }
                """);
        Files.writeString(runtime.resolve("ApiVersions.java"), """
                package org.hyperstrand.core.hcall;
                public interface ApiVersions {
                    boolean allows(int group, int sinceMajor, int sinceMinor, int removedMajor, int removedMinor);
                }
                """);
        sources.add(runtime.resolve("HcallFrame.java"));
        sources.add(runtime.resolve("ApiVersions.java"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter log = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
            boolean ok = javac.getTask(log, fm, null, List.of("-d", dir.resolve("classes").toString(),
                    "-Xlint:all", "-Werror"), null, units).call();
            assertTrue(ok, log.toString());
        }
    }
}
