package org.hyperstrand.sparc.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.sparc.decode.DecodedPage;
import org.hyperstrand.sparc.mem.SparcMemory;
import org.junit.jupiter.api.Test;

class BlockTranslatorTest {

    /** stx %g1, [%g2 + 8]: a store, whose code (alignment check, page cache, probe, exit) is long. */
    private static final int STX = (3 << 30) | (1 << 25) | (0x0e << 19) | (2 << 14) | 0x2000 | 8;
    /** ta 0x80: no block holds it. */
    private static final int TA = (2 << 30) | (8 << 25) | (0x3a << 19) | 0x2000 | 0x80;

    private static DecodedPage pageOf(int word) {
        byte[] chunk = new byte[DecodedPage.SLOTS * 4];
        for (int i = 0; i < DecodedPage.SLOTS; i++) {
            SparcMemory.BE32.set(chunk, 4 * i, word);
        }
        return new DecodedPage(1, chunk, 0);
    }

    @Test
    void blocksTooLongForHotSpotToCompileAreShortened() {
        DecodedPage page = pageOf(STX);
        int full = BlockEmitter.emit(new BlockPlan(page, 0, 128)).codeLength();
        assertTrue(full > BlockTranslator.MAX_CODE_LENGTH, "128 stores should not fit: " + full);
        BlockTranslator translator = new BlockTranslator(128);
        assertNotSame(PageBlocks.NONE, translator.translate(page, 0));
        assertEquals(0, translator.failures());
        // halved twice: 32 stores fit
        assertTrue(BlockEmitter.emit(new BlockPlan(page, 0, 64)).codeLength() > BlockTranslator.MAX_CODE_LENGTH);
        assertTrue(BlockEmitter.emit(new BlockPlan(page, 0, 32)).codeLength() <= BlockTranslator.MAX_CODE_LENGTH);
    }

    @Test
    void noBlockStartsAtAnInstructionItCannotHold() {
        BlockTranslator translator = new BlockTranslator(48);
        assertSame(PageBlocks.NONE, translator.translate(pageOf(TA), 5));
        assertEquals(0, translator.translated());
    }
}
