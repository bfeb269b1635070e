package org.hyperstrand.spec.compat;

import java.util.List;
import java.util.Optional;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.Param;

/** Call rules: number, kind, group and arguments are fixed forever; results may only grow. */
final class CallComparer {

    private final CompatChecker c;

    CallComparer(CompatChecker c) {
        this.c = c;
    }

    void compare() {
        for (ApiGroup og : c.before().groups()) {
            for (Call old : og.calls()) {
                Optional<Call> now = c.afterCall(old.name());
                if (now.isEmpty()) {
                    c.breaking(old.location(), "call " + old.name()
                            + " was deleted; mark it removed instead, so its number stays reserved");
                } else {
                    compare(og, old, now.get());
                }
            }
        }
        for (ApiGroup g : c.after().groups()) {
            for (Call call : g.calls()) {
                if (c.before().calls().noneMatch(o -> o.name().equals(call.name()))) {
                    added(g, call);
                }
            }
        }
    }

    private void added(ApiGroup g, Call call) {
        Optional<Call> holder = c.before().calls()
                .filter(o -> o.kind() == call.kind() && o.number() == call.number()).findFirst();
        if (holder.isPresent()) {
            c.breaking(call.location(), String.format("call %s reuses %s number 0x%02x of call %s",
                    call.name(), call.kind().keyword(), call.number(), holder.get().name()));
        } else {
            c.checkAddition(g.name(), call.lifecycle(), call.location(), "call " + call.name());
        }
    }

    private void compare(ApiGroup og, Call old, Call now) {
        String what = "call " + now.name();
        ApiGroup ng = c.after().groupOf(now).orElseThrow();
        if (!ng.name().equals(og.name())) {
            c.breaking(now.location(), what + " moved from group " + og.name() + " to " + ng.name());
        }
        if (now.kind() != old.kind() || now.number() != old.number()) {
            c.breaking(now.location(), String.format("%s changed from %s 0x%02x to %s 0x%02x", what,
                    old.kind().keyword(), old.number(), now.kind().keyword(), now.number()));
        }
        c.checkRemoval(ng.name(), old.lifecycle(), now.lifecycle(), now.location(), what);
        params(what, "argument", old.args(), now.args(), now, true);
        params(what, "result", old.results(), now.results(), now, false);
        if (old.noReturn() != now.noReturn()) {
            c.breaking(now.location(), what + (now.noReturn() ? " no longer returns" : " now returns"));
        }
        for (String arch : og.archsOf(old)) {
            if (!ng.archsOf(now).contains(arch)) {
                c.breaking(now.location(), what + " is no longer offered on " + arch);
            }
        }
    }

    /** Arguments must match exactly; results may be appended (their registers were undefined). */
    private void params(String what, String role, List<Param> old, List<Param> now, Call call, boolean exact) {
        for (int i = 0; i < Math.max(old.size(), now.size()); i++) {
            if (i >= now.size()) {
                c.breaking(call.location(), what + ": " + role + " " + old.get(i).name() + " was removed");
            } else if (i >= old.size()) {
                if (exact) {
                    c.breaking(now.get(i).location(), what + ": " + role + " " + now.get(i).name()
                            + " was added; add a new call instead");
                } else {
                    c.compatible(now.get(i).location(), what + ": " + role + " " + now.get(i).name() + " added");
                }
            } else if (!old.get(i).type().name().equals(now.get(i).type().name())) {
                c.breaking(now.get(i).location(), what + ": " + role + " " + now.get(i).name()
                        + " changed its type from " + old.get(i).type() + " to " + now.get(i).type());
            }
        }
    }
}
