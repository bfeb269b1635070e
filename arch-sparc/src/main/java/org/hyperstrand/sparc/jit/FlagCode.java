package org.hyperstrand.sparc.jit;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.MethodVisitor;

/**
 * Condition codes in translated code ({@link LazyFlags}): the kind and operands of the last cc
 * instruction are kept, conditions are tested on them directly where they are a plain
 * comparison, and CCR is computed only where something needs it.
 */
abstract class FlagCode extends BlockCode {

    FlagCode(MethodVisitor mv) {
        super(mv);
    }

    /** Pushes 1 if branch condition {@code cond} holds on icc (or xcc), else 0. */
    void ccTest(int cond, boolean xcc) {
        if (flags == LazyFlags.SUB || flags == LazyFlags.ADD || flags == LazyFlags.LOGIC) {
            if (directTest(cond, xcc)) {
                return;
            }
        }
        materialize();
        mv.visitIntInsn(BIPUSH, cond);
        mv.visitVarInsn(ILOAD, CCR);
        if (xcc) {
            mv.visitInsn(ICONST_4);
            mv.visitInsn(IUSHR);
        }
        mv.visitIntInsn(BIPUSH, 15);
        mv.visitInsn(IAND);
        mv.visitMethodInsn(INVOKESTATIC, CC, "test", "(II)Z", false);
    }

    /**
     * Tests {@code cond} on the operands of the last cc instruction where that is a plain
     * comparison (SPARC V9 A.3 condition table: after SUBcc, e/le/l/leu/cs are a = b, a &lt;= b,
     * a &lt; b signed and a &lt;= b, a &lt; b unsigned; after a logical op V = C = 0); false if
     * the condition needs CCR.
     */
    boolean directTest(int cond, boolean xcc) {
        int base = cond & 7;
        boolean negate = (cond & 8) != 0;
        if (base == 0) {
            return false;  // never / always are separate operations or rare
        }
        if (flags == LazyFlags.SUB && base != 7 && base != 6) {
            mv.visitVarInsn(LLOAD, FA);
            narrow(xcc);
            mv.visitVarInsn(LLOAD, FB);
            narrow(xcc);
            boolean unsigned = base == 4 || base == 5;
            int jump;
            switch (base) {
                case 1: jump = IFEQ; break;
                case 2:
                case 4: jump = IFLE; break;
                default: jump = IFLT; break;  // 3 l, 5 cs
            }
            if (negate) {
                jump = invert(jump);
            }
            if (!xcc && !unsigned) {
                boolFromJump(intCompare(jump));  // if_icmp on the two ints
                return true;
            }
            if (xcc) {
                if (unsigned) {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                } else {
                    mv.visitInsn(LCMP);
                }
            } else {
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
            }
            boolFromJump(jump);
            return true;
        }
        if (flags == LazyFlags.SUB || flags == LazyFlags.ADD) {
            if (base != 1 && base != 6) {
                return false;
            }
        }
        // the sign and zero of the result decide: e, neg (and for a logical op all but vs)
        int jump;
        switch (base) {
            case 1: jump = IFEQ; break;                      // e
            case 6: jump = IFLT; break;                      // neg
            case 3: jump = IFLT; break;                      // l = N (V = 0)
            case 2: jump = IFLE; break;                      // le = Z | N
            case 4: jump = IFEQ; break;                      // leu = C | Z = Z
            case 5: constantCondition(negate); return true;  // cs = C = 0
            default: constantCondition(negate); return true; // vs = V = 0
        }
        mv.visitVarInsn(LLOAD, FRES);
        if (xcc) {
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCMP);
        } else {
            mv.visitInsn(L2I);
        }
        boolFromJump(negate ? invert(jump) : jump);
        return true;
    }

    /** Pushes 0 for a condition that never holds here, 1 for its negation. */
    void constantCondition(boolean negate) {
        mv.visitInsn(negate ? ICONST_1 : ICONST_0);
    }

    /** Makes the CCR local current (computing it from the lazy operands) and the flag state CCR. */
    void materialize() {
        switch (flags) {
            case LazyFlags.CCR:
                return;
            case LazyFlags.ADD:
            case LazyFlags.SUB:
                mv.visitVarInsn(LLOAD, FA);
                mv.visitVarInsn(LLOAD, FB);
                mv.visitVarInsn(LLOAD, FRES);
                mv.visitMethodInsn(INVOKESTATIC, CC, flags == LazyFlags.ADD ? "add" : "sub", "(JJJ)I", false);
                break;
            case LazyFlags.LOGIC:
                mv.visitVarInsn(LLOAD, FRES);
                mv.visitMethodInsn(INVOKESTATIC, CC, "logic", "(J)I", false);
                break;
            default:
                pushDynamicCcr();
                break;
        }
        mv.visitVarInsn(ISTORE, CCR);
        flags = LazyFlags.CCR;
    }

    /** Pushes CCR as the KIND local and the lazy operands give it when the block runs. */
    void pushDynamicCcr() {
        mv.visitVarInsn(ILOAD, KIND);
        mv.visitVarInsn(ILOAD, CCR);
        mv.visitVarInsn(LLOAD, FA);
        mv.visitVarInsn(LLOAD, FB);
        mv.visitVarInsn(LLOAD, FRES);
        mv.visitMethodInsn(INVOKESTATIC, LAZY, "ccr", "(IIJJJ)I", false);
    }

    /** Before leaving the block or looping: records the flag kind known here in the KIND local. */
    void noteFlagKind() {
        if (flags != DYNAMIC) {
            iconst(flags);
            mv.visitVarInsn(ISTORE, KIND);
        }
    }

    void carryIn() {
        mv.visitVarInsn(ILOAD, CCR);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IAND);
        mv.visitInsn(I2L);
    }

    /** With a long result on the stack: the flags become those of a logical op with that result. */
    void logicFlags() {
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LSTORE, FRES);
        flagsWritten = true;
        flags = LazyFlags.LOGIC;
    }

    /** The jump taken when (r[rs1] compared with 0) meets register condition rcond. */
    static int registerJump(int rcond) {
        switch (rcond) {
            case 1: return IFEQ;
            case 2: return IFLE;
            case 3: return IFLT;
            case 5: return IFNE;
            case 6: return IFGT;
            default: return IFGE;
        }
    }
}
