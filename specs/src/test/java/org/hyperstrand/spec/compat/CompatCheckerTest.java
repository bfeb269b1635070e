package org.hyperstrand.spec.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyperstrand.spec.SpecCompiler;
import org.hyperstrand.spec.model.ApiSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each kind of breaking change, made to the sample spec one at a time, must be reported with
 * exactly one breaking message; a proper minor addition must pass.
 */
class CompatCheckerTest {

    private static String base;

    @BeforeAll
    static void load() throws IOException {
        base = Files.readString(Path.of("src/test/resources/gen/sample.hvspec"));
    }

    private static ApiSpec compile(String text) {
        return SpecCompiler.compile(List.of(new SpecCompiler.Source("new.hvspec", text))).orThrow();
    }

    private static List<String> breaking(String changed) {
        return CompatChecker.compare(compile(base), compile(changed)).stream().filter(Change::breaking)
                .map(c -> c.message()).toList();
    }

    private static String edit(String from, String to) {
        assertTrue(base.contains(from), "sample spec no longer contains: " + from);
        return base.replace(from, to);
    }

    @Test
    void identicalSpecsAreCompatible() {
        assertEquals(List.of(), CompatChecker.compare(compile(base), compile(base)));
    }

    @Test
    void deletingACallBreaks() {
        String changed = edit("""
                    /** Report the state of a CPU. */
                    call cpu_state fast 0x17 since 1.0 {
                        arg cpu cpuid "the CPU to ask about";
                        ret state u64 "one of the cpu_state constants";
                        error ENOCPU "cpu is not a CPU of this domain";
                        note "A CPU in error stays in error until the domain restarts.";
                    }
                """, "");
        assertEquals(List.of("call cpu_state was deleted; mark it removed instead, so its number stays reserved"),
                breaking(changed));
    }

    @Test
    void removingACallFromAPublishedMajorVersionBreaks() {
        String published = edit("versions 1.0, 1.1 arch", "versions 1.0, 1.1, 2.0 arch");
        String changed = published.replace("call cpu_state fast 0x17 since 1.0 {",
                "call cpu_state fast 0x17 since 1.0 removed 2.0 {");
        List<String> found = CompatChecker.compare(compile(published), compile(changed)).stream()
                .filter(Change::breaking).map(Change::message).toList();
        assertEquals(List.of("call cpu_state is removed without a major version bump of group core"), found);
    }

    @Test
    void removingACallInANewMajorVersionIsCompatible() {
        String changed = edit("versions 1.0, 1.1 arch", "versions 1.0, 1.1, 2.0 arch")
                .replace("call cpu_state fast 0x17 since 1.0 {", "call cpu_state fast 0x17 since 1.0 removed 2.0 {");
        assertEquals(List.of(), breaking(changed));
    }

    @Test
    void deletingAnErrorCodeBreaks() {
        String changed = edit("    error ENOCPU = 1 since 1.0 \"bad CPU id\";\n", "")
                .replace("        error ENOCPU \"cpu is not a CPU of this domain\";\n", "");
        assertEquals(List.of("error code ENOCPU was deleted; mark it removed instead"), breaking(changed));
    }

    @Test
    void changingACallNumberBreaks() {
        assertEquals(List.of("call cpu_state changed from fast 0x17 to fast 0x18"),
                breaking(edit("call cpu_state fast 0x17", "call cpu_state fast 0x18")));
    }

    @Test
    void reusingANumberBreaks() {
        String changed = edit("call cpu_state fast 0x17", "call cpu_status fast 0x17");
        assertEquals(List.of(
                "call cpu_state was deleted; mark it removed instead, so its number stays reserved",
                "call cpu_status reuses fast number 0x17 of call cpu_state"), breaking(changed));
    }

    @Test
    void addingAnArgumentBreaks() {
        String changed = edit("arg cpu cpuid \"the CPU to ask about\";",
                "arg cpu cpuid \"the CPU to ask about\";\n        arg flags u64 \"new\";");
        assertEquals(List.of("call cpu_state: argument flags was added; add a new call instead"), breaking(changed));
    }

    @Test
    void removingAnArgumentBreaks() {
        String changed = edit("        arg cpu cpuid \"the CPU to ask about\";\n", "");
        assertEquals(List.of("call cpu_state: argument cpu was removed"), breaking(changed));
    }

    @Test
    void movingALayoutFieldBreaks() {
        String changed = edit("field resv      u64 at 0x18", "field resv      u64 at 0x08");
        assertEquals(List.of("layout tsb_descr: field resv moved from offset 0x18 to 0x8"), breaking(changed));
    }

    @Test
    void changingAConstantBreaks() {
        assertEquals(List.of("constant CPU_STATE_ERROR changed its value from 3 to 4"),
                breaking(edit("CPU_STATE_ERROR   = 3", "CPU_STATE_ERROR   = 4")));
    }

    @Test
    void changingBindingRegistersBreaks() {
        assertEquals(List.of("the fast convention of binding x86_64 changed its trap or registers"),
                breaking(edit("trap 0x80 in %rax; function %rcx;", "trap 0x80 in %rax; function %rbx;")));
    }

    @Test
    void addingToAPublishedVersionBreaks() {
        String changed = edit("    /** Wake a CPU sitting in cpu_yield. */", """
                    /** Late addition. */
                    call cpu_extra fast 0x30 since 1.1 { }

                    /** Wake a CPU sitting in cpu_yield. */""");
        assertEquals(List.of("call cpu_extra is added to core 1.1, a version already published; additions need "
                + "a new version (after 1.1)"), breaking(changed));
    }

    @Test
    void aMinorAdditionIsCompatible() {
        String changed = edit("versions 1.0, 1.1 arch", "versions 1.0, 1.1, 1.2 arch").replace(
                "    /** Wake a CPU sitting in cpu_yield. */", """
                    /** A new call in a new minor version. */
                    call cpu_extra fast 0x30 since 1.2 {
                        arg cpu cpuid "the CPU";
                        error ENOCPU "no such CPU";
                    }

                    /** Wake a CPU sitting in cpu_yield. */""");
        List<Change> changes = CompatChecker.compare(compile(base), compile(changed));
        assertEquals(List.of("call cpu_extra added in core 1.2"),
                changes.stream().map(Change::message).toList());
        assertTrue(changes.stream().noneMatch(Change::breaking));
    }
}
