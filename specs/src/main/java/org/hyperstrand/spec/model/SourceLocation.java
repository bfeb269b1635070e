package org.hyperstrand.spec.model;

/** Where a spec element was written: file as given, 1-based line and column. */
public record SourceLocation(String file, int line, int column) implements Comparable<SourceLocation> {

    public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 0, 0);

    @Override
    public int compareTo(SourceLocation o) {
        int c = file.compareTo(o.file);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
