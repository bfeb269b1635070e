package org.hyperstrand.x86.exec;

import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;

/**
 * The memory forms of the specialized ops (loads, stores, ALU with a memory source), one
 * method each. The JIT compiles the dispatch switch while the guest runs its first loops: a
 * form that was cold then is not inlined into it, and would cost a call each for the address,
 * the access and the operation; as one method it costs one call, with the rest inlined there.
 */
final class MemoryForms {

    private MemoryForms() {
    }

    static void load64(X86State s, long a, long b) {
        s.r[Insn.reg(a)] = s.mem.read64(Operands.ea(s, a, b));
        s.rip += Insn.len(a);
    }

    static void load32(X86State s, long a, long b) {
        s.r[Insn.reg(a)] = s.mem.read32(Operands.ea(s, a, b));
        s.rip += Insn.len(a);
    }

    static void store64(X86State s, long a, long b) {
        s.mem.write64(Operands.ea(s, a, b), s.r[Insn.reg(a)]);
        s.rip += Insn.len(a);
    }

    static void store32(X86State s, long a, long b) {
        s.mem.write32(Operands.ea(s, a, b), s.r[Insn.reg(a)]);
        s.rip += Insn.len(a);
    }

    static void store8Imm(X86State s, long a, long b) {
        s.mem.write8(Operands.ea(s, a, b), Insn.imm(b));
        s.rip += Insn.len(a);
    }

    static void movzxRm8(X86State s, long a, long b) {
        s.r[Insn.reg(a)] = s.mem.read8(Operands.ea(s, a, b));
        s.rip += Insn.len(a);
    }

    static void lea64(X86State s, long a, long b) {
        s.r[Insn.reg(a)] = Operands.offset(s, a, b);
        s.rip += Insn.len(a);
    }

    // ---- ALU with a memory source: the destination register is in rm (Specializer) -----------

    static void add64(X86State s, long a, long b) {
        FastOps.add64(s, a, s.mem.read64(Operands.ea(s, a, b)));
    }

    static void or64(X86State s, long a, long b) {
        FastOps.logic(s, a, 3, s.r[Insn.rm(a)] | s.mem.read64(Operands.ea(s, a, b)), true);
    }

    static void and64(X86State s, long a, long b) {
        FastOps.logic(s, a, 3, s.r[Insn.rm(a)] & s.mem.read64(Operands.ea(s, a, b)), true);
    }

    static void sub64(X86State s, long a, long b, boolean write) {
        FastOps.sub64(s, a, s.mem.read64(Operands.ea(s, a, b)), write);
    }

    static void xor64(X86State s, long a, long b) {
        FastOps.logic(s, a, 3, s.r[Insn.rm(a)] ^ s.mem.read64(Operands.ea(s, a, b)), true);
    }

    static void add32(X86State s, long a, long b) {
        FastOps.add32(s, a, s.mem.read32(Operands.ea(s, a, b)));
    }

    static void or32(X86State s, long a, long b) {
        FastOps.logic(s, a, 2, (s.r[Insn.rm(a)] | s.mem.read32(Operands.ea(s, a, b))) & FastOps.M32, true);
    }

    static void and32(X86State s, long a, long b) {
        FastOps.logic(s, a, 2, s.r[Insn.rm(a)] & s.mem.read32(Operands.ea(s, a, b)), true);
    }

    static void sub32(X86State s, long a, long b, boolean write) {
        FastOps.sub32(s, a, s.mem.read32(Operands.ea(s, a, b)), write);
    }

    static void xor32(X86State s, long a, long b) {
        FastOps.logic(s, a, 2, (s.r[Insn.rm(a)] ^ s.mem.read32(Operands.ea(s, a, b))) & FastOps.M32, true);
    }

    static void imul64(X86State s, long a, long b) {
        FastOps.imul64(s, a, s.mem.read64(Operands.ea(s, a, b)));
    }
}
