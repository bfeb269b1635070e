package org.hyperstrand.spec.gen.md;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds one Markdown page as a list of blocks separated by blank lines. The rendered page has
 * no trailing spaces, no runs of blank lines and ends with exactly one newline.
 */
final class MdWriter {

    /** The first line of every page; invisible when rendered. */
    static final String GENERATED_MARK =
            "<!-- Generated from specs/hypercalls by the hvspec Markdown generator. Do not edit. -->";

    private final List<String> blocks = new ArrayList<>();

    MdWriter() {
        blocks.add(GENERATED_MARK);
    }

    MdWriter heading(int level, String text) {
        return block("#".repeat(level) + " " + text);
    }

    /** One paragraph of Markdown written by the generator. */
    MdWriter paragraph(String markdown) {
        return block(markdown);
    }

    /** A doc comment from the spec, paragraph by paragraph; nothing if it is empty. */
    MdWriter doc(String doc) {
        MdFormat.paragraphs(doc).forEach(this::block);
        return this;
    }

    MdWriter table(MdTable table) {
        return block(table.render());
    }

    MdWriter bullets(List<String> items) {
        if (items.isEmpty()) {
            return this;
        }
        return block(items.stream().map(i -> "- " + i.replaceAll("\\s*\\R\\s*", " ")).collect(Collectors.joining("\n")));
    }

    private MdWriter block(String text) {
        if (!text.isBlank()) {
            blocks.add(text.strip());
        }
        return this;
    }

    String render() {
        String joined = String.join("\n\n", blocks);
        String tidy = joined.lines().map(MdWriter::stripEnd).collect(Collectors.joining("\n"));
        return tidy.replaceAll("\n{3,}", "\n\n") + "\n";
    }

    private static String stripEnd(String line) {
        return line.stripTrailing();
    }
}
