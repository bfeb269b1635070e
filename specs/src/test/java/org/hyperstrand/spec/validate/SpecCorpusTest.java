package org.hyperstrand.spec.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hyperstrand.spec.SpecCompiler;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The spec corpus: every file in corpus/bad must produce exactly the messages in its .expected
 * file (all of them, sorted, with file, line and column); every file in corpus/good and the
 * real API in specs/hypercalls must compile cleanly.
 */
class SpecCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/corpus");

    @TestFactory
    Stream<DynamicTest> badSpecsReportExactlyTheExpectedErrors() throws IOException {
        return files(CORPUS.resolve("bad")).map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
            String name = spec.getFileName().toString();
            SpecCompiler.Result r = SpecCompiler.compile(List.of(new SpecCompiler.Source(name, Files.readString(spec))));
            Path expected = spec.resolveSibling(name.replace(".hvspec", ".expected"));
            List<String> want = Files.readAllLines(expected).stream().filter(l -> !l.isBlank()).toList();
            assertTrue(!want.isEmpty(), "a bad spec needs at least one expected error: " + expected);
            assertEquals(want, r.diagnostics().stream().map(Diagnostic::toString).toList());
        }));
    }

    @TestFactory
    Stream<DynamicTest> goodSpecsCompileCleanly() throws IOException {
        Stream<Path> good = Stream.concat(files(CORPUS.resolve("good")),
                Stream.of(Path.of("src/test/resources/gen/sample.hvspec")));
        return good.map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
            SpecCompiler.Result r = SpecCompiler.compileFiles(List.of(spec));
            assertEquals(List.of(), r.diagnostics().stream().map(Diagnostic::toString).toList());
        }));
    }

    @org.junit.jupiter.api.Test
    void theHypercallApiCompilesCleanly() throws IOException {
        SpecCompiler.Result r = SpecCompiler.compileFiles(List.of(Path.of("hypercalls")));
        assertEquals(List.of(), r.diagnostics().stream().map(Diagnostic::toString).toList());
        List<String> names = r.spec().calls().map(c -> c.name()).toList();
        List<String> missing = REQUIRED_CALLS.stream().filter(n -> !names.contains(n)).toList();
        assertEquals(List.of(), missing, "calls the API must offer");
    }

    /** The sun4v calls this project promises guests (core trap, machine, CPU, MMU, memory, time, console, LDC). */
    private static final List<String> REQUIRED_CALLS = List.of(
            "api_set_version", "api_get_version", "api_putchar", "api_exit",
            "mach_exit", "mach_desc", "mach_sir",
            "cpu_start", "cpu_stop", "cpu_yield", "cpu_qconf", "cpu_qinfo", "cpu_myid", "cpu_state",
            "cpu_set_rtba", "cpu_get_rtba", "cpu_mondo_send",
            "mmu_tsb_ctx0", "mmu_tsb_ctxnon0", "mmu_demap_page", "mmu_demap_ctx", "mmu_demap_all",
            "mmu_map_perm_addr", "mmu_unmap_perm_addr", "mmu_fault_area_conf", "mmu_fault_area_info", "mmu_enable",
            "mmu_tsb_ctx0_info", "mmu_tsb_ctxnon0_info", "mmu_map_addr", "mmu_unmap_addr",
            "mem_scrub", "mem_sync", "tod_get", "tod_set",
            "cons_getchar", "cons_putchar", "cons_read", "cons_write",
            "mach_set_soft_state", "mach_get_soft_state",
            "ldc_tx_qconf", "ldc_tx_qinfo", "ldc_tx_get_state", "ldc_tx_set_qtail", "ldc_rx_qconf", "ldc_rx_qinfo",
            "ldc_rx_get_state", "ldc_rx_set_qhead", "ldc_set_map_table", "ldc_get_map_table", "ldc_copy",
            "ldc_mapin", "ldc_unmap", "ldc_revoke");

    private static Stream<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".hvspec")).sorted().toList().stream();
        }
    }
}
