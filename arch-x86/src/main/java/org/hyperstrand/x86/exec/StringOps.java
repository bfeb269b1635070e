package org.hyperstrand.x86.exec;

import static org.hyperstrand.x86.cpu.X86State.MASK;
import static org.hyperstrand.x86.cpu.X86State.RAX;
import static org.hyperstrand.x86.cpu.X86State.RCX;
import static org.hyperstrand.x86.cpu.X86State.RDI;
import static org.hyperstrand.x86.cpu.X86State.RDX;
import static org.hyperstrand.x86.cpu.X86State.RSI;

import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;
import org.hyperstrand.x86.decode.Op;

/**
 * String instructions MOVS, STOS, LODS, CMPS, SCAS, INS, OUTS, with REP (F3) and, for CMPS and
 * SCAS, REPE (F3) / REPNE (F2). Sources use the DS segment (FS/GS overrides apply), the
 * destination ES (base 0 in 64-bit mode); RFLAGS.DF chooses the direction; 0x67 uses ESI, EDI
 * and ECX.
 *
 * <p>Every iteration commits rSI, rDI and rCX before the next, so an exception in the middle
 * leaves a restartable state with RIP at the instruction, as on hardware. A repeated instruction
 * runs at most {@link #CHUNK} iterations per dispatch and then dispatches again without moving
 * RIP, so the run loop's budget and (later) interrupts get their turn. Each iteration counts as
 * one retired instruction.
 */
public final class StringOps {

    private StringOps() {
    }

    /** Iterations per dispatch of a repeated string instruction. */
    public static final int CHUNK = 4096;

    public static void execute(X86State s, long a, long b, int op) {
        int size = Insn.size(a);
        if ((op == Op.INS || op == Op.OUTS)) {
            if (s.cpl > s.iopl()) {
                throw s.gp0();                                  // no TSS I/O permission bitmap
            }
            size = Math.min(size, 2);
            if (s.guestMode && s.core.ioIntercept((int) s.r[RDX] & 0xffff, size, op == Op.INS, true,
                    Insn.rep(a) != 0, (a & Insn.ADDR32) != 0 ? 2 : 3, op == Op.INS ? X86Arch.ES : 3 + Insn.seg(a))) {
                return;
            }
        }
        int addrSize = (a & Insn.ADDR32) != 0 ? 2 : 3;
        long delta = (s.flags & X86Arch.DF) != 0 ? -(1 << size) : 1 << size;
        int seg = Insn.seg(a);
        long srcBase = seg != 0 ? s.segBase[3 + seg] : 0;
        int rep = Insn.rep(a);
        if (rep == 0) {
            once(s, op, size, addrSize, delta, srcBase);
            s.rip += Insn.len(a);
            return;
        }
        long count = s.reg(RCX, addrSize);
        boolean compare = op == Op.CMPS || op == Op.SCAS;
        int n = 0;
        boolean stop = false;
        while (count != 0 && n < CHUNK) {
            once(s, op, size, addrSize, delta, srcBase);
            count = (count - 1) & MASK[addrSize];
            s.setReg(RCX, addrSize, count);
            n++;
            if (compare && Flags.cond(s, 4) != (rep == Insn.REP_F3)) {
                stop = true;                                    // REPE: not equal; REPNE: equal
                break;
            }
        }
        if (n > 1) {
            s.retired += n - 1;
        }
        if (count == 0 || stop) {
            s.rip += Insn.len(a);
        }
    }

    private static void advance(X86State s, int reg, int addrSize, long delta) {
        s.setReg(reg, addrSize, s.r[reg] + delta);
    }

    private static void once(X86State s, int op, int size, int addrSize, long delta, long srcBase) {
        long mask = MASK[addrSize];
        switch (op) {
            case Op.MOVS: {
                long v = s.mem.read(srcBase + (s.r[RSI] & mask), size);
                s.mem.write(s.r[RDI] & mask, size, v);
                advance(s, RSI, addrSize, delta);
                advance(s, RDI, addrSize, delta);
                break;
            }
            case Op.STOS:
                s.mem.write(s.r[RDI] & mask, size, s.r[RAX]);
                advance(s, RDI, addrSize, delta);
                break;
            case Op.LODS:
                s.setReg(RAX, size, s.mem.read(srcBase + (s.r[RSI] & mask), size));
                advance(s, RSI, addrSize, delta);
                break;
            case Op.CMPS: {
                long x = s.mem.read(srcBase + (s.r[RSI] & mask), size);
                long y = s.mem.read(s.r[RDI] & mask, size);
                Flags.set(s, Flags.SUB, size, x, y, (x - y) & MASK[size]);
                advance(s, RSI, addrSize, delta);
                advance(s, RDI, addrSize, delta);
                break;
            }
            case Op.SCAS: {
                long x = s.reg(RAX, size);
                long y = s.mem.read(s.r[RDI] & mask, size);
                Flags.set(s, Flags.SUB, size, x, y, (x - y) & MASK[size]);
                advance(s, RDI, addrSize, delta);
                break;
            }
            case Op.INS: {
                long la = s.r[RDI] & mask;
                s.mem.probeWrite(la, size);
                s.mem.write(la, size, s.core.portIo((int) s.r[RDX] & 0xffff, size, true, 0));
                advance(s, RDI, addrSize, delta);
                break;
            }
            default: {                                          // OUTS
                long v = s.mem.read(srcBase + (s.r[RSI] & mask), size);
                s.core.portIo((int) s.r[RDX] & 0xffff, size, false, v);
                advance(s, RSI, addrSize, delta);
                break;
            }
        }
    }
}
