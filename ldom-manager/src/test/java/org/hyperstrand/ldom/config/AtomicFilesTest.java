package org.hyperstrand.ldom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aWriteReplacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("ldg1.yaml");
        AtomicFiles.write(f, "one\n".getBytes());
        AtomicFiles.write(f, "two\n".getBytes());
        assertEquals("two\n", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFile() throws IOException {
        Path f = dir.resolve("ldg1.yaml");
        AtomicFiles.write(f, "one\n".getBytes());
        Files.createDirectory(dir.resolve(".ldg1.yaml" + AtomicFiles.TEMP_SUFFIX)); // the temporary file cannot be made
        assertThrows(IOException.class, () -> AtomicFiles.write(f, "two\n".getBytes()));
        assertEquals("one\n", Files.readString(f));
    }

    @Test
    void aTemporaryFileLeftByACrashIsNotADomain() throws Exception {
        ConfigStore store = new ConfigStore(dir);
        Files.writeString(dir.resolve(".ldg1.yaml" + AtomicFiles.TEMP_SUFFIX), "version: 1\nname: ld");
        assertEquals(List.of(), store.loadAll());
    }
}
