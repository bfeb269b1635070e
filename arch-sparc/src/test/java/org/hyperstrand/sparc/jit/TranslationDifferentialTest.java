package org.hyperstrand.sparc.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every prebuilt sparc64 guest image (the sample guests, the conformance corpus and the
 * benchmark guest) runs with the translation tier off, on with its default threshold, and on
 * translating every block start at its first entry; the three runs must agree on the console,
 * how the domain ended, the instructions retired per CPU and every CPU's full final state.
 */
class TranslationDifferentialTest {

    /** Guests with several CPUs, so that scheduling at quantum boundaries is compared too. */
    private static final List<String> SMP = List.of("smp");
    private static final long MAX_INSTRUCTIONS = 400_000_000L;

    @TestFactory
    Stream<DynamicTest> everyImageRunsTheSameWithAndWithoutTranslation() throws IOException {
        List<Path> images;
        try (Stream<Path> list = Files.list(GuestRun.IMAGES)) {
            images = list.filter(p -> p.toString().endsWith(".elf")).sorted().toList();
        }
        assertTrue(images.size() >= 10, "expected the committed images in " + GuestRun.IMAGES);
        return images.stream().map(image -> DynamicTest.dynamicTest(image.getFileName().toString(), () -> {
            String name = image.getFileName().toString().replace(".elf", "");
            int vcpus = SMP.contains(name) ? 4 : 1;
            GuestRun off = GuestRun.of(image, vcpus, TranslationConfig.OFF, MAX_INSTRUCTIONS);
            GuestRun on = GuestRun.of(image, vcpus, new TranslationConfig(true, TranslationConfig.DEFAULT_THRESHOLD,
                    TranslationConfig.DEFAULT_MAX_INSTRUCTIONS), MAX_INSTRUCTIONS);
            GuestRun eager = GuestRun.of(image, vcpus, TranslationConfig.eager(), MAX_INSTRUCTIONS);
            assertSame(off, on, name + " (threshold " + TranslationConfig.DEFAULT_THRESHOLD + ")");
            assertSame(off, eager, name + " (eager)");
            assertTrue(eager.translated() > 0, name + ": no block was translated");
        }));
    }

    private static void assertSame(GuestRun expected, GuestRun actual, String what) {
        assertEquals(0, actual.failures(), what + ": translator errors");
        assertEquals(expected.console(), actual.console(), what + ": console");
        assertEquals(expected.state(), actual.state(), what + ": domain state");
        assertEquals(expected.exitStatus(), actual.exitStatus(), what + ": exit status");
        assertEquals(expected.retired(), actual.retired(), what + ": instructions retired");
        assertEquals(expected.retiredPerCpu(), actual.retiredPerCpu(), what + ": instructions per CPU");
        for (int i = 0; i < expected.reports().size(); i++) {
            assertEquals(expected.reports().get(i), actual.reports().get(i), what + ": state of cpu " + i);
        }
    }
}
