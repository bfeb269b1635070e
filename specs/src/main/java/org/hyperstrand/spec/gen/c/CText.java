package org.hyperstrand.spec.gen.c;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.Lifecycle;

/** Text helpers for the C header: comment-safe prose, word wrapping and column alignment. */
final class CText {

    /** Width that comment prose is wrapped to. */
    static final int WIDTH = 80;

    /** Longest line worth keeping; a trailing comment that would go past it moves above its line. */
    static final int MAX_LINE = 100;

    private CText() {
    }

    /**
     * Spec text as one line that cannot end or nest a C comment: {@code /*} inside a comment
     * makes gcc -Wall warn, and a stray {@code *}{@code /} would end it early.
     */
    static String flat(String text) {
        return text.replace("*/", "* /").replace("/*", "/ *").replaceAll("\\s+", " ").strip();
    }

    /** The paragraphs of a doc string (separated by blank lines), each flattened. */
    static List<String> paragraphs(String doc) {
        return Arrays.stream(doc.split("\\n\\s*\\n")).map(CText::flat).filter(p -> !p.isEmpty()).toList();
    }

    /** Greedy word wrap; a word longer than the width gets a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : flat(text).split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * {@code head + items + tail} with items separated by ", ", broken after a comma when a line
     * would pass {@code width}; continuation lines are indented to the end of {@code head}.
     */
    static List<String> wrapList(String head, List<String> items, String tail, int width) {
        List<String> lines = new ArrayList<>();
        String indent = " ".repeat(head.length());
        StringBuilder line = new StringBuilder(head);
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i) + (i + 1 < items.size() ? "," : tail);
            boolean first = line.length() == head.length();
            if (!first && line.length() + 1 + item.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
                first = true;
            }
            line.append(first ? "" : " ").append(item);
        }
        if (items.isEmpty()) {
            line.append(tail);
        }
        lines.add(line.toString());
        return lines;
    }

    /** Rows padded so that each column starts at the same position; the last column is not padded. */
    static List<String> align(List<List<String>> rows) {
        return align(rows, 1);
    }

    /** Like {@link #align(List)}, with at least {@code gap} spaces between columns. */
    static List<String> align(List<List<String>> rows, int gap) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size() - 1; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                line.append(c + 1 < row.size() ? pad(cell, widths[c] + gap) : cell);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** "since core 1.0", plus the deprecation (with its reason) and removal when there are any. */
    static String lifecycle(ApiGroup group, Lifecycle life) {
        StringBuilder s = new StringBuilder("since " + group.name() + " " + life.since());
        life.deprecated().ifPresent(v -> s.append("; deprecated in ").append(group.name()).append(' ').append(v)
                .append(life.deprecationNote().map(n -> ": " + n).orElse("")));
        life.removed().ifPresent(v -> s.append("; removed in ").append(group.name()).append(' ').append(v));
        return s.toString();
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
