package org.hyperstrand.sparc.jit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.hyperstrand.sparc.decode.DecodedPage;

/**
 * Turns the block at a slot of a decoded page into a {@link TranslatedBlock}: plans it, writes
 * its class and defines it as a hidden class (unloaded once the page and its blocks are gone).
 * A plan whose method would be too long for HotSpot to compile is halved until it fits. A block
 * written from the same instructions as one defined before is that one ({@link BlockCache}).
 */
final class BlockTranslator {

    /** HotSpot does not compile methods of 8000 bytecode bytes or more; stay well below. */
    static final int MAX_CODE_LENGTH = 7000;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodType CONSTRUCTOR = MethodType.methodType(void.class);

    private final int maxInstructions;
    private int translated;
    private int failures;
    private int reused;

    BlockTranslator(int maxInstructions) {
        this.maxInstructions = maxInstructions;
    }

    /** The block starting at {@code slot}, or {@link PageBlocks#NONE} when none can start there. */
    TranslatedBlock translate(DecodedPage page, int slot) {
        int max = maxInstructions;
        while (true) {
            BlockPlan plan = new BlockPlan(page, slot, max);
            if (!plan.canStart()) {
                return PageBlocks.NONE;
            }
            BlockEmitter.Output out;
            try {
                out = BlockEmitter.emit(plan);
            } catch (RuntimeException e) {
                failures++;  // a translator bug: the interpreter runs the code instead
                return PageBlocks.NONE;
            }
            if (out.codeLength() > MAX_CODE_LENGTH && max > 2) {
                max /= 2;
                continue;
            }
            BlockKey key = plan.key();
            TranslatedBlock known = BlockCache.get(key);
            if (known != null) {
                reused++;
                return known;
            }
            TranslatedBlock b = define(out.classFile());
            if (b != PageBlocks.NONE) {
                BlockCache.put(key, b);
            }
            return b;
        }
    }

    private TranslatedBlock define(byte[] classFile) {
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(classFile, true);
            TranslatedBlock b = (TranslatedBlock) hidden.findConstructor(hidden.lookupClass(), CONSTRUCTOR).invoke();
            translated++;
            return b;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            failures++;  // e.g. a VerifyError from a translator bug: the interpreter runs the code instead
            return PageBlocks.NONE;
        }
    }

    int translated() {
        return translated;
    }

    /** Blocks this translator found already defined (by any CPU) instead of defining them. */
    int reused() {
        return reused;
    }

    /** Blocks that could not be translated because of an error in the translator (tests expect none). */
    int failures() {
        return failures;
    }
}
