package org.hyperstrand.spec.gen.md;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table. Cells are Markdown; the table escapes what would break
 * its own structure ({@code |} and line breaks) and nothing else.
 */
final class MdTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MdTable(String... header) {
        this(List.of(header));
    }

    MdTable(List<String> header) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.header = List.copyOf(header);
    }

    MdTable row(String... cells) {
        return row(List.of(cells));
    }

    MdTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has "
                    + header.size() + " columns: " + cells);
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        line(out, header.stream().map(h -> "---").toList());
        rows.forEach(r -> line(out, r));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            String text = escape(cell);
            out.append(text.isEmpty() ? " |" : " " + text + " |");
        }
        out.append('\n');
    }

    /** GFM needs {@code \|} even inside code spans; a cell cannot hold a line break. */
    static String escape(String cell) {
        return cell.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
