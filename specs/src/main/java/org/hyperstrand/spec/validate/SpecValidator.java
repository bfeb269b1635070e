package org.hyperstrand.spec.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.Constant;
import org.hyperstrand.spec.model.ConstantSet;
import org.hyperstrand.spec.model.Convention;
import org.hyperstrand.spec.model.ErrorCode;
import org.hyperstrand.spec.model.ErrorRef;
import org.hyperstrand.spec.model.Lifecycle;
import org.hyperstrand.spec.model.Param;
import org.hyperstrand.spec.model.SourceLocation;

/**
 * Checks a whole spec and collects every semantic error, so one run shows them all. Calls,
 * error codes, layouts and constants share one namespace each across all groups, because the
 * generated C and Java names are global.
 */
public final class SpecValidator {

    private final ApiSpec spec;
    private final List<Diagnostic> out = new ArrayList<>();
    private final Set<String> bindingNames = new HashSet<>();

    public SpecValidator(ApiSpec spec) {
        this.spec = spec;
    }

    public List<Diagnostic> validate() {
        out.clear();
        spec.bindings().forEach(this::checkBinding);
        checkGroups();
        checkCallNumbers();
        new NameChecker(out).check(spec);
        for (ApiGroup g : spec.groups()) {
            LifecycleChecker life = new LifecycleChecker(g, out);
            g.calls().forEach(c -> checkCall(g, c, life));
            g.errors().forEach(e -> checkError(e, life));
            g.layouts().forEach(l -> new LayoutChecker(out).check(l, life));
            g.constants().forEach(s -> checkConstantSet(s, life));
        }
        checkErrorNumbers();
        List<Diagnostic> result = new ArrayList<>(out);
        result.sort(null);
        return result;
    }

    private void error(SourceLocation at, String message) {
        out.add(new Diagnostic(at, message));
    }

    private void requireDoc(String doc, SourceLocation at, String what) {
        if (doc == null || doc.isBlank()) {
            error(at, what + " has no documentation");
        }
    }

    // ---- bindings ----------------------------------------------------------------------

    private void checkBinding(Binding b) {
        if (!bindingNames.add(b.arch())) {
            error(b.location(), "binding " + b.arch() + " is declared twice");
        }
        requireDoc(b.doc(), b.location(), "binding " + b.arch());
        if (b.instruction().isBlank()) {
            error(b.location(), "binding " + b.arch() + " does not name its instruction");
        }
        Set<CallKind> seen = new HashSet<>();
        for (Convention c : b.conventions()) {
            String what = "the " + c.kind().keyword() + " convention of binding " + b.arch();
            if (!seen.add(c.kind())) {
                error(c.location(), what + " is declared twice");
            }
            if (c.kind() == CallKind.HYPERFAST && c.trapNumber().isPresent()) {
                error(c.location(), what + " must use 'trap per call': a hyper-fast call is its own trap");
            }
            if (c.kind() != CallKind.HYPERFAST && c.trapNumber().isEmpty()) {
                error(c.location(), what + " needs a trap number");
            }
            if (c.kind() != CallKind.HYPERFAST && c.functionRegister().isEmpty()) {
                error(c.location(), what + " needs a function register");
            }
            if (c.status().isEmpty()) {
                error(c.location(), what + " needs a status register");
            }
        }
    }

    // ---- groups ------------------------------------------------------------------------

    private void checkGroups() {
        Map<Long, ApiGroup> byId = new HashMap<>();
        for (ApiGroup g : spec.groups()) {
            requireDoc(g.doc(), g.location(), "group " + g.name());
            ApiGroup other = byId.putIfAbsent(g.id(), g);
            if (other != null) {
                error(g.location(), String.format("group id 0x%04x is already used by group %s (%s)",
                        g.id(), other.name(), other.location()));
            }
            Set<Object> versions = new HashSet<>();
            g.versions().forEach(v -> {
                if (!versions.add(v)) {
                    error(g.location(), "group " + g.name() + " lists version " + v + " twice");
                }
                if (v.major() == 0) {
                    error(g.location(), "group " + g.name() + " offers version " + v
                            + ", but major 0 means 'disabled' in api_set_version");
                }
            });
            if (g.archs().isEmpty()) {
                error(g.location(), "group " + g.name() + " names no architecture (add 'arch ...')");
            }
            checkArchs(g.archs(), g.location(), "group " + g.name());
        }
    }

    private void checkArchs(List<String> archs, SourceLocation at, String what) {
        for (String a : archs) {
            if (!bindingNames.contains(a)) {
                error(at, what + " names unknown architecture " + a + knownBindings());
            }
        }
    }

    private String knownBindings() {
        return bindingNames.isEmpty() ? " (no binding is declared)"
                : " (bindings: " + bindingNames.stream().sorted().collect(Collectors.joining(", ")) + ")";
    }

    // ---- calls -------------------------------------------------------------------------

