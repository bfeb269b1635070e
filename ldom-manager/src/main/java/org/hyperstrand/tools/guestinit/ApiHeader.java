package org.hyperstrand.tools.guestinit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hyperstrand.spec.SpecCompiler;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.gen.Language;
import org.hyperstrand.spec.gen.c.CHeaderGenerator;

/**
 * hyperstrand/hv_api.h for a skeleton guest, generated from the hypercall spec packaged with this
 * hv, by the same C generator the guest-abi build runs: the skeleton speaks exactly the API of the
 * hypervisor it came with.
 */
final class ApiHeader {

    /** Where the header goes below the include directory. */
    static final String PATH = CHeaderGenerator.PATH;

    private ApiHeader() {
    }

    static String generate() throws IOException {
        List<SpecCompiler.Source> sources = PackagedFiles.under("hypercalls").entrySet().stream()
                .filter(e -> e.getKey().endsWith(".hvspec"))
                .map(ApiHeader::source)
                .toList();
        if (sources.isEmpty()) {
            throw new IOException("this hv was built without the hypercall spec; rebuild it with mvn package");
        }
        var spec = SpecCompiler.compile(sources).orThrow();
        return Language.C.generator().generate(spec).stream()
                .filter(f -> f.path().equals(PATH))
                .map(GeneratedFile::content)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the C generator wrote no " + PATH));
    }

    private static SpecCompiler.Source source(Map.Entry<String, byte[]> file) {
        return new SpecCompiler.Source("specs/hypercalls/" + file.getKey(),
                new String(file.getValue(), StandardCharsets.UTF_8));
    }
}
