package org.hyperstrand.sparc.exec;

import static org.hyperstrand.sparc.cpu.SparcArch.FPRS_FEF;
import static org.hyperstrand.sparc.cpu.SparcArch.HVER;
import static org.hyperstrand.sparc.cpu.SparcArch.MAXGL;
import static org.hyperstrand.sparc.cpu.SparcArch.MAXPGL;
import static org.hyperstrand.sparc.cpu.SparcArch.MAXPTL;
import static org.hyperstrand.sparc.cpu.SparcArch.MAXTL;
import static org.hyperstrand.sparc.cpu.SparcArch.NWINDOWS;
import static org.hyperstrand.sparc.cpu.SparcArch.PSTATE_PEF;

import java.lang.invoke.VarHandle;
import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.trap.TrapType;

/**
 * State-register access (RDASR/WRASR, RDPR/WRPR, RDHPR/WRHPR), DONE/RETRY, MEMBAR, SIR and the
 * unimplemented FPU encodings. Writes to state registers use r[rs1] XOR (r[rs2] or simm13).
 *
 * <p>Privilege rules: privileged registers and ASRs from user mode raise privileged_opcode;
 * hyperprivileged registers outside hyperprivileged mode raise illegal_instruction, as do
 * reserved register numbers and TPC/TNPC/TSTATE/TT/HTSTATE at TL = 0.
 */
public final class PrivilegedOps {

    /** The TSTATE bits that exist: GL, CCR, ASI, PSTATE, CWP. */
    private static final long TSTATE_MASK = (7L << 40) | (0xffL << 32) | (0xffL << 24) | (0x1fffL << 8) | 0x1f;

    private PrivilegedOps() {
    }

    private static long writeValue(SparcState s, int insn) {
        long[] r = s.r;
        return IntegerOps.src1(r, insn) ^ IntegerOps.src2(r, insn);
    }

    private static void privilegedOpcode(SparcState s) {
        s.traps.raise(TrapType.PRIVILEGED_OPCODE);
    }

    // ---- ancillary state registers ---------------------------------------------------------

    static void rdasr(SparcState s, int insn, int rd) {
        long v;
        switch (Insn.rs1(insn)) {
            case 0:
                v = s.y & 0xffff_ffffL;
                break;
            case 2:
                v = s.ccr;
                break;
            case 3:
                v = s.asi;
                break;
            case 4:
                if (!s.priv && s.tickNpt) {
                    privilegedAction(s);
                    return;
                }
                v = s.tick();
                break;
            case 5:
                v = s.pc & s.amMask;
                break;
            case 6:
                v = s.fprs;
                break;
            case 16: // PCR
                if (!s.priv) {
                    privilegedOpcode(s);
                    return;
                }
                v = s.pcr;
                break;
            case 17: // PIC
                v = s.pic;
                break;
            case 22: // SOFTINT
            case 23: // TICK_CMPR
            case 25: // STICK_CMPR
                if (!s.priv) {
                    privilegedOpcode(s);
                    return;
                }
                int n = Insn.rs1(insn);
                v = n == 22 ? s.softint : n == 23 ? s.tickCmpr : s.stickCmpr;
                break;
            case 24: // STICK
                if (!s.priv && s.stickNpt) {
                    privilegedAction(s);
                    return;
                }
                v = s.stick();
                break;
            default:
                s.traps.illegal();
                return;
        }
        s.r[rd] = v;
        s.advance();
    }

    static void wrasr(SparcState s, int insn) {
        long v = writeValue(s, insn);
        int n = Insn.rd(insn);
        switch (n) {
            case 0:
                s.y = v & 0xffff_ffffL;
                break;
            case 2:
                s.ccr = (int) v & 0xff;
                break;
            case 3:
                s.asi = (int) v & 0xff;
                break;
            case 6:
                s.fprs = (int) v & 7;
                break;
            case 17:
                s.pic = v;
                break;
            case 16:
            case 20:
            case 21:
            case 22:
            case 23:
            case 25:
                if (!s.priv) {
                    privilegedOpcode(s);
                    return;
                }
                writePrivilegedAsr(s, n, v);
                break;
            case 24: // STICK: hyperprivileged
                if (!s.hpriv) {
                    if (s.priv) {
                        s.traps.illegal();
                    } else {
                        privilegedOpcode(s);
                    }
                    return;
                }
                s.setStick(v);
                break;
            default:
                s.traps.illegal();
                return;
        }
        s.advance();
    }

