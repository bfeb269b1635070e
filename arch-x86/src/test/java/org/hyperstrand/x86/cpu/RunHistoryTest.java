package org.hyperstrand.x86.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.LongToIntFunction;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

    /** Instructions of 2 bytes everywhere. */
    private static final LongToIntFunction TWO_BYTES = at -> 2;

    @Test
    void runsExpandToTheirInstructionsOldestFirst() {
        RunHistory h = new RunHistory();
        h.record(0x100, 0x104);                                 // 0x100, 0x102, 0x104
        h.record(0x200, 0x200);
        h.record(0x100, 0x102);
        assertEquals(List.of(0x100L, 0x102L, 0x104L, 0x200L, 0x100L, 0x102L), h.lastInstructions(16, TWO_BYTES));
    }

    @Test
    void onlyTheLastInstructionsAreListed() {
        RunHistory h = new RunHistory();
        h.record(0x100, 0x10e);                                 // 8 instructions
        h.record(0x300, 0x302);
        assertEquals(List.of(0x10aL, 0x10cL, 0x10eL, 0x300L, 0x302L), h.lastInstructions(5, TWO_BYTES));
    }

    @Test
    void theRingKeepsTheLastRunsAfterWrappingAround() {
        RunHistory h = new RunHistory();
        for (long run = 0; run < RunHistory.SIZE + 5; run++) {
            h.record(0x1000 * run, 0x1000 * run);
        }
        List<Long> last = h.lastInstructions(RunHistory.SIZE, TWO_BYTES);
        assertEquals(RunHistory.SIZE, last.size());
        assertEquals(0x1000L * 5, last.get(0));
        assertEquals(0x1000L * (RunHistory.SIZE + 4), last.get(RunHistory.SIZE - 1));
    }

    @Test
    void aRunThatNoLongerDecodesToItsEndShowsItsTwoEnds() {
        RunHistory h = new RunHistory();
        h.record(0x100, 0x105);                                 // 2-byte steps never land on 0x105
        h.record(0x200, 0x204);
        LongToIntFunction unreadableAt0x202 = at -> at == 0x202 ? 0 : 2;
        assertEquals(List.of(0x100L, 0x105L, 0x200L, 0x204L), h.lastInstructions(16, unreadableAt0x202));
    }

    @Test
    void clearForgetsEverything() {
        RunHistory h = new RunHistory();
        h.record(0x100, 0x100);
        h.clear();
        assertEquals(List.of(), h.lastInstructions(16, TWO_BYTES));
    }
}
