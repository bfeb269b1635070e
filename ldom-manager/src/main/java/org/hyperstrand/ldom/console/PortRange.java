package org.hyperstrand.ldom.console;

import java.util.BitSet;
import org.hyperstrand.ldom.model.LdmException;

/**
 * The console concentrator's TCP port range (ldm's vcc {@code port-range=5000-5100}, ldm-cli.md
 * 4): each bound domain's console takes the lowest port not in use.
 */
public final class PortRange {

    /** The range a vcc is usually given. */
    public static final PortRange DEFAULT = new PortRange(5000, 5100);

    private final int first;
    private final int last;
    private final BitSet taken = new BitSet();

    public PortRange(int first, int last) {
        if (first < 1 || last > 65535 || first > last) {
            throw new LdmException("console port range " + first + "-" + last + " is not within 1-65535, low to high");
        }
        this.first = first;
        this.last = last;
    }

    /** "5000-5100" as given to {@code ldmd --console-ports}. */
    public static PortRange parse(String text) {
        String[] parts = text.split("-", -1);
        try {
            if (parts.length == 2) {
                return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new LdmException("console port range '" + text + "' is not FIRST-LAST, e.g. 5000-5100");
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    /** Marks {@code port} used if it is free and in range. */
    synchronized boolean take(int port) {
        if (port < first || port > last || taken.get(port - first)) {
            return false;
        }
        taken.set(port - first);
        return true;
    }

    synchronized void give(int port) {
        if (port >= first && port <= last) {
            taken.clear(port - first);
        }
    }

    /** The free ports from the lowest, for a caller that must try to listen on each. */
    synchronized int[] free() {
        return java.util.stream.IntStream.rangeClosed(first, last).filter(p -> !taken.get(p - first)).toArray();
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
