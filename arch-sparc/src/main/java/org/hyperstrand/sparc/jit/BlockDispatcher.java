package org.hyperstrand.sparc.jit;

import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.DecodedPage;

/**
 * The run loop's way into translated code, one per CPU: counts entries of block starts, has a
 * start translated once it is hot, and runs its block.
 */
public final class BlockDispatcher {

    private final int threshold;
    private final BlockTranslator translator;

    public BlockDispatcher(TranslationConfig config) {
        this.threshold = config.threshold();
        this.translator = new BlockTranslator(config.maxInstructions());
    }

    /**
     * Runs the block starting at {@code slot} of {@code page} (the page of {@code s.pc}) if there
     * is one; the caller sees from the retired count whether it ran anything.
     */
    public void enter(DecodedPage page, int slot, SparcState s, long limit) {
        PageBlocks pb = page.blocks;
        if (pb == null) {
            pb = new PageBlocks();
            page.blocks = pb;
        }
        TranslatedBlock b = pb.blocks[slot];
        if (b == null) {
            if (++pb.heat[slot] < threshold) {
                return;
            }
            b = translator.translate(page, slot);
            pb.blocks[slot] = b;
        }
        b.run(s, limit);
    }

    /** Whether an interpreted instruction of operation {@code op} may continue a block, so the next need not be probed. */
    public static boolean continuesBlock(int op) {
        return BlockPlan.translatable(op);
    }

    /** Blocks this CPU translated into new classes, for reports and tests. */
    public int translated() {
        return translator.translated();
    }

    /** Blocks this CPU took from the process-wide cache of earlier translations. */
    public int reused() {
        return translator.reused();
    }

    /** Translations that failed through an error of the translator; the interpreter ran that code. */
    public int failures() {
        return translator.failures();
    }
}
