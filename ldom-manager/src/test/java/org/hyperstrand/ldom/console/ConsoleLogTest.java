package org.hyperstrand.ldom.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleLogTest {

    private static void print(ConsoleLog log, String text) {
        text.chars().forEach(log::write);
    }

    @Test
    void linesAreAppendedAsTheyEnd(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("console/ldg1.log");
        try (ConsoleLog log = ConsoleLog.open("ldg1", file)) {
            print(log, "first\nsec");
            assertEquals("first\n", Files.readString(file), "a line reaches the file when it ends");
        }
        try (ConsoleLog log = ConsoleLog.open("ldg1", file)) {
            print(log, "\nthird\n");
        }
        assertEquals("first\nsec\nthird\n", Files.readString(file), "a later run appends");
    }

    @Test
    void aFullDiskCostsTheLogItsOutputButNeverTheGuest() throws Exception {
        // /dev/full takes writes and fails every flush with ENOSPC
        try (ConsoleLog log = new ConsoleLog("ldg1", new java.io.BufferedOutputStream(
                new FileOutputStream("/dev/full")))) {
            print(log, "lost\n");
            assertEquals(5, log.lost(), "the line never reached the file");
            print(log, "and more\n");
            assertEquals(14, log.lost(), "counted, not written");
        }
    }
}
