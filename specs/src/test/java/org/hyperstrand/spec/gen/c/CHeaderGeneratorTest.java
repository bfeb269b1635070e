package org.hyperstrand.spec.gen.c;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hyperstrand.spec.SpecCompiler;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.model.Call;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The C header: golden output for the sample and corner-case specs, and real compilers
 * (gcc for x86-64, sparc64-linux-gnu-gcc) building it with warnings as errors. Run with
 * {@code -Dgolden.update=true} to rewrite the golden files after an intended change.
 */
class CHeaderGeneratorTest {

    /** Paths are relative to the specs module, the directory tests run in. */
    private static final Path SAMPLE = Path.of("src/test/resources/gen/sample.hvspec");
    private static final Path EDGE = Path.of("src/test/resources/gen/c/edge.hvspec");
    private static final Path GOLDEN = Path.of("src/test/resources/gen/c");
    private static final Path REAL = Path.of("../specs/hypercalls");

    /** A compiler for one binding, the flags the header must build cleanly with, and where it comes from. */
    enum Toolchain {
        X86_64("gcc", "gcc", "x86_64", List.of("-std=c99", "-Wall", "-Werror", "-Wextra")),
        SPARC64("sparc64-linux-gnu-gcc", "gcc-sparc64-linux-gnu", "sparc64",
                List.of("-std=c99", "-Wall", "-Werror", "-Wextra", "-O2"));

        final String command;
        final String aptPackage;
        final String arch;
        final List<String> flags;

        Toolchain(String command, String aptPackage, String arch, List<String> flags) {
            this.command = command;
            this.aptPackage = aptPackage;
            this.arch = arch;
            this.flags = flags;
        }
    }

    @TempDir
    Path tmp;

    // ---- golden files ---------------------------------------------------------------------

    @Test
    void sampleMatchesGolden() throws IOException {
        assertGolden(SAMPLE, GOLDEN.resolve("hv_api.h"));
    }

    @Test
    void cornerCasesMatchGolden() throws IOException {
        assertGolden(EDGE, GOLDEN.resolve("edge_hv_api.h"));
    }

    @Test
    void outputIsOneTidyReproducibleFile() throws IOException {
        ApiSpec spec = compile(SAMPLE);
        List<GeneratedFile> files = new CHeaderGenerator().generate(spec);
        assertEquals(1, files.size());
        assertEquals("hyperstrand/hv_api.h", files.get(0).path());
        String text = files.get(0).content();
        assertEquals(text, header(spec), "two runs differ");
        assertTrue(text.endsWith("*/\n"), "ends with the guard's #endif and one newline");
        assertFalse(text.contains("\n\n\n"), "double blank line");
        for (String line : text.split("\n")) {
            assertEquals(line.stripTrailing(), line, "trailing blanks: " + line);
            assertFalse(line.contains("\t"), "tab: " + line);
        }
        assertEquals(1, Pattern.compile("^#include", Pattern.MULTILINE).matcher(text).results().count(),
                "only <stdint.h> is included");
    }

