package org.hyperstrand.sparc.jit;

import org.hyperstrand.sparc.decode.DecodedPage;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.decode.Op;
import org.hyperstrand.sparc.decode.SparcDecoder;
import org.hyperstrand.sparc.mem.SparcMemory;

/**
 * Which instructions one block holds: the run of slots [start, end) of a decoded page. A block
 * holds integer arithmetic, logic, shifts, multiplies, 64-bit divides, conditional moves and
 * SETHI, the plain loads and stores, and the delayed control transfers Bicc, BPcc, BPr, CALL
 * and JMPL with their delay slot. It goes on past a conditional branch (the branch taken is a
 * side exit) and ends after BA, CALL or JMPL and its slot, before any other instruction, before
 * a transfer whose delay slot is not a plain instruction of the same page, at the end of the
 * page, or at the length cap.
 */
final class BlockPlan {

    static final int NONE = 0;
    static final int PLAIN = 1;
    /** Conditional transfers (and BN): the block may go on after their delay slot. */
    static final int CONDITIONAL = 2;
    /** BA, CALL, JMPL: the block ends after their delay slot. */
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

    final int start;
    final int end;
    /** Decoded instructions of slots [start, end). */
    final long[] decoded;

    private BlockPlan(int start, int end, long[] decoded) {
        this.start = start;
        this.end = end;
        this.decoded = decoded;
    }

    static int kind(int op) {
        return op < KIND.length ? KIND[op] : NONE;
    }

    static boolean translatable(int op) {
        return kind(op) != NONE;
    }

    /** Instructions in the block, the most one pass through it retires. */
    int length() {
        return end - start;
    }

    long decoded(int slot) {
        return decoded[slot - start];
    }

    /** The block starting at {@code start}, at most {@code max} instructions; empty when none can start there. */
    static BlockPlan scan(DecodedPage page, int start, int max) {
        int i = start;
        while (i < DecodedPage.SLOTS && i - start < max) {
            int kind = kind(Insn.op(decode(page, i)));
            if (kind == NONE) {
                break;
            }
            if (kind == PLAIN) {
                i++;
                continue;
            }
            if (i + 1 >= DecodedPage.SLOTS || i + 2 - start > max
                    || kind(Insn.op(decode(page, i + 1))) != PLAIN) {
                break;
            }
            i += 2;
            if (kind == FINAL) {
                break;
            }
        }
        long[] decoded = new long[i - start];
        for (int k = start; k < i; k++) {
            decoded[k - start] = page.ops[k];
        }
        return new BlockPlan(start, i, decoded);
    }

    /** The page's decoded instruction in {@code slot}, decoding it as the interpreter would. */
    private static long decode(DecodedPage page, int slot) {
        long d = page.ops[slot];
        if (d == 0) {
            d = SparcDecoder.decode((int) SparcMemory.BE32.get(page.chunk, page.chunkOffset + (slot << 2)));
            page.ops[slot] = d;
        }
        return d;
    }
}
