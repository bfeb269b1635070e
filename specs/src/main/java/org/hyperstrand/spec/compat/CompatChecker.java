package org.hyperstrand.spec.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.Constant;
import org.hyperstrand.spec.model.ConstantSet;
import org.hyperstrand.spec.model.Convention;
import org.hyperstrand.spec.model.ErrorCode;
import org.hyperstrand.spec.model.Lifecycle;
import org.hyperstrand.spec.model.SourceLocation;
import org.hyperstrand.spec.model.Version;

/**
 * Compares a published spec (old) with a proposed one (new). The rules: numbers are the ABI and
 * are never changed or reused; nothing is deleted (mark it removed, in a new major version);
 * a call's arguments are fixed once published (add a new call instead); additions go into a
 * version newer than every version already published.
 */
public final class CompatChecker {

    private final ApiSpec before;
    private final ApiSpec after;
    private final List<Change> changes = new ArrayList<>();

    private CompatChecker(ApiSpec before, ApiSpec after) {
        this.before = before;
        this.after = after;
    }

    public static List<Change> compare(ApiSpec before, ApiSpec after) {
        CompatChecker c = new CompatChecker(before, after);
        c.groups();
        new CallComparer(c).compare();
        c.errors();
        new LayoutComparer(c).compare();
        c.constants();
        c.bindings();
        List<Change> result = new ArrayList<>(c.changes);
        result.sort(null);
        return result;
    }

    ApiSpec before() {
        return before;
    }

    ApiSpec after() {
        return after;
    }

    void breaking(SourceLocation at, String message) {
        changes.add(new Change(true, at, message));
    }

    void compatible(SourceLocation at, String message) {
        changes.add(new Change(false, at, message));
    }

