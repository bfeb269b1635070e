package org.hyperstrand.sparc.jit;

import static org.objectweb.asm.Opcodes.*;

import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.decode.Op;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * The plain instructions of a block (everything but control transfers), with the semantics of
 * {@code org.hyperstrand.sparc.exec} for PSTATE.AM = 0 and PSTATE.CLE = 0. A software-TLB miss
 * is refilled in the block when that cannot trap; what would trap (a misaligned address, a
 * miss the TSBs do not serve, a zero divisor) leaves the block before the instruction, so that
 * the interpreter runs it.
 */
abstract class InstructionCode extends FlagCode {

    InstructionCode(MethodVisitor mv) {
        super(mv);
    }

    void plain(int i, int op, int insn) {
        int rd = Insn.rd(insn);
        switch (op) {
            case Op.NOP:
                return;
            case Op.SETHI:
                lconst((long) (insn & 0x3f_ffff) << 10);
                storeReg(rd);
                return;
            case Op.ADD: addSub(insn, false, false, false); return;
            case Op.ADDCC: addSub(insn, false, false, true); return;
            case Op.ADDC: addSub(insn, false, true, false); return;
            case Op.ADDCCC: addSub(insn, false, true, true); return;
            case Op.SUB: addSub(insn, true, false, false); return;
            case Op.SUBCC: addSub(insn, true, false, true); return;
            case Op.SUBC: addSub(insn, true, true, false); return;
            case Op.SUBCCC: addSub(insn, true, true, true); return;
            case Op.AND:
            case Op.ANDN:
            case Op.OR:
            case Op.ORN:
            case Op.XOR:
            case Op.XNOR:
                logic(insn, false);
                return;
            case Op.ANDCC:
            case Op.ANDNCC:
            case Op.ORCC:
            case Op.ORNCC:
            case Op.XORCC:
            case Op.XNORCC:
                logic(insn, true);
                return;
            case Op.MULX:
                src1(insn);
                src2(insn);
                mv.visitInsn(LMUL);
                storeReg(rd);
                return;
            case Op.UMUL: mul32(insn, false, false); return;
            case Op.SMUL: mul32(insn, true, false); return;
            case Op.UMULCC: mul32(insn, false, true); return;
            case Op.SMULCC: mul32(insn, true, true); return;
            case Op.UDIVX:
            case Op.SDIVX:
                src2(insn);
                mv.visitVarInsn(LSTORE, TB);
                mv.visitVarInsn(LLOAD, TB);
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                leaveIf(IFEQ, i);
                src1(insn);
                mv.visitVarInsn(LLOAD, TB);
                if (op == Op.UDIVX) {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "divideUnsigned", "(JJ)J", false);
                } else {
                    mv.visitInsn(LDIV);
                }
                storeReg(rd);
                return;
            case Op.SLL: shift(insn, 31, false, LSHL); return;
            case Op.SRL: shift(insn, 31, true, LUSHR); return;
            case Op.SRA:
                src1(insn);
                mv.visitInsn(L2I);
                shiftCount(insn, 31);
                mv.visitInsn(ISHR);
                mv.visitInsn(I2L);
                storeReg(rd);
                return;
            case Op.SLLX: shift(insn, 63, false, LSHL); return;
            case Op.SRLX: shift(insn, 63, false, LUSHR); return;
            case Op.SRAX: shift(insn, 63, false, LSHR); return;
            case Op.POPC:
                src2(insn);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "bitCount", "(J)I", false);
                mv.visitInsn(I2L);
                storeReg(rd);
                return;
            case Op.MOVCC: {
                Label skip = new Label();
                ccTest((insn >>> 14) & 15, (insn & 0x1000) != 0);
                mv.visitJumpInsn(IFEQ, skip);
                if (Insn.immediate(insn)) {
                    lconst(Insn.simm11(insn));
                } else {
                    pushReg(Insn.rs2(insn));
                }
                storeReg(rd);
                mv.visitLabel(skip);
                return;
            }
            case Op.MOVR: {
                Label skip = new Label();
                src1(insn);
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(invert(registerJump(Insn.rcondMove(insn))), skip);
                if (Insn.immediate(insn)) {
                    lconst(Insn.simm10(insn));
                } else {
                    pushReg(Insn.rs2(insn));
                }
                storeReg(rd);
                mv.visitLabel(skip);
                return;
            }
            case Op.LDUB: load(i, insn, 1, "ldub"); return;
            case Op.LDSB: load(i, insn, 1, "ldsb"); return;
            case Op.LDUH: load(i, insn, 2, "lduh"); return;
            case Op.LDSH: load(i, insn, 2, "ldsh"); return;
            case Op.LDUW: load(i, insn, 4, "lduw"); return;
            case Op.LDSW: load(i, insn, 4, "ldsw"); return;
            case Op.LDX: load(i, insn, 8, "ldx"); return;
            case Op.STB: store(i, insn, 1, "stb"); return;
            case Op.STH: store(i, insn, 2, "sth"); return;
            case Op.STW: store(i, insn, 4, "stw"); return;
            case Op.STX: store(i, insn, 8, "stx"); return;
            default:
                throw new IllegalStateException("not a plain instruction: " + Op.name(op));
        }
    }

    void addSub(int insn, boolean sub, boolean carry, boolean cc) {
        int arith = sub ? LSUB : LADD;
        if (carry) {
            materialize();  // the carry in is CCR.icc.C
        }
        if (!cc) {
            src1(insn);
            src2(insn);
            mv.visitInsn(arith);
            if (carry) {
                carryIn();
                mv.visitInsn(arith);
            }
            storeReg(Insn.rd(insn));
            return;
        }
        src1(insn);
        mv.visitVarInsn(LSTORE, FA);
        src2(insn);
        mv.visitVarInsn(LSTORE, FB);
        mv.visitVarInsn(LLOAD, FA);
        mv.visitVarInsn(LLOAD, FB);
        mv.visitInsn(arith);
        if (carry) {
            carryIn();
            mv.visitInsn(arith);
        }
        mv.visitVarInsn(LSTORE, FRES);
        flagsWritten = true;
        if (carry) {
            // rare: computed at once, as the interpreter does
            mv.visitVarInsn(LLOAD, FA);
            mv.visitVarInsn(LLOAD, FB);
            mv.visitVarInsn(LLOAD, FRES);
            mv.visitMethodInsn(INVOKESTATIC, CC, sub ? "sub" : "add", "(JJJ)I", false);
            mv.visitVarInsn(ISTORE, CCR);
            flags = LazyFlags.CCR;
        } else {
            flags = sub ? LazyFlags.SUB : LazyFlags.ADD;
        }
        mv.visitVarInsn(LLOAD, FRES);
        storeReg(Insn.rd(insn));
    }

    /** AND, ANDN, OR, ORN, XOR, XNOR by the low three bits of op3 (1, 5, 2, 6, 3, 7). */
    void logic(int insn, boolean cc) {
        int f = (insn >>> 19) & 7;
        src1(insn);
        src2(insn);
        if (f >= 5) {
            lconst(-1);
            mv.visitInsn(LXOR);
        }
        switch (f & 3) {
            case 1: mv.visitInsn(LAND); break;
            case 2: mv.visitInsn(LOR); break;
            default: mv.visitInsn(LXOR); break;
        }
        if (cc) {
            logicFlags();
        }
        storeReg(Insn.rd(insn));
    }

    void mul32(int insn, boolean signed, boolean cc) {
        src1(insn);
        low32(signed);
        src2(insn);
        low32(signed);
        mv.visitInsn(LMUL);
        mv.visitVarInsn(LSTORE, TRES);
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, TRES);
        mv.visitIntInsn(BIPUSH, 32);
        mv.visitInsn(LUSHR);
        mv.visitFieldInsn(PUTFIELD, STATE, "y", "J");
        mv.visitVarInsn(LLOAD, TRES);
        if (cc) {
            logicFlags();
        }
        storeReg(Insn.rd(insn));
    }

    void low32(boolean signed) {
        if (signed) {
            mv.visitInsn(L2I);
            mv.visitInsn(I2L);
        } else {
            lconst(0xffff_ffffL);
            mv.visitInsn(LAND);
        }
    }

    void shift(int insn, int mask, boolean zeroExtend, int shiftOp) {
        src1(insn);
        if (zeroExtend) {
            lconst(0xffff_ffffL);
            mv.visitInsn(LAND);
        }
        shiftCount(insn, mask);
        mv.visitInsn(shiftOp);
        storeReg(Insn.rd(insn));
    }

    void shiftCount(int insn, int mask) {
        if (Insn.immediate(insn)) {
            iconst(Insn.simm13(insn) & mask);
        } else {
            pushReg(Insn.rs2(insn));
            mv.visitInsn(L2I);
            iconst(mask);
            mv.visitInsn(IAND);
        }
    }

    /**
     * r[rs1] + src2, an alignment check, then the page: the one this instruction last hit in
     * this run of the block unless a refill happened in this pass (see {@link #REFILLED}), else a
     * software-TLB probe, else a refill that cannot trap (the block leaves before the
     * instruction when it would). Leaves chunk and offset on the stack.
     */
    void access(int i, int insn, int size, boolean write) {
        int site = SITES + SITE_SIZE * sites++;
        src1(insn);
        src2(insn);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, ADDR);
        if (size > 1) {
            mv.visitVarInsn(LLOAD, ADDR);
            mv.visitInsn(L2I);
            iconst(size - 1);
            mv.visitInsn(IAND);
            leaveIf(IFNE, i);
        }
        Label hit = new Label();
        mv.visitVarInsn(LLOAD, ADDR);
        iconst(13);
        mv.visitInsn(LUSHR);
        mv.visitVarInsn(LSTORE, PAGE);
        Label probe = new Label();
        mv.visitVarInsn(ILOAD, REFILLED);
        mv.visitJumpInsn(IFNE, probe);
        mv.visitVarInsn(LLOAD, PAGE);
        mv.visitVarInsn(LLOAD, site);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, hit);
        mv.visitLabel(probe);
        Label cached = new Label();
        mv.visitVarInsn(ALOAD, MEM);
        mv.visitVarInsn(LLOAD, ADDR);
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, write ? "writeHit" : "readHit", "(J)I", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, OFF);
        mv.visitJumpInsn(IFGE, cached);
        mv.visitVarInsn(ALOAD, MEM);
        mv.visitVarInsn(LLOAD, ADDR);
        iconst(size);
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, write ? "writeRefill" : "readRefill", "(JI)I", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, OFF);
        leaveIf(IFLT, i);
        mv.visitInsn(ICONST_1);
        mv.visitVarInsn(ISTORE, REFILLED);
        mv.visitLabel(cached);
        mv.visitVarInsn(LLOAD, PAGE);
        mv.visitVarInsn(LSTORE, site);
        mv.visitVarInsn(ALOAD, MEM);
        mv.visitFieldInsn(GETFIELD, MEMORY, "chunk", "[B");
        mv.visitVarInsn(ASTORE, site + 2);
        mv.visitVarInsn(ILOAD, OFF);
        pageOffset();
        mv.visitInsn(ISUB);
        mv.visitVarInsn(ISTORE, site + 3);
        mv.visitLabel(hit);
        mv.visitVarInsn(ALOAD, site + 2);
        mv.visitVarInsn(ILOAD, site + 3);
        pageOffset();
        mv.visitInsn(IADD);
    }

    /** Pushes the address's offset in its 8 KiB page, as an int. */
    void pageOffset() {
        mv.visitVarInsn(LLOAD, ADDR);
        mv.visitInsn(L2I);
        iconst(8191);
        mv.visitInsn(IAND);
    }

    void load(int i, int insn, int size, String helper) {
        access(i, insn, size, false);
        mv.visitMethodInsn(INVOKESTATIC, BLOCK_MEMORY, helper, "([BI)J", false);
        storeReg(Insn.rd(insn));
    }

    void store(int i, int insn, int size, String helper) {
        access(i, insn, size, true);
        pushReg(Insn.rd(insn));
        mv.visitMethodInsn(INVOKESTATIC, BLOCK_MEMORY, helper, "([BIJ)V", false);
    }
}
