package org.hyperstrand.sparc.jit;

import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.DecodedPage;

/**
 * The translated blocks of one decoded page by the slot they start at, and how often each slot
 * was entered before it was translated. Shared by the CPUs that share the page; races between
 * them only translate a block twice or lose a count.
 */
public final class PageBlocks {

    /** Marks a slot where no block can start (its first instruction is not translatable). */
    static final TranslatedBlock NONE = new TranslatedBlock() {
        @Override
        public void run(SparcState s, long limit) {
        }
    };

    final TranslatedBlock[] blocks = new TranslatedBlock[DecodedPage.SLOTS];
    final int[] heat = new int[DecodedPage.SLOTS];
}
