package org.hyperstrand.x86.exec;

import static org.hyperstrand.x86.cpu.X86State.MASK;
import static org.hyperstrand.x86.cpu.X86State.RBP;
import static org.hyperstrand.x86.cpu.X86State.RCX;
import static org.hyperstrand.x86.cpu.X86State.RSP;

import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86Fault;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;

/**
 * The stack and near control transfers: PUSH/POP (64-bit, or 16-bit with 0x66), PUSHF/POPF,
 * CALL/JMP (relative and indirect), Jcc, RET (with an immediate), LEAVE, ENTER, LOOP/LOOPE/
 * LOOPNE/JRCXZ. RSP is always used as a 64-bit pointer. A branch to a non-canonical address
 * faults at the target, when it is fetched (#GP), as on AMD processors.
 */
public final class StackOps {

    private StackOps() {
    }

    /** Pushes {@code v} ({@code 1 << size} bytes); RSP moves only once the store succeeded. */
    public static void push(X86State s, int size, long v) {
        long sp = s.r[RSP] - (1 << size);
        if (size == 3) {
            s.mem.write64(sp, v);
        } else {
            s.mem.write(sp, size, v);
        }
        s.r[RSP] = sp;
    }

    /** Pops {@code 1 << size} bytes. */
    public static long pop(X86State s, int size) {
        long sp = s.r[RSP];
        long v = size == 3 ? s.mem.read64(sp) : s.mem.read(sp, size);
        s.r[RSP] = sp + (1 << size);
        return v;
    }

    public static void pushE(X86State s, long a, long b) {
        int size = Insn.size(a);
        push(s, size, Operands.readE(s, a, b, size));
        s.rip += Insn.len(a);
    }

    /** POP E; a memory destination addressed through RSP sees RSP after the pop. */
    public static void popE(X86State s, long a, long b) {
        int size = Insn.size(a);
        long sp = s.r[RSP];
        long v = size == 3 ? s.mem.read64(sp) : s.mem.read(sp, size);
        s.r[RSP] = sp + (1 << size);
        if ((a & Insn.MEM) == 0) {
            s.setReg(Insn.rm(a), size, v);
        } else {
            try {
                s.mem.write(Operands.ea(s, a, b), size, v);
            } catch (X86Fault f) {
                s.r[RSP] = sp;
                throw f;
            }
        }
        s.rip += Insn.len(a);
    }

    public static void pushImm(X86State s, long a, long b) {
        int size = Insn.size(a);
        push(s, size, Insn.imm(b) & MASK[size]);
        s.rip += Insn.len(a);
    }

    /** PUSHF: RFLAGS with VM and RF cleared in the image. */
    public static void pushf(X86State s, long a) {
        push(s, Insn.size(a), Flags.rflags(s) & ~(X86Arch.VM | X86Arch.RF));
        s.rip += Insn.len(a);
    }

    /**
     * POPF: at CPL 0 every writable flag; above it IOPL is kept, and IF too unless CPL &lt;= IOPL.
     * VM, RF, VIF and VIP never change.
     */
    public static void popf(X86State s, long a) {
        int size = Insn.size(a);
        long v = pop(s, size);
        long old = Flags.rflags(s);
        long writable = X86Arch.FLAGS_WRITABLE & ~X86Arch.RF;
        if (s.cpl > 0) {
            writable &= ~X86Arch.IOPL;
            if (s.cpl > s.iopl()) {
                writable &= ~X86Arch.IF;
            }
        }
        if (size == 1) {
            writable &= 0xffff;
        }
        Flags.setRflags(s, (old & ~writable) | (v & writable));
        s.rip += Insn.len(a);
    }

    public static void callRel(X86State s, long a, long b) {
        long next = s.rip + Insn.len(a);
        push(s, 3, next);
        s.rip = next + Insn.imm(b);
    }

    public static void callE(X86State s, long a, long b) {
        long target = Operands.readE(s, a, b, 3);
        push(s, 3, s.rip + Insn.len(a));
        s.rip = target;
    }

    public static void jmpRel(X86State s, long a, long b) {
        s.rip += Insn.len(a) + Insn.imm(b);
    }

    public static void jmpE(X86State s, long a, long b) {
        s.rip = Operands.readE(s, a, b, 3);
    }

    public static void jcc(X86State s, long a, long b) {
        s.rip += Flags.branchCond(s, Insn.ext(a)) ? Insn.len(a) + Insn.imm(b) : Insn.len(a);
    }

    /** RET, releasing imm bytes of arguments after popping the return address. */
    public static void ret(X86State s, long a, long b) {
        long sp = s.r[RSP];
        long target = s.mem.read64(sp);
        s.r[RSP] = sp + 8 + (Insn.imm(b) & 0xffff);
        s.rip = target;
    }

    /** LEAVE: RSP = RBP, then pop RBP (BP with 0x66). */
    public static void leave(X86State s, long a) {
        int size = Insn.size(a);
        long bp = s.r[RBP];
        long v = size == 3 ? s.mem.read64(bp) : s.mem.read(bp, size);
        s.r[RSP] = bp + (1 << size);
        s.setReg(RBP, size, v);
        s.rip += Insn.len(a);
    }

    /** ENTER size, level: pushes RBP, copies level - 1 outer frame pointers, makes the frame. */
    public static void enter(X86State s, long a, long b) {
        int size = Insn.size(a);
        int bytes = 1 << size;
        int imm = Insn.imm(b);
        int frameSize = imm & 0xffff;
        int level = (imm >>> 16) & 31;
        long sp = s.r[RSP] - bytes;
        s.mem.write(sp, size, s.reg(RBP, size));
        long frame = sp;
        long bp = s.r[RBP];
        for (int i = 1; i < level; i++) {
            bp -= bytes;
            sp -= bytes;
            s.mem.write(sp, size, s.mem.read(bp, size));
        }
        if (level > 0) {
            sp -= bytes;
            s.mem.write(sp, size, frame);
        }
        s.setReg(RBP, size, frame);
        s.r[RSP] = sp - frameSize;
        s.rip += Insn.len(a);
    }

    /** LOOP (ext 0), LOOPE (1), LOOPNE (2): decrement rCX and branch; JRCXZ (3). */
    public static void loop(X86State s, long a, long b) {
        int kind = Insn.ext(a);
        int countSize = (a & Insn.ADDR32) != 0 ? 2 : 3;
        long count = s.reg(RCX, countSize);
        boolean taken;
        if (kind == 3) {
            taken = count == 0;
        } else {
            count = (count - 1) & MASK[countSize];
            s.setReg(RCX, countSize, count);
            taken = count != 0;
            if (kind == 1) {
                taken &= Flags.cond(s, 4);
            } else if (kind == 2) {
                taken &= Flags.cond(s, 5);
            }
        }
        s.rip += taken ? Insn.len(a) + Insn.imm(b) : Insn.len(a);
    }
}
