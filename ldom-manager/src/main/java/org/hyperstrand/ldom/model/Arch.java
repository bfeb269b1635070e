package org.hyperstrand.ldom.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** A domain's architecture as operators name it, and the backend binding that runs it. */
public enum Arch {
    SPARC("sparc", "sparc64"),
    X86("x86", "x86_64");

    private final String word;
    private final String binding;

    Arch(String word, String binding) {
        this.word = word;
        this.binding = binding;
    }

    /** "sparc" or "x86", as in {@code arch=}. */
    @JsonValue
    public String word() {
        return word;
    }

    /** The backend's binding name (ArchBackend.binding()). */
    public String binding() {
        return binding;
    }

    @JsonCreator
    public static Arch parse(String text) {
        return Arrays.stream(values()).filter(a -> a.word.equals(text)).findFirst()
                .orElseThrow(() -> new LdmException("invalid arch '" + text + "': use arch=sparc or arch=x86"));
    }
}
