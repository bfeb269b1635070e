package org.hyperstrand.sparc.exec;

import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.decode.Op;

/**
 * Executes one decoded instruction: a switch on the dense {@link Op} number that hands the raw
 * word and the destination index to the instruction family. Each family method either retires
 * the instruction (updating PC/NPC) or raises a trap and leaves PC/NPC to the trap unit.
 */
public final class Executor {

    private Executor() {
    }

    public static void execute(SparcState s, long decoded) {
        int insn = (int) decoded;
        int rd = Insn.rdIndex(decoded);
        switch (Insn.op(decoded)) {
            case Op.NOP: s.advance(); break;
            case Op.SETHI: IntegerOps.sethi(s, insn, rd); break;
            case Op.BICC: BranchOps.bicc(s, insn); break;
            case Op.BPICC: BranchOps.bpicc(s, insn); break;
            case Op.BPXCC: BranchOps.bpxcc(s, insn); break;
            case Op.BA22: BranchOps.ba(s, insn, Insn.disp22(insn)); break;
            case Op.BA19: BranchOps.ba(s, insn, Insn.disp19(insn)); break;
            case Op.BN: BranchOps.bn(s, insn); break;
            case Op.BPR: BranchOps.bpr(s, insn); break;
            case Op.CALL: BranchOps.call(s, insn); break;

            case Op.ADD: IntegerOps.add(s, insn, rd, false, false); break;
            case Op.ADDCC: IntegerOps.add(s, insn, rd, false, true); break;
            case Op.ADDC: IntegerOps.add(s, insn, rd, true, false); break;
            case Op.ADDCCC: IntegerOps.add(s, insn, rd, true, true); break;
            case Op.SUB: IntegerOps.sub(s, insn, rd, false, false); break;
            case Op.SUBCC: IntegerOps.sub(s, insn, rd, false, true); break;
            case Op.SUBC: IntegerOps.sub(s, insn, rd, true, false); break;
            case Op.SUBCCC: IntegerOps.sub(s, insn, rd, true, true); break;
            case Op.OR: IntegerOps.or(s, insn, rd); break;
            case Op.AND:
            case Op.ANDN:
            case Op.ORN:
            case Op.XOR:
            case Op.XNOR:
                IntegerOps.logic(s, insn, rd, false);
                break;
            case Op.ANDCC:
            case Op.ANDNCC:
            case Op.ORCC:
            case Op.ORNCC:
            case Op.XORCC:
            case Op.XNORCC:
                IntegerOps.logic(s, insn, rd, true);
                break;
            case Op.MULX: IntegerOps.mulx(s, insn, rd); break;
            case Op.UMUL: IntegerOps.mul32(s, insn, rd, false, false); break;
            case Op.SMUL: IntegerOps.mul32(s, insn, rd, true, false); break;
            case Op.UMULCC: IntegerOps.mul32(s, insn, rd, false, true); break;
            case Op.SMULCC: IntegerOps.mul32(s, insn, rd, true, true); break;
            case Op.UDIVX: IntegerOps.udivx(s, insn, rd); break;
            case Op.SDIVX: IntegerOps.sdivx(s, insn, rd); break;
            case Op.UDIV: IntegerOps.div32(s, insn, rd, false, false); break;
            case Op.SDIV: IntegerOps.div32(s, insn, rd, true, false); break;
            case Op.UDIVCC: IntegerOps.div32(s, insn, rd, false, true); break;
            case Op.SDIVCC: IntegerOps.div32(s, insn, rd, true, true); break;
            case Op.TADDCC: IntegerOps.tagged(s, insn, rd, false, false); break;
            case Op.TSUBCC: IntegerOps.tagged(s, insn, rd, true, false); break;
            case Op.TADDCCTV: IntegerOps.tagged(s, insn, rd, false, true); break;
            case Op.TSUBCCTV: IntegerOps.tagged(s, insn, rd, true, true); break;
            case Op.MULSCC: IntegerOps.mulscc(s, insn, rd); break;
            case Op.SLL: IntegerOps.sll(s, insn, rd); break;
            case Op.SRL: IntegerOps.srl(s, insn, rd); break;
            case Op.SRA: IntegerOps.sra(s, insn, rd); break;
            case Op.SLLX: IntegerOps.sllx(s, insn, rd); break;
            case Op.SRLX: IntegerOps.srlx(s, insn, rd); break;
            case Op.SRAX: IntegerOps.srax(s, insn, rd); break;
            case Op.POPC: IntegerOps.popc(s, insn, rd); break;
            case Op.MOVCC: IntegerOps.movcc(s, insn, rd); break;
            case Op.MOVR: IntegerOps.movr(s, insn, rd); break;

            case Op.RDASR: PrivilegedOps.rdasr(s, insn, rd); break;
            case Op.WRASR: PrivilegedOps.wrasr(s, insn); break;
            case Op.MEMBAR: PrivilegedOps.membar(s); break;
            case Op.RDPR: PrivilegedOps.rdpr(s, insn, rd); break;
            case Op.WRPR: PrivilegedOps.wrpr(s, insn); break;
            case Op.RDHPR: PrivilegedOps.rdhpr(s, insn, rd); break;
            case Op.WRHPR: PrivilegedOps.wrhpr(s, insn); break;
            case Op.SIR: PrivilegedOps.sir(s); break;
            case Op.DONE: PrivilegedOps.doneRetry(s, false); break;
            case Op.RETRY: PrivilegedOps.doneRetry(s, true); break;
            case Op.FPOP: PrivilegedOps.fpop(s); break;

            case Op.SAVE: WindowOps.save(s, insn, rd); break;
            case Op.RESTORE: WindowOps.restore(s, insn, rd); break;
            case Op.RETURN: WindowOps.ret(s, insn); break;
            case Op.FLUSHW: WindowOps.flushw(s); break;
            case Op.WINCTL: WindowOps.windowControl(s, insn); break;

            case Op.JMPL: BranchOps.jmpl(s, insn, rd); break;
            case Op.TCC: BranchOps.tcc(s, insn); break;
            case Op.FLUSH: LoadStoreOps.flush(s, insn); break;

            case Op.LDUB: LoadStoreOps.load(s, insn, rd, 1, false); break;
            case Op.LDSB: LoadStoreOps.load(s, insn, rd, 1, true); break;
            case Op.LDUH: LoadStoreOps.load(s, insn, rd, 2, false); break;
            case Op.LDSH: LoadStoreOps.load(s, insn, rd, 2, true); break;
            case Op.LDUW: LoadStoreOps.load(s, insn, rd, 4, false); break;
            case Op.LDSW: LoadStoreOps.load(s, insn, rd, 4, true); break;
            case Op.LDX: LoadStoreOps.load(s, insn, rd, 8, false); break;
            case Op.LDD: LoadStoreOps.ldd(s, insn, rd); break;
            case Op.STB: LoadStoreOps.store(s, insn, 1); break;
            case Op.STH: LoadStoreOps.store(s, insn, 2); break;
            case Op.STW: LoadStoreOps.store(s, insn, 4); break;
            case Op.STX: LoadStoreOps.store(s, insn, 8); break;
            case Op.STD: LoadStoreOps.std(s, insn); break;
            case Op.LDSTUB: LoadStoreOps.ldstub(s, insn, rd); break;
            case Op.SWAP: LoadStoreOps.swap(s, insn, rd); break;
            case Op.PREFETCH: LoadStoreOps.prefetch(s, insn); break;

            case Op.LDUBA: AltSpaceOps.load(s, insn, rd, 1, false); break;
            case Op.LDSBA: AltSpaceOps.load(s, insn, rd, 1, true); break;
            case Op.LDUHA: AltSpaceOps.load(s, insn, rd, 2, false); break;
            case Op.LDSHA: AltSpaceOps.load(s, insn, rd, 2, true); break;
            case Op.LDUWA: AltSpaceOps.load(s, insn, rd, 4, false); break;
            case Op.LDSWA: AltSpaceOps.load(s, insn, rd, 4, true); break;
            case Op.LDXA: AltSpaceOps.load(s, insn, rd, 8, false); break;
            case Op.LDDA: AltSpaceOps.ldda(s, insn, rd); break;
            case Op.STBA: AltSpaceOps.store(s, insn, 1); break;
            case Op.STHA: AltSpaceOps.store(s, insn, 2); break;
            case Op.STWA: AltSpaceOps.store(s, insn, 4); break;
            case Op.STXA: AltSpaceOps.store(s, insn, 8); break;
            case Op.STDA: AltSpaceOps.stda(s, insn); break;
            case Op.LDSTUBA: AltSpaceOps.ldstuba(s, insn, rd); break;
            case Op.SWAPA: AltSpaceOps.swapa(s, insn, rd); break;
            case Op.CASA: AltSpaceOps.cas(s, insn, rd, false); break;
            case Op.CASXA: AltSpaceOps.cas(s, insn, rd, true); break;
            case Op.PREFETCHA: AltSpaceOps.prefetcha(s, insn); break;

            case Op.FMOVS: FloatOps.unaryS(s, insn, FloatOps.MOV); break;
            case Op.FMOVD: FloatOps.unaryD(s, insn, FloatOps.MOV); break;
            case Op.FNEGS: FloatOps.unaryS(s, insn, FloatOps.NEG); break;
            case Op.FNEGD: FloatOps.unaryD(s, insn, FloatOps.NEG); break;
            case Op.FABSS: FloatOps.unaryS(s, insn, FloatOps.ABS); break;
            case Op.FABSD: FloatOps.unaryD(s, insn, FloatOps.ABS); break;
            case Op.FSQRTS: FloatOps.sqrtS(s, insn); break;
            case Op.FSQRTD: FloatOps.sqrtD(s, insn); break;
            case Op.FADDS: FloatOps.binaryS(s, insn, FloatOps.ADD); break;
            case Op.FADDD: FloatOps.binaryD(s, insn, FloatOps.ADD); break;
            case Op.FSUBS: FloatOps.binaryS(s, insn, FloatOps.SUB); break;
            case Op.FSUBD: FloatOps.binaryD(s, insn, FloatOps.SUB); break;
            case Op.FMULS: FloatOps.binaryS(s, insn, FloatOps.MUL); break;
            case Op.FMULD: FloatOps.binaryD(s, insn, FloatOps.MUL); break;
            case Op.FDIVS: FloatOps.binaryS(s, insn, FloatOps.DIV); break;
            case Op.FDIVD: FloatOps.binaryD(s, insn, FloatOps.DIV); break;
            case Op.FSMULD: FloatOps.fsmuld(s, insn); break;
            case Op.FITOS:
            case Op.FDTOS:
            case Op.FSTOI:
            case Op.FDTOI:
            case Op.FXTOS:
                FloatOps.toSingle(s, insn, Insn.op(decoded));
                break;
            case Op.FITOD:
            case Op.FSTOD:
            case Op.FSTOX:
            case Op.FDTOX:
            case Op.FXTOD:
                FloatOps.toDouble(s, insn, Insn.op(decoded));
                break;
            case Op.FMOVSCC: FloatCompare.fmovcc(s, insn, false); break;
            case Op.FMOVDCC: FloatCompare.fmovcc(s, insn, true); break;
            case Op.FMOVRS: FloatCompare.fmovr(s, insn, false); break;
            case Op.FMOVRD: FloatCompare.fmovr(s, insn, true); break;
            case Op.FCMPS: FloatCompare.compareS(s, insn, false); break;
            case Op.FCMPD: FloatCompare.compareD(s, insn, false); break;
            case Op.FCMPES: FloatCompare.compareS(s, insn, true); break;
            case Op.FCMPED: FloatCompare.compareD(s, insn, true); break;
            case Op.FPUNIMP: FloatOps.unimplemented(s); break;
            case Op.FBFCC: FloatCompare.fbfcc(s, insn); break;
            case Op.FBPFCC: FloatCompare.fbpfcc(s, insn); break;
            case Op.MOVFCC: FloatCompare.movfcc(s, insn, rd); break;
            case Op.LDF: FloatMemoryOps.ldf(s, insn); break;
            case Op.LDDF: FloatMemoryOps.lddf(s, insn); break;
            case Op.LDFSR: FloatMemoryOps.ldfsr(s, insn, false); break;
            case Op.LDXFSR: FloatMemoryOps.ldfsr(s, insn, true); break;
            case Op.STF: FloatMemoryOps.stf(s, insn); break;
            case Op.STDF: FloatMemoryOps.stdf(s, insn); break;
            case Op.STFSR: FloatMemoryOps.stfsr(s, insn, false); break;
            case Op.STXFSR: FloatMemoryOps.stfsr(s, insn, true); break;
            case Op.LDFA: FloatMemoryOps.ldfa(s, insn, false); break;
            case Op.LDDFA: FloatMemoryOps.ldfa(s, insn, true); break;
            case Op.STFA: FloatMemoryOps.stfa(s, insn, false); break;
            case Op.STDFA: FloatMemoryOps.stfa(s, insn, true); break;

            case Op.ILLEGAL:
                s.traps.illegal();
                break;
            default:
                s.traps.fatal("unimplemented operation " + Op.name(Insn.op(decoded)) + " (instruction 0x"
                        + Integer.toHexString(insn) + ")");
                break;
        }
    }
}