    private void checkCall(ApiGroup g, Call c, LifecycleChecker life) {
        String what = "call " + c.name();
        requireDoc(c.doc(), c.location(), what);
        life.check(c.lifecycle(), c.location(), what);
        checkArchs(c.archs(), c.location(), what);
        for (String a : c.archs()) {
            if (bindingNames.contains(a) && !g.archs().contains(a)) {
                error(c.location(), what + " is offered on " + a + ", which its group " + g.name() + " is not");
            }
        }
        if (c.kind() == CallKind.HYPERFAST && (c.number() < 0 || c.number() > 0xff)) {
            error(c.location(), String.format("%s: hyper-fast trap number 0x%x is not a trap number (0x00 to 0xff)",
                    what, c.number()));
        }
        if (c.noReturn() && !c.results().isEmpty()) {
            error(c.location(), what + " does not return, so it cannot have results");
        }
        checkParams(c.args(), what, "argument");
        checkParams(c.results(), what, "result");
        checkErrorRefs(c, what);
        for (String arch : g.archsOf(c)) {
            spec.binding(arch).ifPresent(b -> checkFitsBinding(c, b));
        }
    }

    private void checkParams(List<Param> params, String what, String role) {
        Set<String> names = new HashSet<>();
        for (Param p : params) {
            if (!names.add(p.name())) {
                error(p.location(), what + " has two " + role + "s named " + p.name());
            }
            TypeChecks.checkScalar(p.type(), out);
            if (p.type().isArray()) {
                error(p.type().location(), role + " " + p.name() + " of " + what
                        + " is an array; arrays belong in layouts");
            }
            requireDoc(p.doc(), p.location(), role + " " + p.name() + " of " + what);
        }
    }

    private void checkErrorRefs(Call c, String what) {
        Set<String> listed = new HashSet<>();
        for (ErrorRef e : c.errors()) {
            if (!listed.add(e.code())) {
                error(e.location(), what + " lists error " + e.code() + " twice");
            }
            Optional<ErrorCode> code = spec.error(e.code());
            if (code.isEmpty()) {
                error(e.location(), what + " returns unknown error code " + e.code());
            } else if (code.get().number() == 0) {
                error(e.location(), what + " lists " + e.code() + " as an error, but it means success");
            }
            if (e.condition().isBlank()) {
                error(e.location(), "error " + e.code() + " of " + what + " does not say what causes it");
            }
        }
    }

    private void checkFitsBinding(Call c, Binding b) {
        Optional<Convention> conv = b.convention(c.kind());
        if (conv.isEmpty()) {
            error(c.location(), "call " + c.name() + " is a " + c.kind().keyword() + " call, but binding "
                    + b.arch() + " has no " + c.kind().keyword() + " convention");
            return;
        }
        int maxArgs = conv.get().args().size();
        if (c.args().size() > maxArgs) {
            error(c.location(), "call " + c.name() + " has " + c.args().size() + " arguments, but binding "
                    + b.arch() + " passes at most " + maxArgs + " to " + c.kind().keyword() + " calls");
        }
        int maxResults = conv.get().results().size();
        if (c.results().size() > maxResults) {
            error(c.location(), "call " + c.name() + " has " + c.results().size() + " results, but binding "
                    + b.arch() + " returns at most " + maxResults + " from " + c.kind().keyword() + " calls");
        }
    }

    /** Numbers are per kind and never reused: a removed call keeps its number forever. */
    private void checkCallNumbers() {
        Map<String, Call> byNumber = new HashMap<>();
        Set<Long> bindingTraps = spec.bindings().stream().flatMap(b -> b.conventions().stream())
                .flatMap(cv -> cv.trapNumber().stream()).collect(Collectors.toSet());
        for (ApiGroup g : spec.groups()) {
            for (Call c : g.calls()) {
                Call other = byNumber.putIfAbsent(c.kind() + ":" + c.number(), c);
                String number = String.format("%s number 0x%02x", c.kind().keyword(), c.number());
                if (other != null && other.lifecycle().isRemoved()) {
                    error(c.location(), number + " belonged to call " + other.name()
                            + ", which was removed; numbers are never reused");
                } else if (other != null) {
                    error(c.location(), number + " is already used by call " + other.name()
                            + " (" + other.location() + ")");
                }
                if (c.kind() == CallKind.HYPERFAST && bindingTraps.contains(c.number())) {
                    error(c.location(), String.format("hyper-fast call %s uses trap 0x%02x, which a binding "
                            + "already uses for fast or core calls", c.name(), c.number()));
                }
            }
        }
    }

    // ---- error codes and constants -----------------------------------------------------

    private void checkError(ErrorCode e, LifecycleChecker life) {
        requireDoc(e.doc(), e.location(), "error code " + e.name());
        life.check(e.lifecycle(), e.location(), "error code " + e.name());
    }

    private void checkErrorNumbers() {
        Map<Long, ErrorCode> byNumber = new HashMap<>();
        spec.errors().forEach(e -> {
            ErrorCode other = byNumber.putIfAbsent(e.number(), e);
            if (other != null) {
                error(e.location(), "error number " + e.number() + " is already used by " + other.name()
                        + (other.lifecycle().isRemoved() ? ", which was removed; numbers are never reused"
                        : " (" + other.location() + ")"));
            }
        });
    }

    private void checkConstantSet(ConstantSet s, LifecycleChecker life) {
        requireDoc(s.doc(), s.location(), "constant set " + s.name());
        life.check(s.lifecycle(), s.location(), "constant set " + s.name());
        for (Constant c : s.constants()) {
            requireDoc(c.doc(), c.location(), "constant " + c.name());
            if (c.since().compareTo(s.lifecycle().since()) < 0) {
                error(c.location(), "constant " + c.name() + " is since " + c.since()
                        + ", before its set " + s.name() + " (since " + s.lifecycle().since() + ")");
            }
            life.check(Lifecycle.since(c.since()), c.location(), "constant " + c.name());
        }
    }
}