    private static void writePrivilegedAsr(SparcState s, int n, long v) {
        switch (n) {
            case 16:
                s.pcr = v;
                break;
            case 20:
                s.softint |= v & 0x1_ffff;
                break;
            case 21:
                s.softint &= ~v;
                break;
            case 22:
                s.softint = v & 0x1_ffff;
                break;
            case 23:
                s.tickCmpr = v;
                s.tickCmprArmed = true;
                break;
            default:
                s.stickCmpr = v;
                s.stickCmprArmed = true;
                break;
        }
        s.interruptCheck = true;
    }

    static void membar(SparcState s) {
        VarHandle.fullFence();
        s.advance();
    }

    // ---- privileged registers -----------------------------------------------------------

    private static boolean validPr(int n) {
        return n <= 14 || n == 16;
    }

    /**
     * True if privileged register {@code n} may be read or written now; otherwise the trap is
     * raised: illegal for an unknown register or a trap-stack register at TL 0, privileged_opcode
     * outside privileged mode.
     */
    private static boolean prAccessible(SparcState s, int n) {
        if (!validPr(n)) {
            s.traps.illegal();
            return false;
        }
        if (!s.priv) {
            privilegedOpcode(s);
            return false;
        }
        if (n <= 3 && s.tl == 0) {
            s.traps.illegal();
            return false;
        }
        return true;
    }

    static void rdpr(SparcState s, int insn, int rd) {
        int n = Insn.rs1(insn);
        if (!prAccessible(s, n)) {
            return;
        }
        int tl = s.tl;
        long v;
        switch (n) {
            case 0: v = s.tpc[tl]; break;
            case 1: v = s.tnpc[tl]; break;
            case 2: v = s.tstate[tl]; break;
            case 3: v = s.tt[tl]; break;
            case 4: v = s.tick(); break;
            case 5: v = s.tba; break;
            case 6: v = s.pstate(); break;
            case 7: v = tl; break;
            case 8: v = s.pil; break;
            case 9: v = s.cwp(); break;
            case 10: v = s.cansave; break;
            case 11: v = s.canrestore; break;
            case 12: v = s.cleanwin; break;
            case 13: v = s.otherwin; break;
            case 14: v = s.wstate; break;
            default: v = s.gl(); break;
        }
        s.r[rd] = v;
        s.advance();
    }

    static void wrpr(SparcState s, int insn) {
        int n = Insn.rd(insn);
        if (!prAccessible(s, n)) {
            return;
        }
        int tl = s.tl;
        long v = writeValue(s, insn);
        switch (n) {
            case 0: s.tpc[tl] = v & ~3L; break;
            case 1: s.tnpc[tl] = v & ~3L; break;
            case 2: s.tstate[tl] = v & TSTATE_MASK; break;
            case 3: s.tt[tl] = (int) v & 0x1ff; break;
            case 4: s.setTick(v); break;
            case 5: s.tba = v & ~0x7fffL; break;
            case 6: s.setPstate((int) v); break;
            case 7: {
                int max = s.hpriv ? MAXTL : MAXPTL;
                s.tl = Long.compareUnsigned(v, max) > 0 ? max : (int) v;
                if (s.tl < MAXPTL) {
                    s.inWatchdog = false;
                }
                break;
            }
            case 8:
                s.pil = (int) v & 15;
                s.interruptCheck = true;
                break;
            case 9: s.setCwp((int) v); break;
            case 10: s.cansave = (int) v & (NWINDOWS - 1); break;
            case 11: s.canrestore = (int) v & (NWINDOWS - 1); break;
            case 12: s.cleanwin = (int) v & (NWINDOWS - 1); break;
            case 13: s.otherwin = (int) v & (NWINDOWS - 1); break;
            case 14: s.wstate = (int) v & 0x3f; break;
            default: {
                int max = s.hpriv ? MAXGL : MAXPGL;
                s.setGl(Long.compareUnsigned(v, max) > 0 ? max : (int) v);
                break;
            }
        }
        if (n == 6 || n == 7) {
            s.mem.updateRegime();  // PSTATE.PRIV and TL choose the translation context
        }
        s.advance();
    }

