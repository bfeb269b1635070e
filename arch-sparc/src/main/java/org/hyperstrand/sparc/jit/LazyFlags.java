package org.hyperstrand.sparc.jit;

import org.hyperstrand.sparc.exec.ConditionCodes;

/**
 * Condition codes as translated blocks keep them: rather than computing CCR after every
 * ADDcc, SUBcc or logical cc instruction, a block keeps the kind of the last one and its
 * operands and result, tests branch conditions on those directly, and computes CCR only where
 * it must (on exit, for a carry, for a condition it cannot test directly).
 */
public final class LazyFlags {

    /** CCR is current in the block's CCR local. */
    public static final int CCR = 0;
    /** CCR is what ADDcc (without carry in) of the operands and result would give. */
    public static final int ADD = 1;
    /** CCR is what SUBcc (without borrow in) of the operands and result would give. */
    public static final int SUB = 2;
    /** CCR is what a logical cc instruction with this result would give (V = C = 0). */
    public static final int LOGIC = 3;

    private LazyFlags() {
    }

    /** CCR for a kind known only when the block runs (at the block start of a loop's pass). */
    public static int ccr(int kind, int ccr, long a, long b, long res) {
        switch (kind) {
            case ADD: return ConditionCodes.add(a, b, res);
            case SUB: return ConditionCodes.sub(a, b, res);
            case LOGIC: return ConditionCodes.logic(res);
            default: return ccr;
        }
    }
}
