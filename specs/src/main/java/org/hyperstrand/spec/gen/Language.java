package org.hyperstrand.spec.gen;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.hyperstrand.spec.gen.c.CHeaderGenerator;
import org.hyperstrand.spec.gen.java.JavaGenerator;
import org.hyperstrand.spec.gen.md.MarkdownGenerator;

/** The output languages of {@code hv spec gen}. */
public enum Language {
    JAVA("java", JavaGenerator::new),
    C("c", CHeaderGenerator::new),
    MD("md", MarkdownGenerator::new);

    private final String option;
    private final Supplier<Generator> factory;

    Language(String option, Supplier<Generator> factory) {
        this.option = option;
        this.factory = factory;
    }

    public static Optional<Language> of(String option) {
        return Arrays.stream(values()).filter(l -> l.option.equals(option)).findFirst();
    }

    public Generator generator() {
        return factory.get();
    }
}