    private void assertGolden(Path spec, Path golden) throws IOException {
        String actual = header(compile(spec));
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, UTF_8);
            return;
        }
        assertTrue(Files.exists(golden), golden + " is missing; run with -Dgolden.update=true to create it");
        assertEquals(Files.readString(golden, UTF_8), actual, "differs from " + golden
                + "; if the change is intended, run with -Dgolden.update=true and review the diff");
    }

    // ---- compile checks -------------------------------------------------------------------

    static Stream<Arguments> specsAndToolchains() {
        List<Arguments> cases = new ArrayList<>();
        for (Path spec : List.of(SAMPLE, EDGE, REAL)) {
            for (Toolchain t : Toolchain.values()) {
                cases.add(Arguments.of(spec, t));
            }
        }
        return cases.stream();
    }

    /** Every stub a binding gets is called once, so the compiler checks each asm statement too. */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("specsAndToolchains")
    void headerCompilesWithEveryStubCalled(Path specPath, Toolchain toolchain) throws Exception {
        requireCompiler(toolchain);
        if (specPath.equals(REAL)) {
            assertTrue(Files.isDirectory(REAL), "the API spec directory " + REAL.toAbsolutePath().normalize()
                    + " does not exist yet");
        }
        ApiSpec spec = compile(specPath);
        writeHeader(spec);
        Binding binding = spec.binding(toolchain.arch).orElseThrow(
                () -> new AssertionError("the spec has no binding " + toolchain.arch));
        List<Call> calls = CHeaderGenerator.stubbedCalls(spec, binding);
        assertFalse(calls.isEmpty(), "no stubs for " + toolchain.arch);
        Files.writeString(tmp.resolve("use.c"), callingEveryStub(calls), UTF_8);
        List<String> command = new ArrayList<>(List.of(toolchain.command));
        command.addAll(toolchain.flags);
        command.addAll(List.of("-I", ".", "-c", "use.c", "-o", "use.o"));
        run(command);
    }

    /** The header keeps to GNU spellings (__inline__, __asm__), so strict C89 builds it too. */
    @Test
    void sampleHeaderAlsoBuildsAsC89() throws Exception {
        requireCompiler(Toolchain.X86_64);
        ApiSpec spec = compile(SAMPLE);
        writeHeader(spec);
        List<Call> calls = CHeaderGenerator.stubbedCalls(spec, spec.binding("x86_64").orElseThrow());
        Files.writeString(tmp.resolve("use.c"), callingEveryStub(calls), UTF_8);
        run(List.of("gcc", "-std=c89", "-Wall", "-Werror", "-Wextra", "-I", ".", "-c", "use.c", "-o", "use.o"));
    }

    /**
     * C that calls each stub: arguments 0, the first out pointer set and the others NULL;
     * a call that does not return gets a function of its own.
     */
    private static String callingEveryStub(List<Call> calls) {
        StringBuilder c = new StringBuilder("#include \"hyperstrand/hv_api.h\"\n\nuint64_t use_all(void);\n\n");
        StringBuilder body = new StringBuilder();
        for (Call call : calls) {
            List<String> args = new ArrayList<>(Collections.nCopies(call.args().size(), "0"));
            if (call.noReturn()) {
                String fn = "use_" + call.name();
                c.append("void ").append(fn).append("(void);\n\nvoid ").append(fn).append("(void)\n{\n    ")
                        .append(CNames.stubName(call)).append('(').append(String.join(", ", args)).append(");\n}\n\n");
                continue;
            }
            for (int i = 0; i < call.results().size(); i++) {
                args.add(i == 0 ? "&out" : "0");
            }
            body.append("    status |= ").append(CNames.stubName(call)).append('(').append(String.join(", ", args))
                    .append(");\n");
        }
        return c.append("uint64_t use_all(void)\n{\n    uint64_t status = 0;\n    uint64_t out = 0;\n\n")
                .append(body).append("    return status + out;\n}\n").toString();
    }

    // ---- what the stubs compile to --------------------------------------------------------

    @Test
    void fastStubOnX86LoadsTheTrapNumberAndExecutesVmmcall() throws Exception {
        String asm = assembly(Toolchain.X86_64, "uint64_t probe(hv_cpuid_t cpu, uint64_t *state);\n"
                + "uint64_t probe(hv_cpuid_t cpu, uint64_t *state)\n{\n    return hv_cpu_state(cpu, state);\n}\n");
        assertContains(asm, "\\bvmmcall\\b", "the instruction");
        assertContains(asm, "\\$(128|0x80),\\s*%[er]ax\\b", "trap number 0x80 into %eax/%rax");
        assertContains(asm, "\\$(23|0x17),\\s*%[er]cx\\b", "function number of cpu_state into %ecx/%rcx");
    }

    @Test
    void stubsOnSparcUseTheFastTrapAndTheHyperfastTrap() throws Exception {
        String asm = assembly(Toolchain.SPARC64, "uint64_t probe(hv_cpuid_t cpu, uint64_t *state);\n"
                + "uint64_t probe(hv_cpuid_t cpu, uint64_t *state)\n{\n    return hv_cpu_state(cpu, state);\n}\n\n"
                + "uint64_t map(hv_va_t va, hv_tte_t tte);\n"
                + "uint64_t map(hv_va_t va, hv_tte_t tte)\n{\n    return hv_mmu_map_addr(va, 0, tte, 1);\n}\n");
        assertContains(asm, "\\bta\\s+0x80\\b", "fast trap");
        assertContains(asm, "\\bta\\s+0x83\\b", "mmu_map_addr's own trap");
        assertContains(asm, "\\b(mov|or)\\s+(%g0,\\s*)?(23|0x17),\\s*%o5\\b", "function number into %o5");
    }

    private String assembly(Toolchain toolchain, String source) throws Exception {
        requireCompiler(toolchain);
        writeHeader(compile(SAMPLE));
        Files.writeString(tmp.resolve("probe.c"), "#include \"hyperstrand/hv_api.h\"\n\n" + source, UTF_8);
        run(List.of(toolchain.command, "-std=c99", "-Wall", "-Werror", "-Wextra", "-O2", "-I", ".", "-S",
                "probe.c", "-o", "probe.s"));
        return Files.readString(tmp.resolve("probe.s"), UTF_8);
    }

    private static void assertContains(String asm, String regex, String what) {
        assertTrue(Pattern.compile(regex).matcher(asm).find(), "expected " + what + " (/" + regex + "/) in:\n" + asm);
    }

    // ---- helpers --------------------------------------------------------------------------

    private static ApiSpec compile(Path spec) throws IOException {
        return SpecCompiler.compileFiles(List.of(spec)).orThrow();
    }

    private static String header(ApiSpec spec) {
        return new CHeaderGenerator().generate(spec).get(0).content();
    }

    private void writeHeader(ApiSpec spec) throws IOException {
        GeneratedFile file = new CHeaderGenerator().generate(spec).get(0);
        Path path = tmp.resolve(file.path());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.content(), UTF_8);
    }

    /**
     * A missing compiler skips the test on a developer machine, but fails it in CI, where
     * {@code .ci/run} is expected to have installed it.
     */
    private static void requireCompiler(Toolchain toolchain) {
        if (works(toolchain.command)) {
            return;
        }
        String message = toolchain.command + " not found; install the apt package " + toolchain.aptPackage;
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    private static boolean works(String command) {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " timed out");
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed:\n" + output);
        return output;
    }
}
