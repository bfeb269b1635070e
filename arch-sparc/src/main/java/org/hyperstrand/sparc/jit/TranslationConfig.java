package org.hyperstrand.sparc.jit;

/**
 * Whether the translation tier runs, after how many entries a block start is translated, and
 * the most instructions one block holds (which keeps its method well under HotSpot's 8000-byte
 * compile limit).
 *
 * @param enabled          false: the interpreter alone runs guest code
 * @param threshold        entries of a block start before it is translated (at least 1)
 * @param maxInstructions  instructions per block, delay slots included (2 to 128)
 */
public record TranslationConfig(boolean enabled, int threshold, int maxInstructions) {

    /** System property that turns the tier off: {@code -Dhv.sparc.jit=false}. */
    public static final String ENABLED_PROPERTY = "hv.sparc.jit";
    public static final String THRESHOLD_PROPERTY = "hv.sparc.jit.threshold";
    public static final String MAX_INSTRUCTIONS_PROPERTY = "hv.sparc.jit.max-instructions";

    public static final int DEFAULT_THRESHOLD = 50;
    public static final int DEFAULT_MAX_INSTRUCTIONS = 48;

    public TranslationConfig {
        if (threshold < 1) {
            throw new IllegalArgumentException("translation threshold must be at least 1: " + threshold);
        }
        if (maxInstructions < 2 || maxInstructions > 128) {
            throw new IllegalArgumentException("instructions per block must be 2 to 128: " + maxInstructions);
        }
    }

    public static final TranslationConfig OFF = new TranslationConfig(false, DEFAULT_THRESHOLD, DEFAULT_MAX_INSTRUCTIONS);

    /** On, translating a block start on its first entry: for tests that want every path translated. */
    public static TranslationConfig eager() {
        return new TranslationConfig(true, 1, DEFAULT_MAX_INSTRUCTIONS);
    }

    /** The tier as the system properties say; on with the defaults when they say nothing. */
    public static TranslationConfig fromSystemProperties() {
        boolean enabled = !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").trim());
        return new TranslationConfig(enabled, intProperty(THRESHOLD_PROPERTY, DEFAULT_THRESHOLD),
                intProperty(MAX_INSTRUCTIONS_PROPERTY, DEFAULT_MAX_INSTRUCTIONS));
    }

    private static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a number, not '" + v + "'");
        }
    }
}
