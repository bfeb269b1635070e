package org.hyperstrand.sparc.jit;

import static org.objectweb.asm.Opcodes.*;

import org.hyperstrand.sparc.decode.DecodedPage;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.decode.Op;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the class of one block and its control flow. {@code run(SparcState, long)} keeps the
 * integer registers the block names in JVM locals, loaded once on entry and stored back on
 * exit (see {@link BlockCode}). PC-relative values are computed from the entry PC, so the code
 * does not depend on the virtual address the page is mapped at.
 *
 * <p>The block is written path by path from its start: a conditional branch splits the path,
 * the not-taken side going on in line; the taken side (and BA, CALL) goes on with a copy of
 * the code at its target when that lies ahead in the page, loops when it is the block start,
 * and otherwise leaves. So no two paths meet, and at every point the writer knows statically
 * how many instructions the pass has retired and which PCs it fetched. A loop goes round while
 * the budget holds another whole pass and no interrupt check is pending. Every way out sets
 * the exit PC, NPC, instructions retired in the pass and the pass's PC path, and jumps to one
 * shared exit that writes the state back and brings the PC ring up to date ({@link PcTrail}).
 */
final class BlockEmitter extends InstructionCode {

    /** How the NPC of an instruction leaving early is found. */
    private enum Slot { NORMAL, TO_TARGET, IF_TAKEN, TO_DYNAMIC }

    private final BlockPlan plan;
    private final Label body = new Label();
    private final Label exit = new Label();
    private final Label prologue = new Label();
    /** Where a pass that refilled the TLB goes round: every site drops its page first. */
    private final Label forgetPages = new Label();
    private boolean forgetPagesUsed;

    /** Instructions retired in this pass before the one being written, and their offsets / 4. */
    private int count;
    private StringBuilder path = new StringBuilder();
    private String loopPath;
    /** Instructions written so far, over all paths. */
    private int emitted;
    private Slot slot = Slot.NORMAL;
    /** Offset of the branch target (TO_TARGET, IF_TAKEN) or of the instruction after the slot (IF_TAKEN). */
    private long slotTarget;
    private long slotNext;

    private BlockEmitter(BlockPlan plan, MethodVisitor mv) {
        super(mv);
        this.plan = plan;
    }

    /** The class file, and the length of run's bytecode. */
    record Output(byte[] classFile, int codeLength) {
    }

