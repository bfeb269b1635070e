package org.hyperstrand.x86.exec;

import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;
import org.hyperstrand.x86.decode.Op;

/**
 * Executes one decoded instruction: a switch on the dense {@link Op} number that runs the
 * specialized forms (decode.Specializer) and the hottest generic ones, and hands the rest to
 * the instruction families. Each family either retires the instruction (moving
 * RIP past it or to a branch target) or leaves through {@code X86State.fault}, with RIP still at
 * the instruction.
 */
public final class Executor {

    private Executor() {
    }

    public static void execute(X86State s, long a, long b) {
        switch (Insn.op(a)) {
            case Op.ALU_RR64 + 0: FastOps.add64(s, a, s.r[Insn.reg(a)]); break;
            case Op.ALU_RR64 + 1: FastOps.logic(s, a, 3, s.r[Insn.rm(a)] | s.r[Insn.reg(a)], true); break;
            case Op.ALU_RR64 + 2: FastOps.logic(s, a, 3, s.r[Insn.rm(a)] & s.r[Insn.reg(a)], true); break;
            case Op.ALU_RR64 + 3: FastOps.sub64(s, a, s.r[Insn.reg(a)], true); break;
            case Op.ALU_RR64 + 4: FastOps.logic(s, a, 3, s.r[Insn.rm(a)] ^ s.r[Insn.reg(a)], true); break;
            case Op.ALU_RR64 + 5: FastOps.sub64(s, a, s.r[Insn.reg(a)], false); break;
            case Op.ALU_RR32 + 0: FastOps.add32(s, a, s.r[Insn.reg(a)] & FastOps.M32); break;
            case Op.ALU_RR32 + 1: FastOps.logic(s, a, 2, (s.r[Insn.rm(a)] | s.r[Insn.reg(a)]) & FastOps.M32, true); break;
            case Op.ALU_RR32 + 2: FastOps.logic(s, a, 2, s.r[Insn.rm(a)] & s.r[Insn.reg(a)] & FastOps.M32, true); break;
            case Op.ALU_RR32 + 3: FastOps.sub32(s, a, s.r[Insn.reg(a)] & FastOps.M32, true); break;
            case Op.ALU_RR32 + 4: FastOps.logic(s, a, 2, (s.r[Insn.rm(a)] ^ s.r[Insn.reg(a)]) & FastOps.M32, true); break;
            case Op.ALU_RR32 + 5: FastOps.sub32(s, a, s.r[Insn.reg(a)] & FastOps.M32, false); break;
            case Op.ALU_RI64 + 0: FastOps.add64(s, a, Insn.imm(b)); break;
            case Op.ALU_RI64 + 1: FastOps.logic(s, a, 3, s.r[Insn.rm(a)] | Insn.imm(b), true); break;
            case Op.ALU_RI64 + 2: FastOps.logic(s, a, 3, s.r[Insn.rm(a)] & Insn.imm(b), true); break;
            case Op.ALU_RI64 + 3: FastOps.sub64(s, a, Insn.imm(b), true); break;
            case Op.ALU_RI64 + 4: FastOps.logic(s, a, 3, s.r[Insn.rm(a)] ^ Insn.imm(b), true); break;
            case Op.ALU_RI64 + 5: FastOps.sub64(s, a, Insn.imm(b), false); break;
            case Op.ALU_RI32 + 0: FastOps.add32(s, a, Insn.imm(b) & FastOps.M32); break;
            case Op.ALU_RI32 + 1: FastOps.logic(s, a, 2, (s.r[Insn.rm(a)] | Insn.imm(b)) & FastOps.M32, true); break;
            case Op.ALU_RI32 + 2: FastOps.logic(s, a, 2, s.r[Insn.rm(a)] & Insn.imm(b) & FastOps.M32, true); break;
            case Op.ALU_RI32 + 3: FastOps.sub32(s, a, Insn.imm(b) & FastOps.M32, true); break;
            case Op.ALU_RI32 + 4: FastOps.logic(s, a, 2, (s.r[Insn.rm(a)] ^ Insn.imm(b)) & FastOps.M32, true); break;
            case Op.ALU_RI32 + 5: FastOps.sub32(s, a, Insn.imm(b) & FastOps.M32, false); break;
            case Op.TEST_RR64: FastOps.logic(s, a, 3, s.r[Insn.rm(a)] & s.r[Insn.reg(a)], false); break;
            case Op.TEST_RR32: FastOps.logic(s, a, 2, s.r[Insn.rm(a)] & s.r[Insn.reg(a)] & FastOps.M32, false); break;
            case Op.INC_R64: FastOps.incDec(s, a, 3, 1); break;
            case Op.INC_R32: FastOps.incDec(s, a, 2, 1); break;
            case Op.DEC_R64: FastOps.incDec(s, a, 3, -1); break;
            case Op.DEC_R32: FastOps.incDec(s, a, 2, -1); break;
            case Op.MOV_RR64: s.r[Insn.rm(a)] = s.r[Insn.reg(a)]; s.rip += Insn.len(a); break;
            case Op.MOV_RR32: s.r[Insn.rm(a)] = s.r[Insn.reg(a)] & FastOps.M32; s.rip += Insn.len(a); break;
            case Op.MOV_RI32: s.r[Insn.rm(a)] = Insn.imm(b) & FastOps.M32; s.rip += Insn.len(a); break;
            case Op.MOV_RI64S: s.r[Insn.rm(a)] = Insn.imm(b); s.rip += Insn.len(a); break;
            case Op.LOAD64: MemoryForms.load64(s, a, b); break;
            case Op.LOAD32: MemoryForms.load32(s, a, b); break;
            case Op.STORE64: MemoryForms.store64(s, a, b); break;
            case Op.STORE32: MemoryForms.store32(s, a, b); break;
            case Op.STORE8_IMM: MemoryForms.store8Imm(s, a, b); break;
            case Op.MOVZX_RM8: MemoryForms.movzxRm8(s, a, b); break;
            case Op.MOVZX_RR8: s.r[Insn.reg(a)] = s.reg8(Insn.rm(a)); s.rip += Insn.len(a); break;
            case Op.MOVSXD_RR: s.r[Insn.reg(a)] = (int) s.r[Insn.rm(a)]; s.rip += Insn.len(a); break;
            case Op.LEA64: MemoryForms.lea64(s, a, b); break;
            case Op.ALU_RM64 + 0: MemoryForms.add64(s, a, b); break;
            case Op.ALU_RM64 + 1: MemoryForms.or64(s, a, b); break;
            case Op.ALU_RM64 + 2: MemoryForms.and64(s, a, b); break;
            case Op.ALU_RM64 + 3: MemoryForms.sub64(s, a, b, true); break;
            case Op.ALU_RM64 + 4: MemoryForms.xor64(s, a, b); break;
            case Op.ALU_RM64 + 5: MemoryForms.sub64(s, a, b, false); break;
            case Op.ALU_RM32 + 0: MemoryForms.add32(s, a, b); break;
            case Op.ALU_RM32 + 1: MemoryForms.or32(s, a, b); break;
            case Op.ALU_RM32 + 2: MemoryForms.and32(s, a, b); break;
            case Op.ALU_RM32 + 3: MemoryForms.sub32(s, a, b, true); break;
            case Op.ALU_RM32 + 4: MemoryForms.xor32(s, a, b); break;
            case Op.ALU_RM32 + 5: MemoryForms.sub32(s, a, b, false); break;
            case Op.IMUL_RR64: FastOps.imul64(s, a, s.r[Insn.rm(a)]); break;
            case Op.IMUL_RM64: MemoryForms.imul64(s, a, b); break;
            case Op.SHR_RI64: FastOps.shr64(s, a, b); break;
            case Op.SHR_RI32: FastOps.shr32(s, a, b); break;

            case Op.NOP: s.rip += Insn.len(a); break;
            case Op.MOV_RI64: MoveOps.movRI64(s, a, b); break;
            case Op.PUSH: StackOps.pushE(s, a, b); break;
            case Op.POP: StackOps.popE(s, a, b); break;
            case Op.CALL_REL: StackOps.callRel(s, a, b); break;
            case Op.JMP_REL: StackOps.jmpRel(s, a, b); break;
            case Op.JCC: StackOps.jcc(s, a, b); break;
            case Op.RET: StackOps.ret(s, a, b); break;
            default: generic(s, a, b); break;
        }
    }

