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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The prebuilt guest images in {@code guest-abi/images/ARCH} (sparc64 and x86_64) let the
 * hypervisor's tests boot guests without a cross compiler. They must be exactly what the sources
 * build today: this test runs the guest-abi Makefile for each architecture into a scratch
 * directory and compares every image byte for byte. It also checks, with no tools at all, that
 * each committed image is the kind of ELF file that architecture's boot protocol accepts.
 */
class GuestImagesTest {

    private static final long LOAD_ADDRESS = 0x100000;
    private static final long DEFAULT_MEMORY = 64L << 20;
    /** x86_64: the hypervisor keeps the top 16 KiB of the domain's memory (GDT, page tables). */
    private static final long X86_RESERVED = 16L << 10;

    @TempDir
    Path scratch;

    /** Where guest-abi's generate-sources phase writes hyperstrand/hv_api.h. */
    static Path generatedHeaderDir() {
        Path dir = ExternalTools.guestAbi().resolve("target/generated-sources/c");
        assertTrue(Files.isRegularFile(dir.resolve("hyperstrand/hv_api.h")),
                "no generated header in " + dir + "; run `mvn -q generate-sources -pl guest-abi -am` first");
        return dir;
    }

    private static String refresh(GuestArch arch) {
        return "run `make -C guest-abi images ARCH=" + arch.dir + "` (after `mvn -q package -DskipTests`) "
                + "and commit guest-abi/images/" + arch.dir;
    }

    private static Path committedDir(GuestArch arch) {
        return ExternalTools.guestAbi().resolve("images/" + arch.dir);
    }

    private static List<Path> committedImages(GuestArch arch) throws IOException {
        try (Stream<Path> files = Files.list(committedDir(arch))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".elf")).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(GuestArch.class)
    void rebuiltImagesMatchTheCommittedOnes(GuestArch arch) throws IOException {
        ExternalTools.require(arch.gcc, arch.gccPackage);
        ExternalTools.require(ExternalTools.MAKE, "make");
        Path build = scratch.resolve("build");
        ExternalTools.Result make = ExternalTools.run(List.of(ExternalTools.MAKE, "-j4", arch.makeArch(), "all",
                "BUILD=" + build, "HV_API_H_DIR=" + generatedHeaderDir()), ExternalTools.guestAbi(),
                Duration.ofMinutes(3), Map.of());
        assertEquals(0, make.exitCode(), "make " + arch.makeArch() + ": " + make.describe());

        Path built = build.resolve("guests/" + arch.dir);
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(built)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".elf")).forEach(names::add);
        }
        committedImages(arch).forEach(p -> names.add(p.getFileName().toString()));

        List<String> problems = new ArrayList<>();
        for (String name : names) {
            Path fresh = built.resolve(name);
            Path committed = committedDir(arch).resolve(name);
            if (!Files.exists(fresh)) {
                problems.add(name + ": committed, but no source builds it any more");
            } else if (!Files.exists(committed)) {
                problems.add(name + ": built, but not committed");
            } else if (!Arrays.equals(Files.readAllBytes(fresh), Files.readAllBytes(committed))) {
                problems.add(name + ": differs from the fresh build");
            }
        }
        if (!problems.isEmpty()) {
            fail("guest-abi/images/" + arch.dir + " is out of date:\n  " + String.join("\n  ", problems) + "\n"
                    + toolchainNote(arch) + refresh(arch));
        }
    }

    /** Images built by another compiler version differ for that reason alone: say so. */
    private String toolchainNote(GuestArch arch) throws IOException {
        Path recorded = committedDir(arch).resolve("TOOLCHAIN");
        ExternalTools.Result version = ExternalTools.run(List.of(arch.gcc, "--version"), scratch,
                Duration.ofSeconds(30));
        String mine = version.stdoutText().lines().findFirst().orElse("?");
        String theirs = Files.isRegularFile(recorded) ? Files.readAllLines(recorded).get(0) : "unknown";
        return mine.equals(theirs) ? "" : "(the committed images were built with '" + theirs + "', this machine has '"
                + mine + "')\n";
    }

    @ParameterizedTest
    @EnumSource(GuestArch.class)
    void committedImagesFollowTheBootProtocol(GuestArch arch) throws IOException {
        List<Path> images = committedImages(arch);
        assertFalse(images.isEmpty(), "no images in " + committedDir(arch));
        for (String required : List.of("hello.elf", "badtrap.elf", "smp.elf")) {
            assertTrue(images.stream().anyMatch(p -> p.getFileName().toString().equals(required)),
                    arch.dir + ": " + required);
        }
        for (Path image : images) {
            checkElf(arch, arch.dir + "/" + image.getFileName(), Files.readAllBytes(image));
        }
    }

    private static void checkElf(GuestArch arch, String name, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(arch.order);
        assertTrue(bytes.length >= 64, name + ": too short for an ELF header");
        assertTrue(bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F', name + ": ELF magic");
        assertEquals(2, bytes[4], name + ": EI_CLASS must be ELFCLASS64");
        assertEquals(arch.order == ByteOrder.BIG_ENDIAN ? 2 : 1, bytes[5],
                name + ": EI_DATA must be " + (arch.order == ByteOrder.BIG_ENDIAN
                        ? "ELFDATA2MSB (big-endian)" : "ELFDATA2LSB (little-endian)"));
        assertEquals(1, bytes[6], name + ": EI_VERSION");
        assertEquals(2, b.getShort(16), name + ": e_type must be ET_EXEC");
        assertEquals(arch.machine, b.getShort(18), name + ": e_machine must be " + arch.machineName);
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        assertEquals(56, phentsize, name + ": e_phentsize");
        assertTrue(phnum > 0 && phoff + (long) phnum * phentsize <= bytes.length, name + ": program headers");
        long usable = arch == GuestArch.X86_64 ? DEFAULT_MEMORY - X86_RESERVED : DEFAULT_MEMORY;

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
            assertEquals(vaddr, paddr, seg + "p_vaddr must equal p_paddr (addresses are real addresses at boot)");
            assertTrue(paddr >= LOAD_ADDRESS, seg + "lies below 0x100000: 0x" + Long.toHexString(paddr));
            assertTrue(paddr + memsz <= usable, seg + "does not fit in 64 MiB of memory"
                    + (arch == GuestArch.X86_64 ? " less the hypervisor's 16 KiB" : ""));
            assertTrue(filesz <= memsz, seg + "p_filesz > p_memsz");
            assertTrue(filesz == 0 || offset + filesz <= bytes.length, seg + "runs past the end of the file");
            if ((flags & 1) != 0 && entry >= vaddr && entry < vaddr + filesz) {
                entryInCode = true;
            }
        }
        assertTrue(loads > 0, name + ": no PT_LOAD segment");
        assertTrue(entryInCode, name + ": e_entry 0x" + Long.toHexString(entry) + " is not in an executable segment");
        assertEquals(0, entry % arch.entryAlignment, name + ": e_entry is not instruction aligned");
    }
}
