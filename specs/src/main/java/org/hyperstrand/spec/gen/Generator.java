package org.hyperstrand.spec.gen;

import java.util.List;
import org.hyperstrand.spec.model.ApiSpec;

/** Turns a validated spec into files. Generators see only the model, never parse trees. */
public interface Generator {

    List<GeneratedFile> generate(ApiSpec spec);

    /**
     * True if a file at this relative path (with '/' separators) is one this generator writes,
     * so that one it no longer produces can be recognised as stale and removed.
     */
    boolean owns(String path);
}
