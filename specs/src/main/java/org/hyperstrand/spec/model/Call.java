package org.hyperstrand.spec.model;

import java.util.List;

/**
 * One hypercall. {@code archs} lists the bindings that offer it; empty means every
 * architecture the group is offered on.
 */
public record Call(String name, CallKind kind, long number, Lifecycle lifecycle, List<String> archs,
                   List<Param> args, List<Param> results, List<ErrorRef> errors, List<String> notes,
                   boolean noReturn, String doc, SourceLocation location) {

    public Call {
        archs = List.copyOf(archs);
        args = List.copyOf(args);
        results = List.copyOf(results);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }
}
