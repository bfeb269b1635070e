package org.hyperstrand.guestabi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prebuilt guest images in {@code guest-abi/images/sparc64} let the hypervisor's tests boot
 * guests without a cross compiler. They must be exactly what the sources build today: this test
 * runs the guest-abi Makefile into a scratch directory and compares every image byte for byte.
 * It also checks, with no tools at all, that each committed image is the kind of ELF file the
 * sparc64 boot protocol accepts.
 */
class GuestImagesTest {

    private static final String REFRESH = "run `make -C guest-abi images` (after `mvn -q package -DskipTests`) "
            + "and commit guest-abi/images/sparc64";
    private static final long LOAD_ADDRESS = 0x100000;
    private static final long DEFAULT_MEMORY = 64L << 20;

    @TempDir
    Path scratch;

    /** Where guest-abi's generate-sources phase writes hyperstrand/hv_api.h. */
    static Path generatedHeaderDir() {
        Path dir = ExternalTools.guestAbi().resolve("target/generated-sources/c");
        assertTrue(Files.isRegularFile(dir.resolve("hyperstrand/hv_api.h")),
                "no generated header in " + dir + "; run `mvn -q generate-sources -pl guest-abi -am` first");
        return dir;
    }

    private static Path committedDir() {
        return ExternalTools.guestAbi().resolve("images/sparc64");
    }

    private static List<Path> committedImages() throws IOException {
        try (Stream<Path> files = Files.list(committedDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".elf")).sorted().toList();
        }
    }

    @Test
    void rebuiltImagesMatchTheCommittedOnes() throws IOException {
        ExternalTools.require(ExternalTools.CROSS_GCC, "gcc-sparc64-linux-gnu");
        ExternalTools.require(ExternalTools.MAKE, "make");
        Path build = scratch.resolve("build");
        ExternalTools.Result make = ExternalTools.run(List.of(ExternalTools.MAKE, "-j4", "all", "BUILD=" + build,
                "HV_API_H_DIR=" + generatedHeaderDir()), ExternalTools.guestAbi(), Duration.ofMinutes(3), Map.of());
        assertEquals(0, make.exitCode(), "make: " + make.describe());

        Path built = build.resolve("guests/sparc64");
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(built)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".elf")).forEach(names::add);
        }
        committedImages().forEach(p -> names.add(p.getFileName().toString()));

        List<String> problems = new ArrayList<>();
        for (String name : names) {
            Path fresh = built.resolve(name);
            Path committed = committedDir().resolve(name);
            if (!Files.exists(fresh)) {
                problems.add(name + ": committed, but no source builds it any more");
            } else if (!Files.exists(committed)) {
                problems.add(name + ": built, but not committed");
            } else if (!Arrays.equals(Files.readAllBytes(fresh), Files.readAllBytes(committed))) {
                problems.add(name + ": differs from the fresh build");
            }
        }
        if (!problems.isEmpty()) {
            fail("guest-abi/images/sparc64 is out of date:\n  " + String.join("\n  ", problems) + "\n"
                    + toolchainNote() + REFRESH);
        }
    }

    /** Images built by another compiler version differ for that reason alone: say so. */
    private String toolchainNote() throws IOException {
        Path recorded = committedDir().resolve("TOOLCHAIN");
        ExternalTools.Result version = ExternalTools.run(List.of(ExternalTools.CROSS_GCC, "--version"), scratch,
                Duration.ofSeconds(30));
        String mine = version.stdoutText().lines().findFirst().orElse("?");
        String theirs = Files.isRegularFile(recorded) ? Files.readAllLines(recorded).get(0) : "unknown";
        return mine.equals(theirs) ? "" : "(the committed images were built with '" + theirs + "', this machine has '"
                + mine + "')\n";
    }

    @Test
    void committedImagesFollowTheBootProtocol() throws IOException {
        List<Path> images = committedImages();
        assertFalse(images.isEmpty(), "no images in " + committedDir());
        assertTrue(images.stream().anyMatch(p -> p.getFileName().toString().equals("hello.elf")), "hello.elf");
        for (Path image : images) {
            checkElf(image.getFileName().toString(), Files.readAllBytes(image));
        }
    }

    private static void checkElf(String name, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        assertTrue(bytes.length >= 64, name + ": too short for an ELF header");
        assertEquals(0x7f454c46, b.getInt(0), name + ": ELF magic");
        assertEquals(2, bytes[4], name + ": EI_CLASS must be ELFCLASS64");
        assertEquals(2, bytes[5], name + ": EI_DATA must be ELFDATA2MSB (big-endian)");
        assertEquals(1, bytes[6], name + ": EI_VERSION");
        assertEquals(2, b.getShort(16), name + ": e_type must be ET_EXEC");
        assertEquals(43, b.getShort(18), name + ": e_machine must be EM_SPARCV9");
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        assertEquals(56, phentsize, name + ": e_phentsize");
        assertTrue(phnum > 0 && phoff + (long) phnum * phentsize <= bytes.length, name + ": program headers");

        boolean entryInCode = false;
        int loads = 0;
        for (int i = 0; i < phnum; i++) {
            int at = (int) phoff + i * phentsize;
            if (b.getInt(at) != 1) { // PT_LOAD
                continue;
            }
            loads++;
            int flags = b.getInt(at + 4);
            long offset = b.getLong(at + 8);
            long vaddr = b.getLong(at + 16);
            long paddr = b.getLong(at + 24);
            long filesz = b.getLong(at + 32);
            long memsz = b.getLong(at + 40);
            String seg = name + ": PT_LOAD #" + i + " ";
            assertEquals(vaddr, paddr, seg + "p_vaddr must equal p_paddr (the MMU is off at boot)");
            assertTrue(paddr >= LOAD_ADDRESS, seg + "lies below 0x100000: 0x" + Long.toHexString(paddr));
            assertTrue(paddr + memsz <= DEFAULT_MEMORY, seg + "does not fit in 64 MiB of memory");
            assertTrue(filesz <= memsz, seg + "p_filesz > p_memsz");
            assertTrue(filesz == 0 || offset + filesz <= bytes.length, seg + "runs past the end of the file");
            if ((flags & 1) != 0 && entry >= vaddr && entry < vaddr + filesz) {
                entryInCode = true;
            }
        }
        assertTrue(loads > 0, name + ": no PT_LOAD segment");
        assertTrue(entryInCode, name + ": e_entry 0x" + Long.toHexString(entry) + " is not in an executable segment");
        assertEquals(0, entry & 3, name + ": e_entry is not instruction aligned");
    }
}
