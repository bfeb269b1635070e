package org.hyperstrand.spec.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedTreeTest {

    private static final List<GeneratedFile> FILES = List.of(new GeneratedFile("a.md", "one\ntwo\n"),
            new GeneratedFile("sub/b.md", "b\n"));

    private static GeneratedTree tree(Path dir) {
        return new GeneratedTree(dir, p -> p.endsWith(".md") && !p.equals("MINE.md"));
    }

    @Test
    void syncWritesOnlyWhatChangedAndRemovesStaleFilesItOwns(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("old.md"), "stale");
        Files.writeString(dir.resolve("MINE.md"), "hand-written");
        Files.writeString(dir.resolve("notes.txt"), "not ours");
        assertEquals(3, tree(dir).sync(FILES));
        assertEquals(0, tree(dir).sync(FILES));
        assertFalse(Files.exists(dir.resolve("old.md")));
        assertTrue(Files.exists(dir.resolve("MINE.md")));
        assertTrue(Files.exists(dir.resolve("notes.txt")));
        assertEquals("b\n", Files.readString(dir.resolve("sub/b.md")));
    }

    @Test
    void differencesNameEachProblem(@TempDir Path dir) throws IOException {
        assertEquals(List.of("missing: a.md", "missing: sub/b.md"), tree(dir).differences(FILES));
        tree(dir).sync(FILES);
        assertEquals(List.of(), tree(dir).differences(FILES));
        Files.writeString(dir.resolve("a.md"), "one\nTWO\n");
        Files.writeString(dir.resolve("gone.md"), "x");
        assertEquals(List.of("differs: a.md (line 2: present `TWO`, generated `two`)",
                "stale (no longer generated): gone.md"), tree(dir).differences(FILES));
    }
}
