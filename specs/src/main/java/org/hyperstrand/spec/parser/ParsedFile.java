package org.hyperstrand.spec.parser;

import java.util.List;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.validate.Diagnostic;

/** What one spec file declares, plus the number errors found while building it. */
public record ParsedFile(String file, List<ApiGroup> groups, List<Binding> bindings, List<Diagnostic> diagnostics) {
}
