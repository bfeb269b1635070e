package org.hyperstrand.spec.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The whole hypercall API: every group and every architecture binding, in source order. */
public record ApiSpec(List<ApiGroup> groups, List<Binding> bindings) {

    public ApiSpec {
        groups = List.copyOf(groups);
        bindings = List.copyOf(bindings);
    }

    public Optional<ApiGroup> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Optional<Binding> binding(String arch) {
        return bindings.stream().filter(b -> b.arch().equals(arch)).findFirst();
    }

    public Stream<ErrorCode> errors() {
        return groups.stream().flatMap(g -> g.errors().stream());
    }

    public Optional<ErrorCode> error(String name) {
        return errors().filter(e -> e.name().equals(name)).findFirst();
    }

    public Stream<Call> calls() {
        return groups.stream().flatMap(g -> g.calls().stream());
    }

    public Optional<ApiGroup> groupOf(Call call) {
        return groups.stream().filter(g -> g.calls().contains(call)).findFirst();
    }
}