    /**
     * The generic forms, in a method of their own: HotSpot's inlining into it then does not use
     * up the inlining budget of the hot switch above (DesiredMethodLimit).
     */
    private static void generic(X86State s, long a, long b) {
        s.nextRip = s.rip + Insn.len(a);                        // every intercepted instruction comes here
        switch (Insn.op(a)) {
            case Op.PAUSE: SystemOps.pause(s, a); break;

            case Op.ALU_EG: AluOps.aluEG(s, a, b); break;
            case Op.ALU_GE: AluOps.aluGE(s, a, b); break;
            case Op.ALU_EI: AluOps.aluEI(s, a, b); break;
            case Op.TEST_EG: AluOps.testEG(s, a, b); break;
            case Op.TEST_EI: AluOps.testEI(s, a, b); break;
            case Op.INC: AluOps.incDec(s, a, b, true); break;
            case Op.DEC: AluOps.incDec(s, a, b, false); break;
            case Op.NOT: AluOps.notNeg(s, a, b, false); break;
            case Op.NEG: AluOps.notNeg(s, a, b, true); break;
            case Op.MUL: AluOps.mulWide(s, a, b, false); break;
            case Op.IMUL1: AluOps.mulWide(s, a, b, true); break;
            case Op.DIV: AluOps.div(s, a, b); break;
            case Op.IDIV: AluOps.idiv(s, a, b); break;
            case Op.IMUL_GE: AluOps.imul(s, a, b, false); break;
            case Op.IMUL_GEI: AluOps.imul(s, a, b, true); break;
            case Op.CBW: AluOps.cbw(s, a); break;
            case Op.CWD: AluOps.cwd(s, a); break;

            case Op.SHIFT: ShiftOps.shift(s, a, b, Insn.imm(b)); break;
            case Op.SHIFT_CL: ShiftOps.shift(s, a, b, (int) s.r[X86State.RCX]); break;
            case Op.SHLD: ShiftOps.doubleShift(s, a, b, Insn.imm(b), true); break;
            case Op.SHLD_CL: ShiftOps.doubleShift(s, a, b, (int) s.r[X86State.RCX], true); break;
            case Op.SHRD: ShiftOps.doubleShift(s, a, b, Insn.imm(b), false); break;
            case Op.SHRD_CL: ShiftOps.doubleShift(s, a, b, (int) s.r[X86State.RCX], false); break;

            case Op.MOV_EG: MoveOps.movEG(s, a, b); break;
            case Op.MOV_GE: MoveOps.movGE(s, a, b); break;
            case Op.MOV_EI: MoveOps.movEI(s, a, b); break;
            case Op.MOV_LOAD_MOFFS: MoveOps.movMoffs(s, a, b, true); break;
            case Op.MOV_STORE_MOFFS: MoveOps.movMoffs(s, a, b, false); break;
            case Op.MOVZX: MoveOps.movx(s, a, b, false); break;
            case Op.MOVSX: MoveOps.movx(s, a, b, true); break;
            case Op.LEA: MoveOps.lea(s, a, b); break;
            case Op.XCHG: MoveOps.xchg(s, a, b); break;
            case Op.CMPXCHG: MoveOps.cmpxchg(s, a, b); break;
            case Op.XADD: MoveOps.xadd(s, a, b); break;
            case Op.CMPXCHG8B: MoveOps.cmpxchg8b(s, a, b, s.core.wideScratch()); break;
            case Op.SETCC: MoveOps.setcc(s, a, b); break;
            case Op.CMOVCC: MoveOps.cmovcc(s, a, b); break;
            case Op.BSWAP: BitOps.bswap(s, a); break;
            case Op.XLAT: MoveOps.xlat(s, a); break;
            case Op.MOV_TO_SEG: SystemOps.movToSeg(s, a, b); break;
            case Op.MOV_FROM_SEG: SystemOps.movFromSeg(s, a, b); break;

            case Op.BT_EG: BitOps.bt(s, a, b, false); break;
            case Op.BT_EI: BitOps.bt(s, a, b, true); break;
            case Op.BSF: BitOps.bitScan(s, a, b, true); break;
            case Op.BSR: BitOps.bitScan(s, a, b, false); break;
            case Op.LZCNT: BitOps.lzcnt(s, a, b); break;
            case Op.POPCNT: BitOps.popcnt(s, a, b); break;

            case Op.PUSH_I: StackOps.pushImm(s, a, b); break;
            case Op.PUSHF: StackOps.pushf(s, a); break;
            case Op.POPF: StackOps.popf(s, a); break;
            case Op.PUSH_SEG: SystemOps.pushSeg(s, a); break;
            case Op.POP_SEG: SystemOps.popSeg(s, a); break;
            case Op.CALL_E: StackOps.callE(s, a, b); break;
            case Op.JMP_E: StackOps.jmpE(s, a, b); break;
            case Op.RETF: SystemOps.retf(s, a, b); break;
            case Op.IRET: SystemOps.iret(s, a); break;
            case Op.LEAVE: StackOps.leave(s, a); break;
            case Op.ENTER: StackOps.enter(s, a, b); break;
            case Op.LOOP: StackOps.loop(s, a, b); break;

            case Op.MOVS:
            case Op.STOS:
            case Op.LODS:
            case Op.CMPS:
            case Op.SCAS:
            case Op.INS:
            case Op.OUTS:
                StringOps.execute(s, a, b, Insn.op(a));
                break;

            case Op.FLAGOP: SystemOps.flagOp(s, a); break;
            case Op.CLI: SystemOps.cliSti(s, a, false); break;
            case Op.STI: SystemOps.cliSti(s, a, true); break;
            default: system(s, a, b); break;
        }
    }

