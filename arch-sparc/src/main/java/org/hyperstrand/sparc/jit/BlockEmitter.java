package org.hyperstrand.sparc.jit;

import static org.objectweb.asm.Opcodes.*;

import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.decode.Op;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the class of one {@link BlockPlan}: {@code run(SparcState, long)} keeps the integer
 * registers the block names in JVM locals, loaded once on entry and stored back on exit, and
 * CCR in a local int. PC-relative values are computed from the entry PC, so the code does not
 * depend on the virtual address the page is mapped at. Every way out sets the exit PC, NPC,
 * instructions retired in the current pass and the pass's PC path, and jumps to one shared
 * exit that writes the state back. A conditional branch back to the block start loops inside
 * the method while the budget holds a whole pass and no interrupt check is pending.
 *
 * <p>Instruction semantics follow {@code org.hyperstrand.sparc.exec} for PSTATE.AM = 0 and
 * PSTATE.CLE = 0 (the block refuses to start otherwise): anything that would trap there (a
 * misaligned address, a software-TLB miss, a zero divisor) leaves the block just before the
 * instruction so that the interpreter runs it.
 */
final class BlockEmitter {

    static final String CLASS_NAME = "org/hyperstrand/sparc/jit/Block";

    private static final String STATE = "org/hyperstrand/sparc/cpu/SparcState";
    private static final String MEMORY = "org/hyperstrand/sparc/mem/SparcMemory";
    private static final String MEMORY_DESC = "L" + MEMORY + ";";
    private static final String CC = "org/hyperstrand/sparc/exec/ConditionCodes";
    private static final String BLOCK_MEMORY = "org/hyperstrand/sparc/jit/BlockMemory";
    private static final String TRAIL = "org/hyperstrand/sparc/jit/PcTrail";
    private static final String LAZY = "org/hyperstrand/sparc/jit/LazyFlags";

    // JVM locals of run(SparcState s, long limit)
    private static final int S = 1;
    private static final int LIMIT = 2;
    private static final int BASE = 4;
    private static final int RET = 6;
    private static final int MEM = 8;
    private static final int R = 9;
    private static final int CCR = 10;
    private static final int LOOPS = 11;
    private static final int EXIT_PC = 12;
    private static final int EXIT_NPC = 14;
    private static final int EXIT_COUNT = 16;
    private static final int EXIT_PATH = 17;
    private static final int TAKEN = 18;
    private static final int ADDR = 19;
    private static final int OFF = 21;
    private static final int TARGET = 22;
    private static final int TB = 26;
    private static final int TRES = 28;
    /** %g1 lives in REG0 + 2, %i7 in REG0 + 62. */
    private static final int REG0 = 28;
    /** The lazy condition codes: kind (a {@link LazyFlags} constant), operands and result. */
    private static final int KIND = 92;
    private static final int FA = 93;
    private static final int FB = 95;
    private static final int FRES = 97;
    private static final int PAGE = 99;
    /** Each load or store keeps the page it last hit in: tag (long), chunk, base (int). */
    private static final int SITES = 101;
    private static final int SITE_SIZE = 4;
    /** Flag state where the kind is only known when the block runs: in the KIND local. */
    private static final int DYNAMIC = -1;

    /** How the NPC of an instruction leaving early is found. */
    private enum Slot { NORMAL, TO_TARGET, IF_TAKEN, TO_DYNAMIC }

    private final BlockPlan plan;
    private final MethodVisitor mv;
    private final boolean[] used = new boolean[32];
    private final boolean[] written = new boolean[32];
    private boolean flagsWritten;
    private final Label body = new Label();
    private final Label exit = new Label();
    private final Label prologue = new Label();

    /** Instructions retired in this pass before the one being written, and their offsets / 4. */
    private int count;
    private StringBuilder path = new StringBuilder();
    private String loopPath;
    /** What the condition codes are at the point being written: a {@link LazyFlags} kind or DYNAMIC. */
    private int flags;
    private int sites;
    private Slot slot = Slot.NORMAL;
    /** Offset of the branch target (TO_TARGET, IF_TAKEN) or of the instruction after the slot (IF_TAKEN). */
    private long slotTarget;
    private long slotNext;

