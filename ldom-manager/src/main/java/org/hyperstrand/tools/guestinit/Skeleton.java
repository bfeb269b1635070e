package org.hyperstrand.tools.guestinit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a new guest for one architecture, by their path in the guest's directory: the
 * guest runtime's portable part and that architecture's part under {@code runtime/}, the generated
 * hypercall header beside the runtime's headers, and the skeleton's Makefile, main.c and README.md
 * with the architecture filled in.
 */
final class Skeleton {

    static final String RUNTIME = "runtime/";
    static final String INCLUDE = RUNTIME + "include/";
    /** The files made from templates (the rest are copied as they are). */
    static final List<String> TEMPLATES = List.of("Makefile", "main.c", "README.md");

    private Skeleton() {
    }

    static SortedMap<String, byte[]> files(SkeletonArch arch) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<String> wanted = List.of("include/", "libhv/", arch.runtimeDir + "/");
        for (Map.Entry<String, byte[]> f : PackagedFiles.under("runtime").entrySet()) {
            if (wanted.stream().anyMatch(f.getKey()::startsWith)) {
                files.put(RUNTIME + f.getKey(), f.getValue());
            }
        }
        files.put(INCLUDE + ApiHeader.PATH, ApiHeader.generate().getBytes(StandardCharsets.UTF_8));
        for (String name : TEMPLATES) {
            files.put(name, fill(PackagedFiles.text("skeleton/" + name), arch).getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static String fill(String template, SkeletonArch arch) {
        return template.replace("@ARCH@", arch.runtimeDir)
                .replace("@OPTION@", arch.option)
                .replace("@CROSS@", arch.crossPrefix)
                .replace("@COMPILER@", arch.compiler())
                .replace("@PACKAGE@", arch.compilerPackage)
                .replace("@EXTRA_HEADER@", arch.extraHeaders);
    }
}
