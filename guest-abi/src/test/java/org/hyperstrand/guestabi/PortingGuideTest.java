package org.hyperstrand.guestabi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every C fragment in docs/PORTING.md compiles, with -Werror, against the runtime's headers and
 * the generated hv_api.h, using the compiler and flags guest-abi/Makefile builds guests with. A
 * fragment fenced as {@code ```c} is compiled for both architectures; {@code ```c sparc64} or
 * {@code ```c x86_64} marks one that uses what only that architecture has (hv/x86_64.h, the TSB
 * calls), compiled for that one.
 */
class PortingGuideTest {

    private static final String FENCE = "```";

    @TempDir
    Path scratch;

    /** One ```c block: where it starts in the guide, the architecture it is for (null: both), its text. */
    record Fragment(int line, String onlyFor, String code) {
    }

    static List<Fragment> fragments(String guide) {
        List<Fragment> fragments = new ArrayList<>();
        String[] lines = guide.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String info = lines[i].strip();
            if (!info.startsWith(FENCE + "c") || !(info.length() == 4 || info.charAt(4) == ' ')) {
                continue;
            }
            String onlyFor = info.length() == 4 ? null : info.substring(5).strip();
            int start = i + 1;
            int end = start;
            while (end < lines.length && !lines[end].strip().equals(FENCE)) {
                end++;
            }
            assertTrue(end < lines.length, "the fragment at line " + (i + 1) + " has no closing fence");
            fragments.add(new Fragment(i + 1, onlyFor,
                    String.join("\n", Arrays.asList(lines).subList(start, end)) + "\n"));
            i = end;
        }
        return fragments;
    }

    private static List<Fragment> guideFragments() throws IOException {
        return fragments(Files.readString(ExternalTools.guestAbi().resolve("docs/PORTING.md")));
    }

    @Test
    void theGuideHasFragmentsAndNamesOnlyKnownArchitectures() throws IOException {
        List<Fragment> fragments = guideFragments();
        List<String> arches = Arrays.stream(GuestArch.values()).map(a -> a.dir).toList();
        assertFalse(fragments.isEmpty(), "no ```c fragments in PORTING.md");
        for (Fragment f : fragments) {
            assertTrue(f.onlyFor() == null || arches.contains(f.onlyFor()),
                    "PORTING.md line " + f.line() + ": ```c " + f.onlyFor() + " names no architecture of " + arches);
        }
        for (String arch : arches) {
            assertTrue(fragments.stream().anyMatch(f -> f.onlyFor() == null || f.onlyFor().equals(arch)),
                    "no fragment is compiled for " + arch);
        }
    }

    @Test
    void fragmentsAreFoundWithTheirArchitecture() {
        String guide = "text\n```c\nint a;\n```\n```sh\nmake\n```\n```c x86_64\nint b;\n```\n";
        assertEquals(List.of(new Fragment(2, null, "int a;\n"), new Fragment(8, "x86_64", "int b;\n")),
                fragments(guide));
    }

    @ParameterizedTest
    @EnumSource(GuestArch.class)
    void everyFragmentCompiles(GuestArch arch) throws IOException {
        ExternalTools.require(arch.gcc, arch.gccPackage);
        ExternalTools.require(ExternalTools.MAKE, "make");
        List<String> compile = compileCommand(arch);
        List<String> failures = new ArrayList<>();
        for (Fragment f : guideFragments()) {
            if (f.onlyFor() != null && !f.onlyFor().equals(arch.dir)) {
                continue;
            }
            Path source = scratch.resolve("porting-" + f.line() + ".c");
            Files.writeString(source, f.code());
            List<String> command = new ArrayList<>(compile);
            command.addAll(List.of("-Werror", "-c", source.toString(), "-o", scratch.resolve("porting-" + f.line()
                    + "-" + arch.dir + ".o").toString()));
            ExternalTools.Result r = ExternalTools.run(command, ExternalTools.guestAbi(), Duration.ofSeconds(60));
            if (r.exitCode() != 0) {
                failures.add("PORTING.md line " + f.line() + ": " + r.describe());
            }
        }
        assertTrue(failures.isEmpty(), arch.dir + ":\n" + String.join("\n", failures));
    }

    /** The compiler and flags guest-abi/Makefile compiles a guest's C file with, asked from make itself. */
    private List<String> compileCommand(GuestArch arch) throws IOException {
        ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.MAKE, "-s", arch.makeArch(),
                "HV_API_H_DIR=" + GuestImagesTest.generatedHeaderDir(),
                "--eval", "print-compile-command: ; @echo $(CC) $(CPPFLAGS) $(ARCHFLAGS) $(CFLAGS)",
                "print-compile-command"), ExternalTools.guestAbi(), Duration.ofSeconds(60), Map.of());
        assertEquals(0, r.exitCode(), "make print-compile-command: " + r.describe());
        return List.of(r.stdoutText().strip().split("\\s+"));
    }
}