    private BlockEmitter(BlockPlan plan, MethodVisitor mv) {
        this.plan = plan;
        this.mv = mv;
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

    // ---- method layout -------------------------------------------------------------------

    private void method() {
        entryChecks();
        mv.visitJumpInsn(GOTO, prologue);
        mv.visitLabel(body);
        boolean open = body();
        if (open) {
            long off = offset(plan.end);
            exitTo(off, off + 4, count, path.toString());
        }
        exitCode();
        prologueCode();
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
        lconst(plan.length());
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
        for (int v : new int[] {LOOPS, EXIT_COUNT, TAKEN, OFF, KIND}) {
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
            mv.visitVarInsn(ILOAD, KIND);
            mv.visitVarInsn(ILOAD, CCR);
            mv.visitVarInsn(LLOAD, FA);
            mv.visitVarInsn(LLOAD, FB);
            mv.visitVarInsn(LLOAD, FRES);
            mv.visitMethodInsn(INVOKESTATIC, LAZY, "ccr", "(IIJJJ)I", false);
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

    // ---- the instructions ----------------------------------------------------------------

    /** Writes the block's instructions; true if control can run off the end. */
    private boolean body() {
        flags = loopsToStart() ? DYNAMIC : LazyFlags.CCR;
        int i = plan.start;
        while (i < plan.end) {
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
                return false;
            }
            i = next;
        }
        return true;
    }

    /** Whether some branch of the block goes back to its start (where a pass then begins with any flag kind). */
    private boolean loopsToStart() {
        for (int i = plan.start; i < plan.end; i++) {
            long d = plan.decoded(i);
            int op = Insn.op(d);
            int insn = (int) d;
            long disp;
            switch (op) {
                case Op.BICC:
                case Op.BA22:
                    disp = Insn.disp22(insn);
                    break;
                case Op.BPICC:
                case Op.BPXCC:
                case Op.BA19:
                    disp = Insn.disp19(insn);
                    break;
                case Op.BPR:
                    disp = Insn.disp16(insn);
                    break;
                default:
                    continue;
            }
            if (offset(i) + (disp << 2) == 0) {
                return true;
            }
        }
        return false;
    }

    private void retire(int slotIndex) {
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
                if (!annul) {
                    mv.visitVarInsn(ISTORE, TAKEN);
                    delaySlot(i + 1, Slot.IF_TAKEN, target, off + 8);
                    Label notTaken = new Label();
                    mv.visitVarInsn(ILOAD, TAKEN);
                    mv.visitJumpInsn(IFEQ, notTaken);
                    taken(target);
                    mv.visitLabel(notTaken);
                } else {
                    Label notTaken = new Label();
                    mv.visitJumpInsn(IFEQ, notTaken);
                    int savedCount = count;
                    String savedPath = path.toString();
                    int savedFlags = flags;
                    delaySlot(i + 1, Slot.TO_TARGET, target, 0);
                    taken(target);
                    count = savedCount;
                    path = new StringBuilder(savedPath);
                    flags = savedFlags;
                    mv.visitLabel(notTaken);
                }
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
                taken(target);
                return -1;
            }
            case Op.CALL: {
                long target = off + ((long) Insn.disp30(insn) << 2);
                pcOf(off);
                storeReg(15);
                retire(i);
                delaySlot(i + 1, Slot.TO_TARGET, target, 0);
                taken(target);
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

    /** A taken transfer to block offset {@code target}: loop if it is the block start, else exit there. */
    private void taken(long target) {
        String p = path.toString();
        if (target != 0 || (loopPath != null && !loopPath.equals(p))) {
            exitTo(target, target + 4, count, p);
            return;
        }
        loopPath = p;
        noteFlagKind();
        mv.visitVarInsn(LLOAD, RET);
        lconst(count);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, RET);
        mv.visitIincInsn(LOOPS, 1);
        Label out = new Label();
        budgetCheck();
        mv.visitJumpInsn(IFLT, out);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "interruptCheck", "Z");
        mv.visitJumpInsn(IFNE, out);
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

    /** Pushes 1 if branch condition {@code cond} holds on icc (or xcc), else 0. */
    private void ccTest(int cond, boolean xcc) {
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
    private boolean directTest(int cond, boolean xcc) {
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

    private void narrow(boolean xcc) {
        if (!xcc) {
            mv.visitInsn(L2I);
        }
    }

    /** Pushes 0 for a condition that never holds here, 1 for its negation. */
    private void constantCondition(boolean negate) {
        mv.visitInsn(negate ? ICONST_1 : ICONST_0);
    }

    /** With an int on the stack: pushes 1 if it meets {@code jump}, else 0. */
    private void boolFromJump(int jump) {
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(jump, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
    }

    /** Makes the CCR local current (computing it from the lazy operands) and the flag state CCR. */
    private void materialize() {
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
                mv.visitVarInsn(ILOAD, KIND);
                mv.visitVarInsn(ILOAD, CCR);
                mv.visitVarInsn(LLOAD, FA);
                mv.visitVarInsn(LLOAD, FB);
                mv.visitVarInsn(LLOAD, FRES);
                mv.visitMethodInsn(INVOKESTATIC, LAZY, "ccr", "(IIJJJ)I", false);
                break;
        }
        mv.visitVarInsn(ISTORE, CCR);
        flags = LazyFlags.CCR;
    }

    /** Before leaving the block or looping: records the flag kind known here in the KIND local. */
    private void noteFlagKind() {
        if (flags != DYNAMIC) {
            iconst(flags);
            mv.visitVarInsn(ISTORE, KIND);
        }
    }

    /** The jump taken when (r[rs1] compared with 0) meets register condition rcond. */
    private static int registerJump(int rcond) {
        switch (rcond) {
            case 1: return IFEQ;
            case 2: return IFLE;
            case 3: return IFLT;
            case 5: return IFNE;
            case 6: return IFGT;
            default: return IFGE;
        }
    }

    private void plain(int i, int op, int insn) {
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

    private void addSub(int insn, boolean sub, boolean carry, boolean cc) {
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

    private void carryIn() {
        mv.visitVarInsn(ILOAD, CCR);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IAND);
        mv.visitInsn(I2L);
    }

    /** With a long result on the stack: the flags become those of a logical op with that result. */
    private void logicFlags() {
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LSTORE, FRES);
        flagsWritten = true;
        flags = LazyFlags.LOGIC;
    }

    /** AND, ANDN, OR, ORN, XOR, XNOR by the low three bits of op3 (1, 5, 2, 6, 3, 7). */
    private void logic(int insn, boolean cc) {
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

    private void mul32(int insn, boolean signed, boolean cc) {
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

    private void low32(boolean signed) {
        if (signed) {
            mv.visitInsn(L2I);
            mv.visitInsn(I2L);
        } else {
            lconst(0xffff_ffffL);
            mv.visitInsn(LAND);
        }
    }

    private void shift(int insn, int mask, boolean zeroExtend, int shiftOp) {
        src1(insn);
        if (zeroExtend) {
            lconst(0xffff_ffffL);
            mv.visitInsn(LAND);
        }
        shiftCount(insn, mask);
        mv.visitInsn(shiftOp);
        storeReg(Insn.rd(insn));
    }

    private void shiftCount(int insn, int mask) {
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
     * this run of the block, else a software-TLB probe (nothing can drop a TLB entry while the
     * block runs). Leaves chunk and offset on the stack.
     */
    private void access(int i, int insn, int size, boolean write) {
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
        mv.visitVarInsn(LLOAD, PAGE);
        mv.visitVarInsn(LLOAD, site);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, hit);
        mv.visitVarInsn(ALOAD, MEM);
        mv.visitVarInsn(LLOAD, ADDR);
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, write ? "writeHit" : "readHit", "(J)I", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, OFF);
        leaveIf(IFLT, i);
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
    private void pageOffset() {
        mv.visitVarInsn(LLOAD, ADDR);
        mv.visitInsn(L2I);
        iconst(8191);
        mv.visitInsn(IAND);
    }

    private void load(int i, int insn, int size, String helper) {
        access(i, insn, size, false);
        mv.visitMethodInsn(INVOKESTATIC, BLOCK_MEMORY, helper, "([BI)J", false);
        storeReg(Insn.rd(insn));
    }

    private void store(int i, int insn, int size, String helper) {
        access(i, insn, size, true);
        pushReg(Insn.rd(insn));
        mv.visitMethodInsn(INVOKESTATIC, BLOCK_MEMORY, helper, "([BIJ)V", false);
    }

    // ---- exits ---------------------------------------------------------------------------

    /** Leaves the block before instruction {@code i} when the int on the stack meets {@code jump}. */
    private void leaveIf(int jump, int i) {
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

    // ---- operands ------------------------------------------------------------------------

    private static int reg(int k) {
        return REG0 + 2 * k;
    }

    private void pushReg(int k) {
        if (k == 0) {
            mv.visitInsn(LCONST_0);
            return;
        }
        used[k] = true;
        mv.visitVarInsn(LLOAD, reg(k));
    }

    /** Pops a long into register k; a write to %g0 is dropped. */
    private void storeReg(int k) {
        if (k == 0) {
            mv.visitInsn(POP2);
            return;
        }
        written[k] = true;
        mv.visitVarInsn(LSTORE, reg(k));
    }

    private void src1(int insn) {
        pushReg(Insn.rs1(insn));
    }

    private void src2(int insn) {
        if (Insn.immediate(insn)) {
            lconst(Insn.simm13(insn));
        } else {
            pushReg(Insn.rs2(insn));
        }
    }

    /** Pushes the entry PC plus {@code off}. */
    private void pcOf(long off) {
        mv.visitVarInsn(LLOAD, BASE);
        if (off != 0) {
            lconst(off);
            mv.visitInsn(LADD);
        }
    }

    private void lconst(long v) {
        if (v == 0) {
            mv.visitInsn(LCONST_0);
        } else if (v == 1) {
            mv.visitInsn(LCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private void iconst(int v) {
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

    /** The two-int compare-and-jump that matches comparing their difference's sign with {@code jump}. */
    private static int intCompare(int jump) {
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

    private static int invert(int jump) {
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
