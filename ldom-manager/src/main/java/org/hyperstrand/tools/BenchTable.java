package org.hyperstrand.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures {@code hv bench} prints: one row per measurement, in aligned columns (metric,
 * value, target, note), plus the number formats the rows use. Formatting only; nothing here
 * measures.
 */
final class BenchTable {

    /** One line of the table; {@code target} and {@code note} may be empty. */
    record Row(String metric, String value, String target, String note) {
    }

    private static final String[] HEADER = {"metric", "value", "target", "note"};

    private final List<Row> rows = new ArrayList<>();

    BenchTable add(String metric, String value, String target, String note) {
        rows.add(new Row(metric, value, target, note));
        return this;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /**
     * The header and the rows, columns separated by at least two spaces, trailing blanks
     * trimmed, each line ending in a newline.
     */
    String render() {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Row r : rows) {
            lines.add(new String[] {r.metric(), r.value(), r.target(), r.note()});
        }
        int[] width = new int[HEADER.length];
        for (String[] l : lines) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], l[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < width.length; c++) {
                line.append(l[c]);
                if (c < width.length - 1) {
                    line.append(" ".repeat(width[c] - l[c].length() + 2));
                }
            }
            int end = line.length();
            while (end > 0 && line.charAt(end - 1) == ' ') {
                end--;
            }
            b.append(line, 0, end).append('\n');
        }
        return b.toString();
    }

    // ---- number formats ----------------------------------------------------------------

    /** 312,345,678 */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Seconds with three decimals: "1.234 s". */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /** Millions of instructions per second, one decimal: "123.4". */
    static String mips(long instructions, long nanos) {
        return nanos <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", instructions * 1e3 / nanos);
    }

    /** A ratio with one decimal and an x: "6.5x"; two decimals below 10 would be noise. */
    static String ratio(long numerator, long denominator) {
        return denominator <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1fx", (double) numerator / denominator);
    }

    /** Nanoseconds, whole: "123 ns". */
    static String nanos(double ns) {
        return String.format(Locale.ROOT, "%.0f ns", ns);
    }

    /** The median of {@code values} (the lower middle one for an even count). */
    static long median(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    static long min(long[] values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }
}