    /** The rarer system instructions, kept out of the hot switch. */
    private static void system(X86State s, long a, long b) {
        switch (Insn.op(a)) {
            case Op.HLT: SystemOps.hlt(s, a); break;
            case Op.INT3: SystemOps.breakpoint(s, a); break;
            case Op.INTN: SystemOps.softwareInterrupt(s, a, Insn.imm(b) & 0xff, false); break;
            case Op.INT1: SystemOps.softwareInterrupt(s, a, 1, true); break;
            case Op.CPUID: SystemOps.cpuid(s, a); break;
            case Op.RDTSC: SystemOps.rdtsc(s, a, false); break;
            case Op.RDTSCP: SystemOps.rdtsc(s, a, true); break;
            case Op.RDMSR: SystemOps.rdmsr(s, a); break;
            case Op.WRMSR: SystemOps.wrmsr(s, a); break;
            case Op.MOV_FROM_CR: SystemOps.movFromCr(s, a); break;
            case Op.MOV_TO_CR: SystemOps.movToCr(s, a); break;
            case Op.MOV_FROM_DR: SystemOps.movFromDr(s, a); break;
            case Op.MOV_TO_DR: SystemOps.movToDr(s, a); break;
            case Op.CLTS: SystemOps.clts(s, a); break;
            case Op.DESC_TABLE: SystemOps.descriptorTable(s, a, b); break;
            case Op.LTR: SystemOps.ltr(s, a, b); break;
            case Op.STR: SystemOps.storeSelector(s, a, b, true); break;
            case Op.LLDT: SystemOps.lldt(s, a, b); break;
            case Op.SLDT: SystemOps.storeSelector(s, a, b, false); break;
            case Op.LMSW: SystemOps.lmsw(s, a, b); break;
            case Op.SMSW: SystemOps.smsw(s, a, b); break;
            case Op.INVLPG: SystemOps.invlpg(s, a, b); break;
            case Op.PRIV_NOP: SystemOps.privilegedNop(s, a); break;
            case Op.SWAPGS: SystemOps.swapgs(s, a); break;
            case Op.SYSCALL: SystemOps.syscall(s, a); break;
            case Op.SYSRET: SystemOps.sysret(s, a); break;
            case Op.VMMCALL: SystemOps.vmmcall(s, a); break;
            case Op.SVM: SystemOps.svmInstruction(s, a); break;
            case Op.IN: SystemOps.io(s, a, b, true); break;
            case Op.OUT: SystemOps.io(s, a, b, false); break;
            default: throw s.undefined();                       // Op.UD and anything not implemented
        }
    }
}
