package org.hyperstrand.spec.gen.md;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hyperstrand.spec.SpecCompiler;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.gen.Goldens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MarkdownGeneratorTest {

    private static final Path SAMPLE = Path.of("src/test/resources/gen/sample.hvspec");
    private static final Path GOLDEN = Path.of("src/test/resources/gen/md");

    private static Map<String, String> files;

    @BeforeAll
    static void generateSample() throws IOException {
        SpecCompiler.Result result = SpecCompiler.compileFiles(List.of(SAMPLE));
        assertTrue(result.ok(), () -> "sample does not compile: " + result.diagnostics());
        files = byPath(new MarkdownGenerator().generate(result.spec()));
    }

    private static Map<String, String> byPath(List<GeneratedFile> generated) {
        return generated.stream().collect(Collectors.toMap(GeneratedFile::path, GeneratedFile::content,
                (a, b) -> {
                    throw new AssertionError("two files with one path");
                }, LinkedHashMap::new));
    }

    private static Map<String, String> generate(String specText) {
        SpecCompiler.Result result = SpecCompiler.compile(List.of(new SpecCompiler.Source("inline.hvspec", specText)));
        assertTrue(result.ok(), () -> "inline spec does not compile: " + result.diagnostics());
        return byPath(new MarkdownGenerator().generate(result.spec()));
    }

    @Test
    void outputMatchesGoldenFiles() throws IOException {
        SpecCompiler.Result result = SpecCompiler.compileFiles(List.of(SAMPLE));
        MarkdownGenerator generator = new MarkdownGenerator();
        Goldens.check(GOLDEN, generator::owns, generator.generate(result.spec()));
    }

    @Test
    void writesReadmeBindingsErrorsAndOnePagePerGroup() {
        assertEquals(List.of("README.md", "bindings.md", "errors.md", "group-core.md", "group-x86_timer.md"),
                List.copyOf(files.keySet()));
        files.keySet().forEach(name -> assertTrue(new MarkdownGenerator().owns(name), name));
        assertFalse(new MarkdownGenerator().owns("PORTING.md"));
    }

    @Test
    void everyFileIsTidyAndDeterministic() throws IOException {
        Map<String, String> again = byPath(new MarkdownGenerator()
                .generate(SpecCompiler.compileFiles(List.of(SAMPLE)).orThrow()));
        assertEquals(files, again);
        for (Map.Entry<String, String> e : files.entrySet()) {
            String text = e.getValue();
            assertTrue(text.endsWith("\n") && !text.endsWith("\n\n"), e.getKey() + " must end with one newline");
            assertFalse(text.contains("\n\n\n"), e.getKey() + " has a run of blank lines");
            text.lines().forEach(line -> assertEquals(line.stripTrailing(), line,
                    e.getKey() + " has trailing spaces: " + line));
            assertTablesAreRectangular(e.getKey(), text);
        }
    }

    @Test
    void everyLinkPointsAtAFileAndHeadingThatExist() {
        Map<String, Set<String>> anchors = new HashMap<>();
        files.forEach((name, text) -> anchors.put(name, text.lines().filter(l -> l.startsWith("#"))
                .map(l -> MdFormat.anchor(l.replaceFirst("^#+ ", ""))).collect(Collectors.toSet())));
        Pattern link = Pattern.compile("\\]\\(([^)]+)\\)");
        files.forEach((name, text) -> link.matcher(text).results().map(m -> m.group(1)).forEach(href -> {
            String file = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
            String target = file.isEmpty() ? name : file;
            assertTrue(anchors.containsKey(target), name + " links to a missing file: " + href);
            if (href.contains("#")) {
                assertTrue(anchors.get(target).contains(href.substring(href.indexOf('#') + 1)),
                        name + " links to a missing heading: " + href);
            }
        }));
    }

    /** Every row of a table has as many cells as its header: no unescaped | slipped into a cell. */
    private static void assertTablesAreRectangular(String file, String text) {
        int columns = -1;
        for (String line : text.lines().toList()) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            int cells = line.replace("\\|", "").split("\\|", -1).length - 2;
            if (columns < 0) {
                columns = cells;
            }
            assertEquals(columns, cells, file + ": row has the wrong number of cells: " + line);
        }
    }

    @Test
    void callBlockListsItsErrorsWithConditions() {
        String cpuPoke = block(files.get("group-core.md"), "### cpu_poke");
        assertAll(
                () -> assertTrue(cpuPoke.contains("| `ENOCPU` | 1 | cpu is not a CPU of this domain |"), cpuPoke),
                () -> assertTrue(cpuPoke.contains("| `EINVAL` | 6 | cpu is the caller |"), cpuPoke),
                () -> assertTrue(cpuPoke.contains("| Deprecated | in 1.1: poke is implied by cpu_mondo_send. |"),
                        cpuPoke));
    }

    @Test
    void callBlockShowsHowToReachTheCallOnEachArchitecture() {
        String cpuState = block(files.get("group-core.md"), "### cpu_state");
        assertAll(
                () -> assertTrue(cpuState.contains("| Trap (sparc64) | `ta 0x80` with `%o5` = 0x17 |"), cpuState),
                () -> assertTrue(cpuState.contains(
                        "| Trap (x86_64) | `vmmcall` with `%rax` = 0x80, `%rcx` = 0x17 |"), cpuState),
                () -> assertTrue(cpuState.contains(
                        "| ARG0 | `cpu` | [`cpuid`](README.md#types) | the CPU to ask about | `%o0` | `%rdi` |"), cpuState),
                () -> assertTrue(cpuState.contains("| status | | | 0 (`EOK`) on success, otherwise one of the "
                        + "errors below | `%o0` | `%rax` |"), cpuState),
                () -> assertTrue(cpuState.contains(
                        "| RET1 | `state` | [`u64`](README.md#types) | one of the cpu_state constants | `%o1` | `%rsi` |"), cpuState),
                () -> assertTrue(cpuState.contains("- A CPU in error stays in error until the domain restarts."),
                        cpuState));
    }

    @Test
    void hyperFastCallIsReachedByItsOwnTrapOnItsOnlyArchitecture() {
        String map = block(files.get("group-core.md"), "### mmu_map_addr");
        assertAll(
                () -> assertTrue(map.contains("| Trap number | 0x83 |"), map),
                () -> assertTrue(map.contains("| Trap (sparc64) | `ta 0x83` |"), map),
                () -> assertFalse(map.contains("x86_64"), map),
                () -> assertTrue(map.contains("| ARG3 | `flags` | [`flags`](README.md#types) | MMU_FLAGS | `%o3` |"), map));
    }

    @Test
    void noReturnCallSaysSo() {
        String exit = block(files.get("group-core.md"), "### mach_exit");
        assertTrue(exit.contains("**Does not return.**"), exit);
        assertFalse(exit.contains("**Results**"), exit);
    }

    @Test
    void registerTablesNameTheRightRegisters() {
        String bindings = files.get("bindings.md");
        assertAll(
                () -> assertTrue(bindings.contains("| Trap | `ta 0x80` | `vmmcall` with `%rax` = 0x80 |"), bindings),
                () -> assertTrue(bindings.contains("| Function number | `%o5` | `%rcx` |"), bindings),
                () -> assertTrue(bindings.contains("| ARG3 | `%o3` | `%r10` |"), bindings),
                () -> assertTrue(bindings.contains("| Status | `%o0` | `%rax` |"), bindings),
                () -> assertTrue(bindings.contains("| RET5 | `%o5` | `%r9` |"), bindings),
                () -> assertTrue(bindings.contains("| Trap | `ta 0xff` | `vmmcall` with `%rax` = 0xff |"), bindings),
                () -> assertTrue(bindings.contains("| Trap | `ta <number>`, where the call's number is the trap "
                        + "number | not available |"), bindings));
    }

    @Test
    void readmeIndexesEveryCallByGroupThenNumber() {
        String readme = files.get("README.md");
        List<String> order = List.of("api_set_version", "mach_exit", "cpu_poke", "cpu_state", "mmu_map_addr",
                "timer_set");
        int last = readme.indexOf("## All calls");
        for (String call : order) {
            int at = readme.indexOf("[`" + call + "`]", last);
            assertTrue(at > last, call + " is missing or out of order in the index");
            last = at;
        }
        assertTrue(readme.contains("| [core](group-core.md) | 0x0001 | 1.0, 1.1 | sparc64, x86_64 | 5 |"), readme);
    }

    @Test
    void errorsAreSortedByNumber() {
        String errors = files.get("errors.md");
        assertTrue(errors.indexOf("| 0 | `EOK` |") < errors.indexOf("| 1 | `ENOCPU` |"));
        assertTrue(errors.indexOf("| 6 | `EINVAL` |") < errors.indexOf("| 7 | `EBADTRAP` |"));
        assertTrue(errors.contains("| 7 | `EBADTRAP` | The function number is unknown or its group version is not "
                + "negotiated. | 1.0 | [core](group-core.md) |"), errors);
    }

    @Test
    void layoutShowsOffsetsSizesAndPadding() {
        String layout = block(files.get("group-core.md"), "### tsb_descr layout");
        assertAll(
                () -> assertTrue(layout.contains("Size 32 bytes, aligned to 8 bytes."), layout),
                () -> assertTrue(layout.contains("| 0x04 | 4 | `num_ttes` | [`u32`](README.md#types) | number of entries |"), layout),
                () -> assertTrue(layout.contains("| 0x08 | 8 | *(padding)* | | unused |"), layout),
                () -> assertTrue(layout.contains("| 0x18 | 8 | `resv` | [`u64`](README.md#types) | reserved, must be zero |"), layout));
    }

    @Test
    void removedCallKeepsItsNumberReserved() {
        Map<String, String> out = generate(BINDING + """
                /** A test group. */
                group g id 0x10 versions 1.0, 2.0 arch sparc64 {
                    error EOK = 0 since 1.0 "success";
                    /** Was never a good idea. */
                    call old_call fast 0x21 since 1.0 removed 2.0 {
                        arg a u64 "an argument";
                    }
                    /** Its replacement. */
                    call new_call fast 0x22 since 2.0 {
                    }
                }
                """);
        String old = block(out.get("group-g.md"), "### old_call");
        assertTrue(old.contains("**Removed in version 2.0** (added in 1.0). Its fast trap function number 0x21 "
                + "stays reserved and is never given to another call."), old);
        assertFalse(old.contains("Arguments"), old);
        assertTrue(out.get("README.md").contains("| [g](group-g.md) | 0x0010 | 1.0, 2.0 | sparc64 | 1 (and 1 removed) |"));
        assertTrue(out.get("README.md").contains("| 1.0 (removed in 2.0) |"));
    }

    @Test
    void specTextIsEscapedForTablesAndHtml() {
        Map<String, String> out = generate(BINDING + """
                /** A test group. */
                group g id 0x10 versions 1.0 arch sparc64 {
                    /** Returns <count> entries. */
                    call pick fast 0x01 since 1.0 {
                        arg how flags "A | B, or `x|y`";
                    }
                    /** How to pick. */
                    constants pick_flags since 1.0 {
                        PICK_A = 1 "a";
                        PICK_B = 2 "b";
                        PICK_BIG = 0x40 "big";
                        PICK_NEG = -1 "minus one";
                    }
                }
                """);
        String page = out.get("group-g.md");
        assertAll(
                () -> assertTrue(page.contains("Returns &lt;count> entries."), page),
                () -> assertTrue(page.contains("| A \\| B, or `x\\|y` |"), page),
                () -> assertTrue(page.contains("| `PICK_A` | 0x01 | a | 1.0 |"), page),
                () -> assertTrue(page.contains("| `PICK_BIG` | 0x40 | big | 1.0 |"), page),
                () -> assertTrue(page.contains("| `PICK_NEG` | -1 | minus one | 1.0 |"), page));
    }

    @Test
    void smallConstantsAreDecimalAndLargeOnesHex() {
        String constants = block(files.get("group-core.md"), "### cpu_state constants");
        assertTrue(constants.contains("| `CPU_STATE_ERROR` | 3 | in error | 1.1 |"), constants);
        assertEquals("0x10", MdDataBlocks.value(16, false));
        assertEquals("15", MdDataBlocks.value(15, false));
    }

    private static final String BINDING = """
            /** Test binding. */
            binding sparc64 {
                instruction "ta";
                fast { trap 0x80; function %o5; args %o0, %o1; status %o0; results %o1; }
            }
            """;

    /** The text of one heading's block: up to the next heading of the same or a higher level. */
    private static String block(String page, String heading) {
        int start = page.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, () -> "no " + heading + " in\n" + page);
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        Function<String, Integer> next = h -> {
            int at = page.indexOf("\n" + h, start + heading.length() + 1);
            return at < 0 ? page.length() : at;
        };
        int end = page.length();
        for (String h = level; h.length() > 1; h = h.substring(1)) {
            end = Math.min(end, next.apply(h));
        }
        return page.substring(start + 1, end);
    }
}
