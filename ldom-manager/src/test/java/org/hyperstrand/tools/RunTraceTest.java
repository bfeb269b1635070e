package org.hyperstrand.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * hv run --trace: the hello guest's hypercalls, decoded, as golden traces on both
 * architectures (stamps are retired instructions, deterministic under the single-thread
 * scheduler); without --trace, stderr stays empty and the console is the same.
 */
class RunTraceTest {

    private static final Path IMAGES =
            Path.of(System.getProperty("hyperstrand.root", "..")).resolve("guest-abi/images");

    private static String image(String arch, String guest) {
        return IMAGES.resolve(arch).resolve(guest + ".elf").toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sparc64", "x86_64"})
    void helloTracesEveryHypercallByName(String arch) throws IOException {
        RunCommandTest.Run traced = RunCommandTest.run("--trace", image(arch, "hello"));
        assertEquals(0, traced.status(), traced.err());
        assertEquals(Files.readString(Path.of("src/test/resources/trace/hello-" + arch + ".trace")), traced.err());
        RunCommandTest.Run plain = RunCommandTest.run(image(arch, "hello"));
        assertEquals("", plain.err());
        assertEquals(plain.console(), traced.console());
    }

    @Test
    void theMmuGuestEndsWithWhatTheSparcBackendServedItself() {
        RunCommandTest.Run r = RunCommandTest.run("--trace", image("sparc64", "mmu"));
        assertEquals(0, r.status());
        List<String> lines = new ArrayList<>(r.err().lines().toList());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches(" *\\d+ primary cpu0  served by the backend: .*tsb hits [1-9].*"), last);
        assertTrue(lines.stream().anyMatch(l -> l.contains("mmu_map_addr(va=0x")), "the hyper-fast TLB loads");
    }
}
