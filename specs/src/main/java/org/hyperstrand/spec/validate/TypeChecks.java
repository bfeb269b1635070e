package org.hyperstrand.spec.validate;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hyperstrand.spec.model.ScalarType;
import org.hyperstrand.spec.model.TypeRef;

/** Type names must be one of {@link ScalarType}. */
final class TypeChecks {

    private TypeChecks() {
    }

    static Optional<ScalarType> checkScalar(TypeRef type, List<Diagnostic> out) {
        Optional<ScalarType> t = ScalarType.of(type.name());
        if (t.isEmpty()) {
            out.add(new Diagnostic(type.location(), "unknown type " + type.name() + " (types: "
                    + Arrays.stream(ScalarType.values()).map(ScalarType::specName).collect(Collectors.joining(", "))
                    + ")"));
        }
        return t;
    }
}
