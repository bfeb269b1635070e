package org.hyperstrand.x86.cpu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * The last straight-line runs the CPU executed, for reports: each run is the address of its
 * first and of its last instruction, everything between them executed in address order. The
 * run loop records a run once, when it ends (a taken branch, a fault, an exit, the end of a
 * page or of the budget), instead of every instruction's address: the report decodes the runs
 * forward again to list the last instructions one by one.
 */
public final class RunHistory {

    /** Runs kept; every run holds at least one instruction, so the last SIZE are always there. */
    public static final int SIZE = 16;
    /** A run longer than this is listed only from its end backwards (a report shows few anyway). */
    private static final int MAX_EXPANDED = 4096;

    private final long[] firsts = new long[SIZE];
    private final long[] lasts = new long[SIZE];
    private int pos;

    public RunHistory() {
        clear();
    }

    /** Forgets every run. */
    public void clear() {
        Arrays.fill(firsts, -1);
        Arrays.fill(lasts, -1);
    }

    /** Records a run of instructions from address {@code first} to {@code last}, both executed. */
    public void record(long first, long last) {
        int p = (pos + 1) & (SIZE - 1);
        firsts[p] = first;
        lasts[p] = last;
        pos = p;
    }

    /**
     * The addresses of up to {@code max} of the last instructions, oldest first.
     * {@code lengthAt} gives the length of the instruction at an address (0 or less if it
     * cannot be read or decoded): a run whose instructions cannot be walked from its first to
     * its last (memory rewritten or unmapped since) shows as its two ends.
     */
    public List<Long> lastInstructions(int max, LongToIntFunction lengthAt) {
        Deque<Long> out = new ArrayDeque<>();
        for (int k = 0; k < SIZE && out.size() < max; k++) {
            int p = (pos - k) & (SIZE - 1);
            if (firsts[p] == -1) {
                break;
            }
            List<Long> run = expand(firsts[p], lasts[p], lengthAt);
            for (int i = run.size() - 1; i >= 0 && out.size() < max; i--) {
                out.addFirst(run.get(i));
            }
        }
        return new ArrayList<>(out);
    }

    private static List<Long> expand(long first, long last, LongToIntFunction lengthAt) {
        List<Long> run = new ArrayList<>();
        long at = first;
        while (run.size() < MAX_EXPANDED) {
            run.add(at);
            if (at == last) {
                return run;
            }
            int len = lengthAt.applyAsInt(at);
            if (len <= 0 || Long.compareUnsigned(at + len, last) > 0) {
                break;
            }
            at += len;
        }
        return first == last ? List.of(first) : List.of(first, last);
    }
}
