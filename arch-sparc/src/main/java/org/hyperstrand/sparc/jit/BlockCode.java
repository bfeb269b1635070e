package org.hyperstrand.sparc.jit;

import static org.objectweb.asm.Opcodes.*;

import org.hyperstrand.sparc.decode.Insn;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * The ground the block writers stand on: the JVM locals of {@code run(SparcState s, long limit)}
 * (registers the block names live in locals, %g0 reads as 0 and its writes are dropped), the
 * state the writers share, and small bytecode helpers.
 */
abstract class BlockCode {

    static final String CLASS_NAME = "org/hyperstrand/sparc/jit/Block";

    static final String STATE = "org/hyperstrand/sparc/cpu/SparcState";
    static final String MEMORY = "org/hyperstrand/sparc/mem/SparcMemory";
    static final String MEMORY_DESC = "L" + MEMORY + ";";
    static final String CC = "org/hyperstrand/sparc/exec/ConditionCodes";
    static final String BLOCK_MEMORY = "org/hyperstrand/sparc/jit/BlockMemory";
    static final String TRAIL = "org/hyperstrand/sparc/jit/PcTrail";
    static final String LAZY = "org/hyperstrand/sparc/jit/LazyFlags";

    // JVM locals of run(SparcState s, long limit)
    static final int S = 1;
    static final int LIMIT = 2;
    static final int BASE = 4;
    static final int RET = 6;
    static final int MEM = 8;
    static final int R = 9;
    static final int CCR = 10;
    static final int LOOPS = 11;
    static final int EXIT_PC = 12;
    static final int EXIT_NPC = 14;
    static final int EXIT_COUNT = 16;
    static final int EXIT_PATH = 17;
    static final int TAKEN = 18;
    static final int ADDR = 19;
    static final int OFF = 21;
    static final int TARGET = 22;
    static final int TB = 26;
    static final int TRES = 28;
    /** %g1 lives in REG0 + 2, %i7 in REG0 + 62. */
    static final int REG0 = 28;
    /** The lazy condition codes: kind (a {@link LazyFlags} constant), operands and result. */
    static final int KIND = 92;
    static final int FA = 93;
    static final int FB = 95;
    static final int FRES = 97;
    static final int PAGE = 99;
    /**
     * Non-zero once an access of this pass refilled the TLB, which may have evicted the page
     * another site keeps: until the pass ends every site probes the software TLB again, and
     * the next pass starts with none keeping a page.
     */
    static final int REFILLED = 101;
    /** Each load or store keeps the page it last hit in: tag (long), chunk, base (int). */
    static final int SITES = 102;
    static final int SITE_SIZE = 4;
    /** Flag state where the kind is only known when the block runs: in the KIND local. */
    static final int DYNAMIC = -1;

    final MethodVisitor mv;
    /** Registers read and written somewhere in the block: loaded on entry, stored back on exit. */
    final boolean[] used = new boolean[32];
    final boolean[] written = new boolean[32];
    boolean flagsWritten;
    /** What the condition codes are at the point being written: a {@link LazyFlags} kind or DYNAMIC. */
    int flags;
    /** Loads and stores written so far (each has a page cache in locals). */
    int sites;

    BlockCode(MethodVisitor mv) {
        this.mv = mv;
    }

    /** Leaves the block before instruction {@code i} when the int on the stack meets {@code jump}. */
    abstract void leaveIf(int jump, int i);

    static int reg(int k) {
        return REG0 + 2 * k;
    }

    void pushReg(int k) {
        if (k == 0) {
            mv.visitInsn(LCONST_0);
            return;
        }
        used[k] = true;
        mv.visitVarInsn(LLOAD, reg(k));
    }

    /** Pops a long into register k; a write to %g0 is dropped. */
    void storeReg(int k) {
        if (k == 0) {
            mv.visitInsn(POP2);
            return;
        }
        written[k] = true;
        mv.visitVarInsn(LSTORE, reg(k));
    }

    void src1(int insn) {
        pushReg(Insn.rs1(insn));
    }

    void src2(int insn) {
        if (Insn.immediate(insn)) {
            lconst(Insn.simm13(insn));
        } else {
            pushReg(Insn.rs2(insn));
        }
    }

    /** Pushes the entry PC plus {@code off}. */
    void pcOf(long off) {
        mv.visitVarInsn(LLOAD, BASE);
        if (off != 0) {
            lconst(off);
            mv.visitInsn(LADD);
        }
    }

    void lconst(long v) {
        if (v == 0) {
            mv.visitInsn(LCONST_0);
        } else if (v == 1) {
            mv.visitInsn(LCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    void iconst(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** With an int on the stack: pushes 1 if it meets {@code jump}, else 0. */
    void boolFromJump(int jump) {
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(jump, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
    }

    void narrow(boolean xcc) {
        if (!xcc) {
            mv.visitInsn(L2I);
        }
    }

    /** The two-int compare-and-jump that matches comparing their difference's sign with {@code jump}. */
    static int intCompare(int jump) {
        switch (jump) {
            case IFEQ: return IF_ICMPEQ;
            case IFNE: return IF_ICMPNE;
            case IFLT: return IF_ICMPLT;
            case IFGE: return IF_ICMPGE;
            case IFGT: return IF_ICMPGT;
            case IFLE: return IF_ICMPLE;
            default: throw new IllegalArgumentException("jump " + jump);
        }
    }

    static int invert(int jump) {
        switch (jump) {
            case IFEQ: return IFNE;
            case IFNE: return IFEQ;
            case IFLT: return IFGE;
            case IFGE: return IFLT;
            case IFGT: return IFLE;
            case IFLE: return IFGT;
            default: throw new IllegalArgumentException("jump " + jump);
        }
    }
}
