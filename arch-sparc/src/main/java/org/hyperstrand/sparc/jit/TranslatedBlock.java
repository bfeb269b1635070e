package org.hyperstrand.sparc.jit;

import org.hyperstrand.sparc.cpu.SparcState;

/**
 * A guest block compiled to bytecode. {@link #run} starts at {@code s.pc} and retires whole
 * instructions, never past {@code limit} retired in all; it leaves PC, NPC, the registers, CCR,
 * the retired count and the PC ring exactly as the interpreter would after the same
 * instructions. It does nothing (retires nothing) when it cannot start: NPC is not PC + 4, the
 * budget left is shorter than the block, or PSTATE.AM or PSTATE.CLE is set.
 */
public interface TranslatedBlock {

    void run(SparcState s, long limit);
}