    static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, x -> x, (a, b) -> a));
    }

    /** The group that holds an element in the new spec, found by a predicate over groups. */
    Optional<ApiGroup> afterGroup(java.util.function.Predicate<ApiGroup> holds) {
        return after.groups().stream().filter(holds).findFirst();
    }

    Optional<ApiGroup> beforeGroup(String name) {
        return before.group(name);
    }

    /** True if the group's latest major version in the new spec is above the old one's. */
    boolean majorBumped(String group) {
        Optional<ApiGroup> b = before.group(group);
        Optional<ApiGroup> a = after.group(group);
        return b.isPresent() && a.isPresent() && a.get().latest().major() > b.get().latest().major();
    }

    /**
     * An element new to the spec must arrive in a version that did not exist before, or guests
     * that negotiated an existing version would see that version change under them.
     */
    void checkAddition(String group, Lifecycle life, SourceLocation at, String what) {
        Optional<ApiGroup> old = before.group(group);
        if (old.isPresent() && !life.since().isAfter(old.get().latest())) {
            breaking(at, what + " is added to " + group + " " + life.since()
                    + ", a version already published; additions need a new version (after "
                    + old.get().latest() + ")");
        } else {
            compatible(at, what + " added in " + group + " " + life.since());
        }
    }

    /** A newly set removed marker is allowed only with a major version bump of the group. */
    void checkRemoval(String group, Lifecycle was, Lifecycle now, SourceLocation at, String what) {
        if (now.removed().isPresent() && was.removed().isEmpty()) {
            Version r = now.removed().get();
            Optional<ApiGroup> old = before.group(group);
            if (!majorBumped(group) || old.isEmpty() || r.major() <= old.get().latest().major()) {
                breaking(at, what + " is removed without a major version bump of group " + group);
            } else {
                compatible(at, what + " removed in " + group + " " + r);
            }
        } else if (was.removed().isPresent() && !Objects.equals(was.removed(), now.removed())) {
            breaking(at, what + " was removed in " + was.removed().get() + "; that cannot be undone or moved");
        }
        if (!was.since().equals(now.since())) {
            breaking(at, what + " moved from version " + was.since() + " to " + now.since());
        }
    }

    private void groups() {
        for (ApiGroup old : before.groups()) {
            Optional<ApiGroup> now = after.group(old.name());
            if (now.isEmpty()) {
                breaking(old.location(), "group " + old.name() + " was deleted");
                continue;
            }
            ApiGroup g = now.get();
            if (g.id() != old.id()) {
                breaking(g.location(), String.format("group %s changed its id from 0x%04x to 0x%04x",
                        g.name(), old.id(), g.id()));
            }
            for (Version v : old.versions()) {
                if (!g.versions().contains(v)) {
                    breaking(g.location(), "group " + g.name() + " no longer offers version " + v);
                }
            }
            for (String arch : old.archs()) {
                if (!g.archs().contains(arch)) {
                    breaking(g.location(), "group " + g.name() + " is no longer offered on " + arch);
                }
            }
        }
        for (ApiGroup g : after.groups()) {
            if (before.group(g.name()).isEmpty()) {
                before.groups().stream().filter(o -> o.id() == g.id()).findFirst().ifPresentOrElse(
                        o -> breaking(g.location(), String.format("group %s reuses id 0x%04x of group %s",
                                g.name(), g.id(), o.name())),
                        () -> compatible(g.location(), "group " + g.name() + " added"));
            }
        }
    }

    private void errors() {
        Map<String, ErrorCode> now = byName(after.errors().toList(), ErrorCode::name);
        for (ErrorCode old : before.errors().toList()) {
            ErrorCode e = now.get(old.name());
            String group = groupOfError(before, old);
            if (e == null) {
                breaking(old.location(), "error code " + old.name() + " was deleted; mark it removed instead");
                continue;
            }
            if (e.number() != old.number()) {
                breaking(e.location(), "error code " + e.name() + " changed its number from " + old.number()
                        + " to " + e.number());
            }
            checkRemoval(group, old.lifecycle(), e.lifecycle(), e.location(), "error code " + e.name());
        }
        Map<String, ErrorCode> was = byName(before.errors().toList(), ErrorCode::name);
        for (ErrorCode e : after.errors().toList()) {
            if (!was.containsKey(e.name())) {
                Optional<ErrorCode> reused = before.errors().filter(o -> o.number() == e.number()).findFirst();
                if (reused.isPresent()) {
                    breaking(e.location(), "error code " + e.name() + " reuses number " + e.number() + " of "
                            + reused.get().name());
                } else {
                    checkAddition(groupOfError(after, e), e.lifecycle(), e.location(), "error code " + e.name());
                }
            }
        }
    }

    private static String groupOfError(ApiSpec spec, ErrorCode e) {
        return spec.groups().stream().filter(g -> g.errors().contains(e)).map(ApiGroup::name).findFirst()
                .orElse("?");
    }

    private void constants() {
        for (ApiGroup og : before.groups()) {
            for (ConstantSet oldSet : og.constants()) {
                for (Constant old : oldSet.constants()) {
                    Optional<Constant> now = after.groups().stream().flatMap(g -> g.constants().stream())
                            .flatMap(s -> s.constants().stream()).filter(c -> c.name().equals(old.name())).findFirst();
                    if (now.isEmpty()) {
                        breaking(old.location(), "constant " + old.name() + " was deleted");
                    } else if (now.get().value() != old.value()) {
                        breaking(now.get().location(), "constant " + old.name() + " changed its value from "
                                + old.value() + " to " + now.get().value());
                    }
                }
            }
        }
        for (ApiGroup g : after.groups()) {
            for (ConstantSet set : g.constants()) {
                for (Constant c : set.constants()) {
                    boolean existed = before.groups().stream().flatMap(x -> x.constants().stream())
                            .flatMap(s -> s.constants().stream()).anyMatch(o -> o.name().equals(c.name()));
                    if (!existed) {
                        checkAddition(g.name(), Lifecycle.since(c.since()), c.location(), "constant " + c.name());
                    }
                }
            }
        }
    }

    private void bindings() {
        for (Binding old : before.bindings()) {
            Optional<Binding> now = after.binding(old.arch());
            if (now.isEmpty()) {
                breaking(old.location(), "binding " + old.arch() + " was deleted");
                continue;
            }
            Binding b = now.get();
            if (!b.instruction().equals(old.instruction())) {
                breaking(b.location(), "binding " + b.arch() + " changed its instruction from " + old.instruction()
                        + " to " + b.instruction());
            }
            for (Convention oc : old.conventions()) {
                Optional<Convention> nc = b.convention(oc.kind());
                String what = "the " + oc.kind().keyword() + " convention of binding " + b.arch();
                if (nc.isEmpty()) {
                    breaking(b.location(), what + " was deleted");
                } else if (!sameRegisters(oc, nc.get())) {
                    breaking(nc.get().location(), what + " changed its trap or registers");
                }
            }
        }
    }

    /** Registers may be appended to the argument and result lists; nothing else may change. */
    private static boolean sameRegisters(Convention a, Convention b) {
        return a.trapNumber().equals(b.trapNumber()) && a.trapRegister().equals(b.trapRegister())
                && a.functionRegister().equals(b.functionRegister()) && a.status().equals(b.status())
                && isPrefix(a.args(), b.args()) && isPrefix(a.results(), b.results());
    }

    private static boolean isPrefix(List<String> a, List<String> b) {
        return b.size() >= a.size() && b.subList(0, a.size()).equals(a);
    }

    /** Convenience for comparers: the new call with this name, if any. */
    Optional<Call> afterCall(String name) {
        return after.calls().filter(c -> c.name().equals(name)).findFirst();
    }
}
