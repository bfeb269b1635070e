package org.hyperstrand.sparc.jit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translated blocks by what they were written from, shared by every CPU of every machine in
 * the process. The same guest code loaded again (a rebooted domain, another domain of the same
 * image, the next run of a benchmark) reuses classes HotSpot has already compiled instead of
 * defining new ones that start cold in its interpreter. The least recently used blocks are
 * forgotten beyond {@link #CAPACITY}, so that their classes can be unloaded.
 */
final class BlockCache {

    static final int CAPACITY = 2048;

    private static final Map<BlockKey, TranslatedBlock> BLOCKS = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BlockKey, TranslatedBlock> eldest) {
            return size() > CAPACITY;
        }
    };

    private BlockCache() {
    }

    static synchronized TranslatedBlock get(BlockKey key) {
        return BLOCKS.get(key);
    }

    static synchronized void put(BlockKey key, TranslatedBlock block) {
        BLOCKS.put(key, block);
    }
}