    // ---- hyperprivileged registers ------------------------------------------------------

    static void rdhpr(SparcState s, int insn, int rd) {
        if (!s.hpriv) {
            s.traps.illegal();
            return;
        }
        long v;
        switch (Insn.rs1(insn)) {
            case 0: v = s.hpstate(); break;
            case 1:
                if (s.tl == 0) {
                    s.traps.illegal();
                    return;
                }
                v = s.htstate[s.tl];
                break;
            case 3: v = s.hintp; break;
            case 5: v = s.htba; break;
            case 6: v = HVER; break;
            case 31: v = s.hstickCmpr; break;
            default:
                s.traps.illegal();
                return;
        }
        s.r[rd] = v;
        s.advance();
    }

    static void wrhpr(SparcState s, int insn) {
        if (!s.hpriv) {
            s.traps.illegal();
            return;
        }
        long v = writeValue(s, insn);
        switch (Insn.rd(insn)) {
            case 0:
                s.setHpstate((int) v);
                s.mem.updateRegime();
                break;
            case 1:
                if (s.tl == 0) {
                    s.traps.illegal();
                    return;
                }
                s.htstate[s.tl] = v & 0xffff;
                break;
            case 3: s.hintp = v & 1; break;
            case 5: s.htba = v & ~0x3fffL; break;
            case 31: s.hstickCmpr = v; break;
            default:
                s.traps.illegal();
                return;
        }
        s.advance();
    }

    /** SIR: a software-initiated reset of the strand; hyperprivileged only. */
    static void sir(SparcState s) {
        if (!s.hpriv) {
            s.traps.illegal();
            return;
        }
        s.traps.fatal("software_initiated_reset (SIR) executed in hyperprivileged mode");
    }

    // ---- DONE / RETRY ------------------------------------------------------------------

    /**
     * DONE (resume at TNPC) and RETRY (re-execute TPC): restore CCR, ASI, PSTATE, CWP and GL from
     * TSTATE (and HPSTATE from HTSTATE when in hyperprivileged mode), then lower TL.
     */
    static void doneRetry(SparcState s, boolean retry) {
        if (!s.priv) {
            privilegedOpcode(s);
            return;
        }
        int tl = s.tl;
        if (tl == 0) {
            s.traps.illegal();
            return;
        }
        long ts = s.tstate[tl];
        long pc = retry ? s.tpc[tl] : s.tnpc[tl];
        long npc = retry ? s.tnpc[tl] : s.tnpc[tl] + 4;
        s.ccr = (int) (ts >>> 32) & 0xff;
        s.asi = (int) (ts >>> 24) & 0xff;
        int gl = (int) (ts >>> 40) & 7;
        if (s.hpriv) {
            s.setHpstate((int) s.htstate[tl]);
            s.setGl(Math.min(gl, MAXGL));
        } else {
            s.setGl(Math.min(gl, MAXPGL));
        }
        s.setPstate((int) (ts >>> 8) & 0x1fff);
        s.setCwp((int) ts & 0x1f);
        s.tl = tl - 1;
        if (s.tl < MAXPTL) {
            s.inWatchdog = false;
        }
        s.pc = pc & s.amMask;
        s.npc = npc & s.amMask;
        s.retired++;
        s.mem.updateRegime();  // back to the trapped code's TL and privilege
    }

    // ---- FPU encodings this model does not implement ---------------------------------------

    /**
     * VIS (IMPDEP1/2), RDASR/WRASR %gsr and RDPR %fq: fp_disabled unless PSTATE.PEF and FPRS.FEF,
     * else illegal_instruction. The FP instructions proper are in {@link FloatOps}.
     */
    static void fpop(SparcState s) {
        if ((s.pstate() & PSTATE_PEF) == 0 || (s.fprs & FPRS_FEF) == 0) {
            s.traps.raise(TrapType.FP_DISABLED);
        } else {
            s.traps.illegal();
        }
    }

    /** privileged_action for a timer register read in user mode: no address, so the fault area says 0. */
    private static void privilegedAction(SparcState s) {
        s.mmu.dataFault(TrapType.PRIVILEGED_ACTION, 0, s.mmu.implicitContext());
    }
}
