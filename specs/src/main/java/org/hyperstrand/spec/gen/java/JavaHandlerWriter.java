package org.hyperstrand.spec.gen.java;

import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.spec.gen.Names;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.ErrorRef;
import org.hyperstrand.spec.model.Param;

/**
 * One interface per API group. Each call becomes a method taking the frame and the call's
 * arguments by name; results go into the frame, the status is the return value.
 */
final class JavaHandlerWriter {

    private final String javaPackage;
    private final String runtimePackage;

    JavaHandlerWriter(String javaPackage, String runtimePackage) {
        this.javaPackage = javaPackage;
        this.runtimePackage = runtimePackage;
    }

    static String interfaceName(ApiGroup g) {
        return Names.pascal(g.name()) + "Handler";
    }

    static String methodName(Call c) {
        return Names.camel(c.name());
    }

    /** Java parameter names for a call's arguments; "frame" is taken by the frame itself. */
    static List<String> paramNames(Call c) {
        List<String> names = new ArrayList<>();
        for (Param p : c.args()) {
            String n = Names.camel(p.name());
            names.add(n.equals("frame") ? "frameArg" : n);
        }
        return names;
    }

    String handler(ApiSpec spec, ApiGroup g) {
        JavaSource s = new JavaSource(javaPackage);
        s.line("import " + runtimePackage + ".HcallFrame;").blank();
        s.javadoc("Handlers for the calls of API group " + g.name() + " (" + Names.hex(g.id()) + ").",
                JavaSource.escape(g.doc()),
                "Each method returns the call's status (HvErrors) and stores results with "
                        + "{@code frame.setResult(n, value)}.");
        s.open("public interface " + interfaceName(g));
        for (Call c : g.calls()) {
            s.blank();
            handlerMethod(s, c);
        }
        s.close();
        return s.toString();
    }

    static String forwardingName(ApiGroup g) {
        return "Forwarding" + interfaceName(g);
    }

    /**
     * A handler that forwards every call to another: a backend extends it to answer the calls
     * of its own architecture and pass the rest on.
     */
    String forwarding(ApiGroup g) {
        JavaSource s = new JavaSource(javaPackage);
        s.line("import " + runtimePackage + ".HcallFrame;").blank();
        s.javadoc("Forwards every call of group " + g.name() + " to a delegate; override the calls you serve.");
        s.open("public abstract class " + forwardingName(g) + " implements " + interfaceName(g));
        s.line("protected final " + interfaceName(g) + " delegate;").blank();
        s.open("protected " + forwardingName(g) + "(" + interfaceName(g) + " delegate)");
        s.line("this.delegate = delegate;");
        s.close();
        for (Call c : g.calls()) {
            List<String> names = paramNames(c);
            s.blank().line("@Override");
            StringBuilder sig = new StringBuilder("public long " + methodName(c) + "(HcallFrame frame");
            StringBuilder call = new StringBuilder("return delegate." + methodName(c) + "(frame");
            for (String n : names) {
                sig.append(", long ").append(n);
                call.append(", ").append(n);
            }
            s.open(sig + ")").line(call + ");").close();
        }
        s.close();
        return s.toString();
    }

    private void handlerMethod(JavaSource s, Call c) {
        List<String> names = paramNames(c);
        s.line("/**");
        s.line(" * " + c.name() + " (" + c.kind().keyword() + " " + Names.hex(c.number()) + ", since "
                + c.lifecycle().since() + "): " + JavaSource.escape(JavaConstantsWriter.firstLine(c.doc())));
        s.line(" *");
        s.line(" * @param frame the caller's registers; results go here");
        for (int i = 0; i < c.args().size(); i++) {
            Param p = c.args().get(i);
            s.line(" * @param " + names.get(i) + " ARG" + i + " (" + p.type() + "): " + JavaSource.escape(p.doc()));
        }
        StringBuilder ret = new StringBuilder(" * @return the status");
        for (ErrorRef e : c.errors()) {
            ret.append("; ").append(e.code()).append(" if ").append(JavaSource.escape(e.condition()));
        }
        s.line(ret.toString());
        for (int i = 0; i < c.results().size(); i++) {
            Param r = c.results().get(i);
            s.line(" * <br>RET" + (i + 1) + " " + r.name() + " (" + r.type() + "): " + JavaSource.escape(r.doc()));
        }
        if (c.noReturn()) {
            s.line(" * <br>The call does not return to the guest when it succeeds.");
        }
        if (c.lifecycle().deprecated().isPresent()) {
            // deprecated for guests; the hypervisor still serves it, so no Java deprecation
            s.line(" * <br>Deprecated for guests since " + c.lifecycle().deprecated().get()
                    + c.lifecycle().deprecationNote().map(n -> ": " + JavaSource.escape(n)).orElse(""));
        }
        s.line(" */");
        StringBuilder sig = new StringBuilder("long " + methodName(c) + "(HcallFrame frame");
        names.forEach(n -> sig.append(", long ").append(n));
        s.line(sig + ");");
    }
}
