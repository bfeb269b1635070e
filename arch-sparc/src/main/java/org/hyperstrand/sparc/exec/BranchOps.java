package org.hyperstrand.sparc.exec;

import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.trap.TrapType;

/**
 * Control transfer: Bicc, BPcc, BPr, CALL, JMPL and Tcc. Delayed control transfer works on the
 * PC/NPC pair: a taken branch makes NPC the target so the delay slot runs first; the annul bit
 * skips the delay slot of an untaken conditional branch, and of BA and BN always.
 */
public final class BranchOps {

    private BranchOps() {
    }

    static void conditional(SparcState s, int insn, boolean taken, long disp) {
        if (taken) {
            s.delayedJump(s.pc + (disp << 2));
        } else if (Insn.annul(insn)) {
            s.annulDelaySlot();
        } else {
            s.advance();
        }
    }

    static void bicc(SparcState s, int insn) {
        conditional(s, insn, ConditionCodes.test(Insn.cond(insn), s.icc()), Insn.disp22(insn));
    }

    static void bpicc(SparcState s, int insn) {
        conditional(s, insn, ConditionCodes.test(Insn.cond(insn), s.icc()), Insn.disp19(insn));
    }

    static void bpxcc(SparcState s, int insn) {
        conditional(s, insn, ConditionCodes.test(Insn.cond(insn), s.xcc()), Insn.disp19(insn));
    }

    static void bpr(SparcState s, int insn) {
        boolean taken = IntegerOps.registerCondition(Insn.rcondBranch(insn), IntegerOps.src1(s.r, insn));
        conditional(s, insn, taken, Insn.disp16(insn));
    }

    /** BA with a 22-bit (Bicc) or 19-bit (BPcc) displacement. */
    static void ba(SparcState s, int insn, long disp) {
        long target = s.pc + (disp << 2);
        if (Insn.annul(insn)) {
            s.jumpAnnulled(target);
        } else {
            s.delayedJump(target);
        }
    }

    static void bn(SparcState s, int insn) {
        if (Insn.annul(insn)) {
            s.annulDelaySlot();
        } else {
            s.advance();
        }
    }

    static void call(SparcState s, int insn) {
        long pc = s.pc;
        s.r[15] = pc & s.amMask;
        s.delayedJump(pc + ((long) Insn.disp30(insn) << 2));
    }

    static void jmpl(SparcState s, int insn, int rd) {
        long[] r = s.r;
        long target = (IntegerOps.src1(r, insn) + IntegerOps.src2(r, insn)) & s.amMask;
        if ((target & 3) != 0) {
            LoadStoreOps.misaligned(s, TrapType.MEM_ADDRESS_NOT_ALIGNED, target);
            return;
        }
        r[rd] = s.pc & s.amMask;
        s.delayedJump(target);
    }

    /** Tcc: trap number (r[rs1] + r[rs2] or imm8) masked to 7 bits in user mode, 8 otherwise. */
    static void tcc(SparcState s, int insn) {
        int cc = (insn & 0x1000) != 0 ? s.xcc() : s.icc();
        if (!ConditionCodes.test(Insn.cond(insn), cc)) {
            s.advance();
            return;
        }
        long[] r = s.r;
        long n = IntegerOps.src1(r, insn) + ((insn & 0x2000) != 0 ? insn & 0xff : r[insn & 31]);
        int number = (int) n & (s.priv ? 0xff : 0x7f);
        s.traps.raise(TrapType.TRAP_INSTRUCTION + number);
    }
}
