package org.hyperstrand.spec.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.Constant;
import org.hyperstrand.spec.model.Convention;
import org.hyperstrand.spec.model.SourceLocation;
import org.hyperstrand.spec.model.Version;
import org.junit.jupiter.api.Test;

/** What the parser puts in the model: values, docs and source locations. */
class SpecParserTest {

    private static final String TEXT = """
            /**
             * First paragraph,
             *   continued.
             *
             * Second paragraph.
             */
            group core id 0x0001 versions 1.0, 1.1 arch sparc64 {
                /** Stop. */
                call mach_exit fast 0x00 since 1.0 deprecated 1.1 "use api_exit" {
                    arg code u64 "exit \\"status\\"";
                    noreturn;
                    note "one";
                    note "two";
                }
                /** c */
                constants c since 1.0 {
                    NEG = -2 "minus two";
                    ALL = 0xffffffffffffffff since 1.1 "all ones";
                }
            }
            /** b */
            binding x86_64 {
                instruction "vmmcall";
                fast { trap 0x80 in %rax; function %rcx; args %rdi, %rsi; status %rax; results %rsi; }
                hyperfast { trap per call; args %rdi; status %rax; results %rsi; }
            }
            """;

    private final ParsedFile parsed = SpecParser.parse("t.hvspec", TEXT);

    @Test
    void docCommentsBecomeParagraphs() {
        ApiGroup g = parsed.groups().get(0);
        assertEquals("First paragraph, continued.\n\nSecond paragraph.", g.doc());
        assertEquals(new SourceLocation("t.hvspec", 7, 7), g.location());
    }

    @Test
    void callsCarryTheirLifecycleAndItems() {
        Call c = parsed.groups().get(0).calls().get(0);
        assertEquals("mach_exit", c.name());
        assertEquals(CallKind.FAST, c.kind());
        assertEquals(new Version(1, 0), c.lifecycle().since());
        assertEquals(Optional.of(new Version(1, 1)), c.lifecycle().deprecated());
        assertEquals(Optional.of("use api_exit"), c.lifecycle().deprecationNote());
        assertEquals("exit \"status\"", c.args().get(0).doc());
        assertTrue(c.noReturn());
        assertEquals(List.of("one", "two"), c.notes());
    }

    @Test
    void constantsKeepSignAndFullWidth() {
        List<Constant> cs = parsed.groups().get(0).constants().get(0).constants();
        assertEquals(-2, cs.get(0).value());
        assertEquals(new Version(1, 0), cs.get(0).since());
        assertEquals(-1L, cs.get(1).value());
        assertEquals(new Version(1, 1), cs.get(1).since());
    }

    @Test
    void conventionsNameTheirRegisters() {
        Convention fast = parsed.bindings().get(0).convention(CallKind.FAST).orElseThrow();
        assertEquals(Optional.of(0x80L), fast.trapNumber());
        assertEquals(Optional.of("rax"), fast.trapRegister());
        assertEquals(List.of("rdi", "rsi"), fast.args());
        Convention hyper = parsed.bindings().get(0).convention(CallKind.HYPERFAST).orElseThrow();
        assertEquals(Optional.empty(), hyper.trapNumber());
    }

    @Test
    void aSyntaxErrorStopsAtTheFirstError() {
        SpecSyntaxException e = assertThrows(SpecSyntaxException.class,
                () -> SpecParser.parse("x.hvspec", "group core id 1 versions 1.0 { call }\ngarbage"));
        assertEquals("x.hvspec:1:37: error: unexpected '}', expected a name", e.getMessage());
    }

    @Test
    void emptyInputIsAnEmptySpec() {
        ParsedFile empty = SpecParser.parse("e.hvspec", "  // nothing here\n");
        assertEquals(List.of(), empty.groups());
        assertEquals(List.of(), empty.bindings());
    }

    @Test
    void aLoneDocCommentIsReported() {
        SpecSyntaxException e = assertThrows(SpecSyntaxException.class,
                () -> SpecParser.parse("d.hvspec", "/** orphan */\n"));
        assertEquals("d.hvspec:2:1: error: unexpected end of file, expected one of 'group' or 'binding'",
                e.getMessage());
    }
}
