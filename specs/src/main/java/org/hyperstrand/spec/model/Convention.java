package org.hyperstrand.spec.model;

import java.util.List;
import java.util.Optional;

/**
 * How one kind of call is made on one architecture. {@code trapNumber} is empty when each
 * call's own number is the trap number (hyper-fast traps). {@code trapRegister} is set when the
 * trap number travels in a register rather than in the instruction.
 */
public record Convention(CallKind kind, Optional<Long> trapNumber, Optional<String> trapRegister,
                         Optional<String> functionRegister, List<String> args, Optional<String> status,
                         List<String> results, SourceLocation location) {

    public Convention {
        args = List.copyOf(args);
        results = List.copyOf(results);
    }
}
