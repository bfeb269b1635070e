package org.hyperstrand.spec.gen.java;

import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.gen.Generator;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;

/**
 * The Java side of the API for hv-core: constants, call signatures, one handler interface per
 * group and the dispatcher. The generated code refers to two hand-written runtime types in
 * {@code runtimePackage}: {@code HcallFrame} (argument and result registers of one call) and
 * {@code ApiVersions} (the group versions a guest negotiated).
 */
public final class JavaGenerator implements Generator {

    public static final String DEFAULT_PACKAGE = "org.hyperstrand.core.hcall.api";
    public static final String DEFAULT_RUNTIME_PACKAGE = "org.hyperstrand.core.hcall";

    private final String javaPackage;
    private final String runtimePackage;

    public JavaGenerator() {
        this(DEFAULT_PACKAGE, DEFAULT_RUNTIME_PACKAGE);
    }

    public JavaGenerator(String javaPackage, String runtimePackage) {
        this.javaPackage = javaPackage;
        this.runtimePackage = runtimePackage;
    }

    @Override
    public List<GeneratedFile> generate(ApiSpec spec) {
        List<GeneratedFile> files = new ArrayList<>();
        JavaConstantsWriter constants = new JavaConstantsWriter(javaPackage);
        files.add(file("HvErrors", constants.errors(spec)));
        files.add(file("HvConstants", constants.constants(spec)));
        files.add(file("HvApiGroups", constants.groups(spec)));
        files.add(file("HvCalls", constants.calls(spec)));
        files.add(file(JavaSignatureWriter.CLASS_NAME, new JavaSignatureWriter(javaPackage).signatures(spec)));
        JavaHandlerWriter handlers = new JavaHandlerWriter(javaPackage, runtimePackage);
        for (ApiGroup g : spec.groups()) {
            if (!g.calls().isEmpty()) {
                files.add(file(JavaHandlerWriter.interfaceName(g), handlers.handler(spec, g)));
                files.add(file(JavaHandlerWriter.forwardingName(g), handlers.forwarding(g)));
            }
        }
        files.add(file("HcallDispatcher", new JavaDispatcherWriter(javaPackage, runtimePackage).dispatcher(spec)));
        return files;
    }

    /** Every Java file in the generated package is ours: a group that goes loses its handler. */
    @Override
    public boolean owns(String path) {
        String dir = javaPackage.replace('.', '/') + "/";
        return path.startsWith(dir) && path.endsWith(".java") && path.indexOf('/', dir.length()) < 0;
    }

    private GeneratedFile file(String className, String content) {
        return new GeneratedFile(javaPackage.replace('.', '/') + "/" + className + ".java", content);
    }
}
