package org.hyperstrand.sparc.jit;

import org.hyperstrand.sparc.decode.DecodedPage;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.decode.Op;
import org.hyperstrand.sparc.decode.SparcDecoder;
import org.hyperstrand.sparc.mem.SparcMemory;

/**
 * What a block may hold, and the page it is read from. A block starts at one slot of a
 * decoded page and follows the guest's control flow inside that page: it holds integer
 * arithmetic, logic, shifts, multiplies, 64-bit divides, conditional moves and SETHI, the
 * plain loads and stores, and the delayed control transfers Bicc, BPcc, BPr, BA, CALL and JMPL
 * with their delay slot (which must be a plain instruction of the same page). Where a path
 * meets anything else, the page end or the length cap, it leaves the block.
 */
final class BlockPlan {

    static final int NONE = 0;
    static final int PLAIN = 1;
    /** Conditional transfers (and BN): a path goes on after their delay slot. */
    static final int CONDITIONAL = 2;
    /** BA, CALL, JMPL: a path does not fall through them. */
    static final int FINAL = 3;

    private static final byte[] KIND = new byte[256];

    static {
        for (int op = Op.ADD; op <= Op.SMULCC; op++) {
            KIND[op] = PLAIN;
        }
        KIND[Op.NOP] = PLAIN;
        KIND[Op.SETHI] = PLAIN;
        KIND[Op.UDIVX] = PLAIN;
        KIND[Op.SDIVX] = PLAIN;
        for (int op = Op.SLL; op <= Op.MOVR; op++) {
            KIND[op] = PLAIN;
        }
        for (int op = Op.LDUB; op <= Op.LDX; op++) {
            KIND[op] = PLAIN;
        }
        for (int op = Op.STB; op <= Op.STX; op++) {
            KIND[op] = PLAIN;
        }
        KIND[Op.BICC] = CONDITIONAL;
        KIND[Op.BPICC] = CONDITIONAL;
        KIND[Op.BPXCC] = CONDITIONAL;
        KIND[Op.BPR] = CONDITIONAL;
        KIND[Op.BN] = CONDITIONAL;
        KIND[Op.BA22] = FINAL;
        KIND[Op.BA19] = FINAL;
        KIND[Op.CALL] = FINAL;
        KIND[Op.JMPL] = FINAL;
    }

    final DecodedPage page;
    final int start;
    /** Instructions one block may hold over all its paths: also the most one pass retires. */
    final int max;

    /** Slot and word of every instruction the block was written from, in the order first read. */
    private final java.util.LinkedHashMap<Integer, Integer> read = new java.util.LinkedHashMap<>();

    BlockPlan(DecodedPage page, int start, int max) {
        this.page = page;
        this.start = start;
        this.max = max;
    }

    /**
     * What the block's code is a function of: its start slot, the cap, and the slot and word of
     * every instruction it read. Blocks with equal keys are the same class, wherever they come
     * from (code is relative to the entry PC and state is the caller's).
     */
    BlockKey key() {
        int[] k = new int[2 + 2 * read.size()];
        k[0] = start;
        k[1] = max;
        int i = 2;
        for (java.util.Map.Entry<Integer, Integer> e : new java.util.TreeMap<>(read).entrySet()) {
            k[i++] = e.getKey();
            k[i++] = e.getValue();
        }
        return new BlockKey(k);
    }

    static int kind(int op) {
        return op < KIND.length ? KIND[op] : NONE;
    }

    static boolean translatable(int op) {
        return kind(op) != NONE;
    }

    /** Whether a block can start at all: its first instruction, with its delay slot if any, fits one. */
    boolean canStart() {
        return startsPath(start, max);
    }

    /**
     * Whether the instruction at {@code slot} can be written with {@code room} instructions
     * left: a plain one, or a transfer whose delay slot is plain and in this page.
     */
    boolean startsPath(int slot, int room) {
        if (slot >= DecodedPage.SLOTS || room < 1) {
            return false;
        }
        int kind = kind(Insn.op(decoded(slot)));
        if (kind == PLAIN) {
            return true;
        }
        return kind != NONE && room >= 2 && slot + 1 < DecodedPage.SLOTS
                && kind(Insn.op(decoded(slot + 1))) == PLAIN;
    }

    /** The page's decoded instruction in {@code slot}, decoding it as the interpreter would. */
    long decoded(int slot) {
        long d = page.ops[slot];
        if (d == 0) {
            d = SparcDecoder.decode((int) SparcMemory.BE32.get(page.chunk, page.chunkOffset + (slot << 2)));
            page.ops[slot] = d;
        }
        read.putIfAbsent(slot, (int) d);
        return d;
    }
}