    static Output emit(BlockPlan plan) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_FINAL | ACC_SUPER, CLASS_NAME, null, "java/lang/Object",
                new String[] {"org/hyperstrand/sparc/jit/TranslatedBlock"});
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "run", "(L" + STATE + ";J)V", null, null);
        mv.visitCode();
        Label end = new Label();
        new BlockEmitter(plan, mv).method();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return new Output(cw.toByteArray(), end.getOffset());
    }

    private void method() {
        entryChecks();
        mv.visitJumpInsn(GOTO, prologue);
        mv.visitLabel(body);
        flags = DYNAMIC;  // a pass may begin after any other
        walk(plan.start);
        exitCode();
        forgetPagesCode();
        prologueCode();
    }

    /** The one copy of the code that drops every site's page before the next pass. */
    private void forgetPagesCode() {
        if (!forgetPagesUsed) {
            return;
        }
        mv.visitLabel(forgetPages);
        for (int k = 0; k < sites; k++) {
            lconst(-1);
            mv.visitVarInsn(LSTORE, SITES + SITE_SIZE * k);
        }
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, REFILLED);
        mv.visitJumpInsn(GOTO, body);
    }

    /** Returns (retiring nothing) unless the block may start: NPC = PC + 4, budget, no AM, no CLE. */
    private void entryChecks() {
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "pc", "J");
        mv.visitVarInsn(LSTORE, BASE);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "npc", "J");
        mv.visitVarInsn(LLOAD, BASE);
        lconst(4);
        mv.visitInsn(LADD);
        mv.visitInsn(LCMP);
        returnIf(IFNE);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "retired", "J");
        mv.visitVarInsn(LSTORE, RET);
        budgetCheck();
        returnIf(IFLT);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "amMask", "J");
        lconst(-1);
        mv.visitInsn(LCMP);
        returnIf(IFNE);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "cle", "Z");
        returnIf(IFNE);
    }

    /** Pushes the sign of (limit - retired) - length: negative when a whole pass no longer fits. */
    private void budgetCheck() {
        mv.visitVarInsn(LLOAD, LIMIT);
        mv.visitVarInsn(LLOAD, RET);
        mv.visitInsn(LSUB);
        lconst(plan.max);
        mv.visitInsn(LCMP);
    }

    private void returnIf(int jump) {
        Label go = new Label();
        mv.visitJumpInsn(invert(jump), go);
        mv.visitInsn(RETURN);
        mv.visitLabel(go);
    }

    private void prologueCode() {
        mv.visitLabel(prologue);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "r", "[J");
        mv.visitVarInsn(ASTORE, R);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "mem", MEMORY_DESC);
        mv.visitVarInsn(ASTORE, MEM);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "ccr", "I");
        mv.visitVarInsn(ISTORE, CCR);
        for (int v : new int[] {LOOPS, EXIT_COUNT, TAKEN, OFF, KIND, REFILLED}) {
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, v);
        }
        for (int v : new int[] {EXIT_PC, EXIT_NPC, ADDR, TARGET, TB, TRES, FA, FB, FRES, PAGE}) {
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, v);
        }
        mv.visitLdcInsn("");
        mv.visitVarInsn(ASTORE, EXIT_PATH);
        for (int k = 0; k < sites; k++) {
            int site = SITES + SITE_SIZE * k;
            lconst(-1);
            mv.visitVarInsn(LSTORE, site);
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, site + 2);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, site + 3);
        }
        for (int k = 1; k < 32; k++) {
            if (used[k] || written[k]) {
                mv.visitVarInsn(ALOAD, R);
                mv.visitIntInsn(BIPUSH, k);
                mv.visitInsn(LALOAD);
                mv.visitVarInsn(LSTORE, reg(k));
            }
        }
        mv.visitJumpInsn(GOTO, body);
    }

    /** Brings the PC ring up to date with the passes so far and {@code p}, and starts counting passes afresh. */
    private void recordTrail(String p) {
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, BASE);
        mv.visitLdcInsn(loopPath);
        mv.visitVarInsn(ILOAD, LOOPS);
        mv.visitLdcInsn(p);
        mv.visitMethodInsn(INVOKESTATIC, TRAIL, "record", "(L" + STATE + ";JLjava/lang/String;ILjava/lang/String;)V",
                false);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, LOOPS);
    }

    private void exitCode() {
        mv.visitLabel(exit);
        for (int k = 1; k < 32; k++) {
            if (written[k]) {
                mv.visitVarInsn(ALOAD, R);
                mv.visitIntInsn(BIPUSH, k);
                mv.visitVarInsn(LLOAD, reg(k));
                mv.visitInsn(LASTORE);
            }
        }
        if (flagsWritten) {
            mv.visitVarInsn(ALOAD, S);
            pushDynamicCcr();
            mv.visitFieldInsn(PUTFIELD, STATE, "ccr", "I");
        }
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, EXIT_PC);
        mv.visitFieldInsn(PUTFIELD, STATE, "pc", "J");
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, EXIT_NPC);
        mv.visitFieldInsn(PUTFIELD, STATE, "npc", "J");
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, RET);
        mv.visitVarInsn(ILOAD, EXIT_COUNT);
        mv.visitInsn(I2L);
        mv.visitInsn(LADD);
        mv.visitFieldInsn(PUTFIELD, STATE, "retired", "J");
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, BASE);
        if (loopPath == null) {
            mv.visitInsn(ACONST_NULL);
        } else {
            mv.visitLdcInsn(loopPath);
        }
        mv.visitVarInsn(ILOAD, LOOPS);
        mv.visitVarInsn(ALOAD, EXIT_PATH);
        mv.visitMethodInsn(INVOKESTATIC, TRAIL, "record", "(L" + STATE + ";JLjava/lang/String;ILjava/lang/String;)V",
                false);
        mv.visitInsn(RETURN);
    }

    /** Writes one path of the block from slot {@code i} to wherever it leaves or loops. */
    private void walk(int i) {
        while (true) {
            if (!plan.startsPath(i, plan.max - emitted)) {
                long off = offset(i);
                exitTo(off, off + 4, count, path.toString());
                return;
            }
            long d = plan.decoded(i);
            int op = Insn.op(d);
            if (BlockPlan.kind(op) == BlockPlan.PLAIN) {
                plain(i, op, (int) d);
                retire(i);
                i++;
                continue;
            }
            int next = transfer(i, op, (int) d);
            if (next < 0) {
                return;
            }
            i = next;
        }
    }

    private void retire(int slotIndex) {
        emitted++;
        count++;
        path.append((char) (slotIndex - plan.start));
    }

    private long offset(int slotIndex) {
        return 4L * (slotIndex - plan.start);
    }

    /** Writes a delayed transfer at slot i and its delay slot; returns where the block goes on, or -1. */
    private int transfer(int i, int op, int insn) {
        long off = offset(i);
        boolean annul = Insn.annul(insn);
        switch (op) {
            case Op.BN:
                retire(i);
                return annul ? i + 2 : i + 1;
            case Op.BICC:
            case Op.BPICC:
            case Op.BPXCC:
            case Op.BPR: {
                long disp = op == Op.BICC ? Insn.disp22(insn) : op == Op.BPR ? Insn.disp16(insn) : Insn.disp19(insn);
                long target = off + (disp << 2);
                condition(op, insn);
                retire(i);
                Label notTaken = new Label();
                if (!annul) {
                    mv.visitVarInsn(ISTORE, TAKEN);
                    delaySlot(i + 1, Slot.IF_TAKEN, target, off + 8);
                    mv.visitVarInsn(ILOAD, TAKEN);
                    mv.visitJumpInsn(IFEQ, notTaken);
                    takenPath(i, target, false);
                } else {
                    mv.visitJumpInsn(IFEQ, notTaken);
                    takenPath(i, target, true);
                }
                mv.visitLabel(notTaken);
                return i + 2;
            }
            case Op.BA22:
            case Op.BA19: {
                long disp = op == Op.BA22 ? Insn.disp22(insn) : Insn.disp19(insn);
                long target = off + (disp << 2);
                retire(i);
                if (!annul) {
                    delaySlot(i + 1, Slot.TO_TARGET, target, 0);
                }
                follow(i, target);
                return -1;
            }
            case Op.CALL: {
                long target = off + ((long) Insn.disp30(insn) << 2);
                pcOf(off);
                storeReg(15);
                retire(i);
                delaySlot(i + 1, Slot.TO_TARGET, target, 0);
                follow(i, target);
                return -1;
            }
            case Op.JMPL: {
                src1(insn);
                src2(insn);
                mv.visitInsn(LADD);
                mv.visitVarInsn(LSTORE, TARGET);
                mv.visitVarInsn(LLOAD, TARGET);
                lconst(3);
                mv.visitInsn(LAND);
                mv.visitInsn(L2I);
                leaveIf(IFNE, i);
                pcOf(off);
                storeReg(Insn.rd(insn));
                retire(i);
                delaySlot(i + 1, Slot.TO_DYNAMIC, 0, 0);
                mv.visitVarInsn(LLOAD, TARGET);
                mv.visitVarInsn(LSTORE, EXIT_PC);
                mv.visitVarInsn(LLOAD, TARGET);
                lconst(4);
                mv.visitInsn(LADD);
                mv.visitVarInsn(LSTORE, EXIT_NPC);
                exitRest(count, path.toString());
                return -1;
            }
            default:
                throw new IllegalStateException("not a transfer: " + Op.name(op));
        }
    }

    private void delaySlot(int slotIndex, Slot kind, long target, long next) {
        long d = plan.decoded(slotIndex);
        slot = kind;
        slotTarget = target;
        slotNext = next;
        plain(slotIndex, Insn.op(d), (int) d);
        slot = Slot.NORMAL;
        retire(slotIndex);
    }

    /**
     * The taken side of the conditional branch at slot i (with its delay slot when annulled,
     * which then runs on this side only); the not-taken side goes on afterwards with the
     * state as it was.
     */
    private void takenPath(int i, long target, boolean annulledSlot) {
        int savedCount = count;
        String savedPath = path.toString();
        int savedFlags = flags;
        if (annulledSlot) {
            delaySlot(i + 1, Slot.TO_TARGET, target, 0);
        }
        follow(i, target);
        count = savedCount;
        path = new StringBuilder(savedPath);
        flags = savedFlags;
    }

    /**
     * Control goes to block offset {@code target} after the transfer at slot i: loop if that is
     * the block start, go on writing the path there if it lies ahead in the page (a copy of
     * that code for this path), else leave the block.
     */
    private void follow(int i, long target) {
        if (target == 0) {
            loop();
            return;
        }
        long slotIndex = plan.start + target / 4;
        if (target > offset(i) && slotIndex < DecodedPage.SLOTS) {
            walk((int) slotIndex);
            return;
        }
        exitTo(target, target + 4, count, path.toString());
    }

    /**
     * The end of a pass: loop while the budget holds another whole pass. The PC ring learns of
     * passes by count when they all took the first path that looped, else right away.
     */
    private void loop() {
        String p = path.toString();
        if (loopPath == null) {
            loopPath = p;
        }
        if (loopPath.equals(p)) {
            mv.visitIincInsn(LOOPS, 1);
        } else {
            recordTrail(p);
        }
        noteFlagKind();
        mv.visitVarInsn(LLOAD, RET);
        lconst(count);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, RET);
        Label out = new Label();
        budgetCheck();
        mv.visitJumpInsn(IFLT, out);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "interruptCheck", "Z");
        mv.visitJumpInsn(IFNE, out);
        if (sites > 0) {  // a path with no load or store cannot have refilled
            mv.visitVarInsn(ILOAD, REFILLED);
            mv.visitJumpInsn(IFNE, forgetPages);
            forgetPagesUsed = true;
        }
        mv.visitJumpInsn(GOTO, body);
        mv.visitLabel(out);
        exitTo(0, 4, 0, "");
    }

    /** Pushes 1 if the branch at hand is taken, else 0. */
    private void condition(int op, int insn) {
        if (op == Op.BPR) {
            src1(insn);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCMP);
            Label yes = new Label();
            Label done = new Label();
            mv.visitJumpInsn(registerJump(Insn.rcondBranch(insn)), yes);
            mv.visitInsn(ICONST_0);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(yes);
            mv.visitInsn(ICONST_1);
            mv.visitLabel(done);
            return;
        }
        ccTest(Insn.cond(insn), op == Op.BPXCC);
    }

    /** Leaves the block before instruction {@code i} when the int on the stack meets {@code jump}. */
    @Override
    void leaveIf(int jump, int i) {
        Label stay = new Label();
        mv.visitJumpInsn(invert(jump), stay);
        long off = offset(i);
        pcOf(off);
        mv.visitVarInsn(LSTORE, EXIT_PC);
        switch (slot) {
            case NORMAL:
                pcOf(off + 4);
                break;
            case TO_TARGET:
                pcOf(slotTarget);
                break;
            case IF_TAKEN: {
                Label notTaken = new Label();
                Label done = new Label();
                mv.visitVarInsn(ILOAD, TAKEN);
                mv.visitJumpInsn(IFEQ, notTaken);
                pcOf(slotTarget);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(notTaken);
                pcOf(slotNext);
                mv.visitLabel(done);
                break;
            }
            default:
                mv.visitVarInsn(LLOAD, TARGET);
                break;
        }
        mv.visitVarInsn(LSTORE, EXIT_NPC);
        exitRest(count, path.toString());
        mv.visitLabel(stay);
    }

    private void exitTo(long pcOffset, long npcOffset, int retired, String trail) {
        pcOf(pcOffset);
        mv.visitVarInsn(LSTORE, EXIT_PC);
        pcOf(npcOffset);
        mv.visitVarInsn(LSTORE, EXIT_NPC);
        exitRest(retired, trail);
    }

    private void exitRest(int retired, String trail) {
        noteFlagKind();
        iconst(retired);
        mv.visitVarInsn(ISTORE, EXIT_COUNT);
        mv.visitLdcInsn(trail);
        mv.visitVarInsn(ASTORE, EXIT_PATH);
        mv.visitJumpInsn(GOTO, exit);
    }
}
