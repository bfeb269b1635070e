package org.hyperstrand.tools.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * A domain's console as the demo shows it: whole lines, each behind the domain's name, so
 * that the lines of domains running side by side can be told apart as they interleave.
 */
final class PrefixedConsole implements IntConsumer {

    private final String prefix;
    private final PrintStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    PrefixedConsole(String name, int width, PrintStream out) {
        this.prefix = String.format("[%-" + width + "s] ", name);
        this.out = out;
    }

    @Override
    public void accept(int b) {
        if (b == '\n') {
            flush();
        } else {
            line.write(b);
        }
    }

    /** Prints what is left of an unfinished line. */
    void flush() {
        synchronized (out) {
            out.print(prefix + line.toString(StandardCharsets.ISO_8859_1) + "\n");
            out.flush();
        }
        line.reset();
    }

    boolean pending() {
        return line.size() > 0;
    }
}
