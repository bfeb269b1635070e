package org.hyperstrand.x86.exec;

import static org.hyperstrand.x86.cpu.X86State.RAX;
import static org.hyperstrand.x86.cpu.X86State.RCX;
import static org.hyperstrand.x86.cpu.X86State.RDX;

import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.ExitCode;
import org.hyperstrand.x86.cpu.InterruptUnit;
import org.hyperstrand.x86.cpu.Msrs;
import org.hyperstrand.x86.cpu.Segments;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;

/**
 * System instructions: flag control, HLT, software interrupts, CPUID, RDTSC/RDTSCP,
 * RDMSR/WRMSR, control and debug registers, descriptor tables, INVLPG, SWAPGS,
 * SYSCALL/SYSRET, VMMCALL, port I/O and segment-register moves.
 *
 * <p>Each instruction checks what outranks an intercept (#UD for a bad encoding or a missing
 * feature, #GP for CPL), then the SVM intercept point ({@link ExitCode}, checked only in guest
 * mode), then does its work. Instructions that change what code means or how it is fetched
 * (control registers, IRET, CPUID, WRMSR...) reset the fetch page so the next instruction is
 * looked up again.
 */
public final class SystemOps {

    private SystemOps() {
    }

    private static void privileged(X86State s) {
        if (s.cpl != 0) {
            throw s.gp0();
        }
    }

    private static void next(X86State s, long a) {
        s.rip += Insn.len(a);
    }

    /** CLC STC CMC CLD STD SAHF LAHF (ext 0..6). */
    public static void flagOp(X86State s, long a) {
        int kind = Insn.ext(a);
        switch (kind) {
            case 0:
            case 1:
            case 2: {
                long f = Flags.compute(s);
                f = kind == 0 ? f & ~X86Arch.CF : kind == 1 ? f | X86Arch.CF : f ^ X86Arch.CF;
                Flags.setEager(s, f);
                break;
            }
            case 3:
                s.flags &= ~X86Arch.DF;
                break;
            case 4:
                s.flags |= X86Arch.DF;
                break;
            case 5: {                                           // SAHF: SF ZF AF PF CF from AH
                long ah = (s.r[RAX] >>> 8) & 0xd5;
                Flags.setEager(s, (Flags.compute(s) & ~0xd5L) | ah);
                break;
            }
            default:                                            // LAHF
                s.setReg(16, 0, (Flags.compute(s) & 0xd5) | 2);
                break;
        }
        next(s, a);
    }

    /** CLI / STI: allowed while CPL &lt;= IOPL; STI blocks interrupts for one more instruction. */
    public static void cliSti(X86State s, long a, boolean set) {
        if (s.cpl > s.iopl()) {
            throw s.gp0();
        }
        if (set) {
            if ((s.flags & X86Arch.IF) == 0) {
                s.interruptShadow = true;
            }
            s.flags |= X86Arch.IF;
        } else {
            s.flags &= ~X86Arch.IF;
        }
        next(s, a);
    }

    public static void hlt(X86State s, long a) {
        privileged(s);
        if (s.guestMode && s.core.intercept(ExitCode.HLT, 0, 0)) {
            return;
        }
        next(s, a);
        if (s.guestMode) {
            // the CPU sleeps until the next physical interrupt: the hypervisor's quantum timer
            s.core.intercept(ExitCode.INTR, 0, 0);
            return;
        }
        s.exit = VcpuExit.HALT;
    }

    public static void pause(X86State s, long a) {
        if (s.guestMode && s.core.intercept(ExitCode.PAUSE, 0, 0)) {
            return;
        }
        next(s, a);
    }

    /** INT n (vector in imm), INT3 (3), INT1 (1). */
    public static void softwareInterrupt(X86State s, long a, int vector, boolean int1) {
        if (s.guestMode && s.core.intercept(int1 ? ExitCode.ICEBP : ExitCode.SWINT, vector, 0)) {
            return;
        }
        s.core.softwareInterrupt(vector, int1 ? InterruptUnit.EXTERNAL : InterruptUnit.SOFTWARE, Insn.len(a));
    }

    /** INT3: #BP, raised as a trap; in a guest the #BP exception intercept applies, not SWINT. */
    public static void breakpoint(X86State s, long a) {
        s.core.softwareInterrupt(X86Arch.BP, InterruptUnit.SOFTWARE_EXCEPTION, Insn.len(a));
    }

    public static void iret(X86State s, long a) {
        if (s.guestMode && s.core.intercept(ExitCode.IRET, 0, 0)) {
            return;
        }
        Segments.iret(s, Insn.size(a));
    }

    public static void cpuid(X86State s, long a) {
        if (s.guestMode && s.core.intercept(ExitCode.CPUID, 0, 0)) {
            return;
        }
        s.core.cpuid();
        s.codeVPage = -1;                                       // serializing
        next(s, a);
    }

    /** RDTSC, or RDTSCP (which also returns TSC_AUX in ECX). */
    public static void rdtsc(X86State s, long a, boolean withAux) {
        if ((s.cr4 & X86Arch.CR4_TSD) != 0 && s.cpl != 0) {
            throw s.gp0();
        }
        if (s.guestMode && s.core.intercept(withAux ? ExitCode.RDTSCP : ExitCode.RDTSC, 0, 0)) {
            return;
        }
        long tsc = s.guest.now() + s.tscOffset;
        s.r[RAX] = tsc & 0xffff_ffffL;
        s.r[RDX] = tsc >>> 32;
        if (withAux) {
            s.r[RCX] = s.tscAux & 0xffff_ffffL;
        }
        next(s, a);
    }

    public static void rdmsr(X86State s, long a) {
        privileged(s);
        if (s.guestMode && s.core.intercept(ExitCode.MSR, 0, 0)) {
            return;
        }
        long v = Msrs.read(s, (int) s.r[RCX], s.core.vcpuId());
        s.r[RAX] = v & 0xffff_ffffL;
        s.r[RDX] = v >>> 32;
        next(s, a);
    }

    public static void wrmsr(X86State s, long a) {
        privileged(s);
        if (s.guestMode && s.core.intercept(ExitCode.MSR, 1, 0)) {
            return;
        }
        Msrs.write(s, (int) s.r[RCX], (s.r[RDX] << 32) | (s.r[RAX] & 0xffff_ffffL));
        s.codeVPage = -1;
        next(s, a);
    }

    // ---- control and debug registers ------------------------------------------------------------

    public static void movFromCr(X86State s, long a) {
        int cr = Insn.reg(a);
        if (cr != 0 && cr != 2 && cr != 3 && cr != 4 && cr != 8) {
            throw s.ud();
        }
        privileged(s);
        if (s.guestMode && s.core.intercept(ExitCode.READ_CR0 + cr, (1L << 63) | Insn.rm(a), 0)) {
            return;
        }
        long v;
        switch (cr) {
            case 0: v = s.cr0; break;
            case 2: v = s.cr2; break;
            case 3: v = s.cr3; break;
            case 4: v = s.cr4; break;
            default: v = s.cr8; break;
        }
        s.r[Insn.rm(a)] = v;
        next(s, a);
    }

    public static void movToCr(X86State s, long a) {
        int cr = Insn.reg(a);
        if (cr != 0 && cr != 2 && cr != 3 && cr != 4 && cr != 8) {
            throw s.ud();
        }
        privileged(s);
        if (s.guestMode && s.core.intercept(ExitCode.WRITE_CR0 + cr, (1L << 63) | Insn.rm(a), 0)) {
            return;
        }
        writeCr(s, cr, s.r[Insn.rm(a)]);
        next(s, a);
    }

    /** The checks and side effects of writing control register {@code cr}. */
    static void writeCr(X86State s, int cr, long v) {
        switch (cr) {
            case 0: {
                if ((v >>> 32) != 0 || ((v & X86Arch.CR0_PG) != 0 && (v & X86Arch.CR0_PE) == 0)
                        || ((v & X86Arch.CR0_NW) != 0 && (v & X86Arch.CR0_CD) == 0)) {
                    throw s.gp0();
                }
                if ((v & X86Arch.CR0_PG) == 0 || (v & X86Arch.CR0_PE) == 0) {
                    throw s.unsupported("leaving long mode (clearing CR0.PG or CR0.PE)");
                }
                long old = s.cr0;
                s.cr0 = v | X86Arch.CR0_ET;
                if (((old ^ s.cr0) & (X86Arch.CR0_WP | X86Arch.CR0_PG)) != 0) {
                    s.mem.flush();
                }
                break;
            }
            case 2:
                s.cr2 = v;
                break;
            case 3:
                if ((v & ~((1L << X86Arch.MAXPHYADDR) - 1)) != 0) {
                    throw s.gp0();
                }
                s.cr3 = v;
                s.mem.flush();
                break;
            case 4: {
                if ((v & ~X86Arch.CR4_SUPPORTED) != 0 || (v & X86Arch.CR4_PAE) == 0) {
                    throw s.gp0();
                }
                long old = s.cr4;
                s.cr4 = v;
                if (((old ^ v) & (X86Arch.CR4_PGE | X86Arch.CR4_PSE | X86Arch.CR4_PAE)) != 0) {
                    s.mem.flush();
                }
                break;
            }
            default:
                if ((v & ~15L) != 0) {
                    throw s.gp0();
                }
                s.cr8 = v;
                break;
        }
        s.codeVPage = -1;
    }

    private static int debugRegister(X86State s, long a) {
        int dr = Insn.reg(a);
        if (dr > 7 || ((dr == 4 || dr == 5) && (s.cr4 & X86Arch.CR4_DE) != 0)) {
            throw s.ud();
        }
        privileged(s);
        return dr == 4 || dr == 5 ? dr + 2 : dr;
    }

    /** MOV from DRn; breakpoints are stored but never fire. */
    public static void movFromDr(X86State s, long a) {
        int dr = debugRegister(s, a);
        if (s.guestMode && s.core.intercept(ExitCode.READ_DR0 + dr, Insn.rm(a), 0)) {
            return;
        }
        s.r[Insn.rm(a)] = s.dr[dr];
        next(s, a);
    }

    public static void movToDr(X86State s, long a) {
        int dr = debugRegister(s, a);
        if (s.guestMode && s.core.intercept(ExitCode.WRITE_DR0 + dr, Insn.rm(a), 0)) {
            return;
        }
        long v = s.r[Insn.rm(a)];
        if (dr >= 6 && (v >>> 32) != 0) {
            throw s.gp0();
        }
        s.dr[dr] = v;
        next(s, a);
    }

    public static void clts(X86State s, long a) {
        privileged(s);
        if (s.guestMode && s.core.intercept(ExitCode.WRITE_CR0, 0, 0)) {
            return;
        }
        s.cr0 &= ~X86Arch.CR0_TS;
        next(s, a);
    }

    /** LMSW: loads CR0 bits 3..0 (PE can be set, not cleared). */
    public static void lmsw(X86State s, long a, long b) {
        privileged(s);
        long v = Operands.readE(s, a, b, 1) & 0xf;
        if (s.guestMode && s.core.intercept(ExitCode.CR0_SELECTIVE_WRITE, 0, 0)) {
            return;
        }
        writeCr(s, 0, (s.cr0 & ~0xeL) | v | (s.cr0 & X86Arch.CR0_PE));
        next(s, a);
    }

    /** SMSW: CR0 into a register (operand size) or 16 bits of memory. */
    public static void smsw(X86State s, long a, long b) {
        if (s.guestMode && s.core.intercept(ExitCode.READ_CR0, 0, 0)) {
            return;
        }
        if ((a & Insn.MEM) != 0) {
            s.mem.write(Operands.ea(s, a, b), 1, s.cr0 & 0xffff);
        } else {
            s.setReg(Insn.rm(a), Insn.size(a), s.cr0);
        }
        next(s, a);
    }

    // ---- descriptor tables ----------------------------------------------------------------------

    /** SGDT, SIDT, LGDT, LIDT (ext 0..3): limit (16 bits) then base (64 bits). */
    public static void descriptorTable(X86State s, long a, long b) {
        int kind = Insn.ext(a);
        long la = Operands.ea(s, a, b);
        boolean idt = (kind & 1) != 0;
        if (kind < 2) {
            if (s.guestMode && s.core.intercept(idt ? ExitCode.IDTR_READ : ExitCode.GDTR_READ, 0, 0)) {
                return;
            }
            s.mem.probeWrite(la, 1);
            s.mem.probeWrite(la + 2, 3);
            s.mem.write(la, 1, idt ? s.idtLimit : s.gdtLimit);
            s.mem.write(la + 2, 3, idt ? s.idtBase : s.gdtBase);
        } else {
            privileged(s);
            if (s.guestMode && s.core.intercept(idt ? ExitCode.IDTR_WRITE : ExitCode.GDTR_WRITE, 0, 0)) {
                return;
            }
            int limit = (int) s.mem.read(la, 1);
            long base = s.mem.read(la + 2, 3);
            if (!X86Arch.canonical(base)) {
                throw s.gp0();
            }
            if (idt) {
                s.idtBase = base;
                s.idtLimit = limit;
            } else {
                s.gdtBase = base;
                s.gdtLimit = limit;
            }
        }
        next(s, a);
    }

    public static void ltr(X86State s, long a, long b) {
        privileged(s);
        int sel = (int) Operands.readE(s, a, b, 1);
        if (s.guestMode && s.core.intercept(ExitCode.TR_WRITE, 0, 0)) {
            return;
        }
        Segments.ltr(s, sel);
        next(s, a);
    }

    public static void lldt(X86State s, long a, long b) {
        privileged(s);
        int sel = (int) Operands.readE(s, a, b, 1);
        if (s.guestMode && s.core.intercept(ExitCode.LDTR_WRITE, 0, 0)) {
            return;
        }
        Segments.lldt(s, sel);
        next(s, a);
    }

    /** STR (tr true) / SLDT: the selector into a register (zero-extended) or 16 bits of memory. */
    public static void storeSelector(X86State s, long a, long b, boolean tr) {
        if (s.guestMode && s.core.intercept(tr ? ExitCode.TR_READ : ExitCode.LDTR_READ, 0, 0)) {
            return;
        }
        int sel = tr ? s.trSel : s.ldtrSel;
        if ((a & Insn.MEM) != 0) {
            s.mem.write(Operands.ea(s, a, b), 1, sel);
        } else {
            s.setReg(Insn.rm(a), Insn.size(a), sel);
        }
        next(s, a);
    }

    public static void invlpg(X86State s, long a, long b) {
        privileged(s);
        long la = Operands.ea(s, a, b);
        if (s.guestMode && s.core.intercept(ExitCode.INVLPG, la, 0)) {
            return;
        }
        s.mem.invalidatePage(la);
        next(s, a);
    }

    /** INVD, WBINVD: privileged; there are no caches to write back. */
    public static void privilegedNop(X86State s, long a) {
        privileged(s);
        if (s.guestMode && s.core.intercept(Insn.ext(a) == 0 ? ExitCode.INVD : ExitCode.WBINVD, 0, 0)) {
            return;
        }
        next(s, a);
    }

    // ---- fast system calls ------------------------------------------------------------------------

    public static void swapgs(X86State s, long a) {
        privileged(s);
        long gs = s.segBase[X86Arch.GS];
        s.segBase[X86Arch.GS] = s.kernelGsBase;
        s.kernelGsBase = gs;
        next(s, a);
    }

    /**
     * SYSCALL: RCX = next RIP, R11 = RFLAGS, RFLAGS &amp;= ~SFMASK, CS = STAR[47:32] and SS = that + 8
     * as flat CPL 0 segments (the GDT is not read), RIP = LSTAR.
     */
    public static void syscall(X86State s, long a) {
        if ((s.efer & X86Arch.EFER_SCE) == 0) {
            throw s.ud();
        }
        long rflags = Flags.rflags(s) & ~X86Arch.RF;
        s.r[RCX] = s.rip + Insn.len(a);
        s.r[X86State.R11] = rflags;
        Flags.setRflags(s, rflags & ~s.sfmask & ~X86Arch.RF);
        int sel = (int) (s.star >>> 32) & 0xffff;
        s.segSel[X86Arch.CS] = sel & 0xfffc;
        s.segAttr[X86Arch.CS] = Segments.flatCode(0);
        s.segSel[X86Arch.SS] = (sel + 8) & 0xfffc;
        s.segAttr[X86Arch.SS] = Segments.flatData(0);
        s.rip = s.lstar;
        s.setCpl(0);
    }

    /**
     * SYSRET (64-bit operand size): RIP = RCX, RFLAGS = R11, CS = STAR[63:48] + 16 and
     * SS = STAR[63:48] + 8, both RPL 3 and flat. A 32-bit SYSRET returns to compatibility mode,
     * which is not implemented.
     */
    public static void sysret(X86State s, long a) {
        if ((s.efer & X86Arch.EFER_SCE) == 0) {
            throw s.ud();
        }
        privileged(s);
        if (Insn.size(a) != 3) {
            throw s.unsupported("SYSRET to compatibility mode");
        }
        int sel = (int) (s.star >>> 48) & 0xffff;
        Flags.setRflags(s, (s.r[X86State.R11] & 0x3c_7fd7L) | X86Arch.RESERVED_1);
        s.segSel[X86Arch.CS] = (sel + 16) | 3;
        s.segAttr[X86Arch.CS] = Segments.flatCode(3);
        s.segSel[X86Arch.SS] = (sel + 8) | 3;
        s.segAttr[X86Arch.SS] = Segments.flatData(3);
        s.rip = s.r[RCX];
        s.setCpl(3);
    }

    /**
     * VMMCALL: the hypercall instruction, meaningful only as an intercept (exit 0x81) to the
     * hypervisor; not intercepted, or in host mode, it raises #UD (APM vol. 3, VMMCALL).
     */
    public static void vmmcall(X86State s, long a) {
        if (s.guestMode && s.core.intercept(ExitCode.VMMCALL, 0, 0)) {
            return;
        }
        throw s.ud();
    }

    private static final int[] SVM_EXITS = {ExitCode.VMRUN, -1, ExitCode.VMLOAD, ExitCode.VMSAVE, ExitCode.STGI,
        ExitCode.CLGI, ExitCode.SKINIT, ExitCode.INVLPGA};

    /**
     * VMRUN, VMLOAD, VMSAVE, STGI, CLGI, SKINIT, INVLPGA executed by software. In a guest they
     * are intercepts (a VMCB must intercept VMRUN); not intercepted they raise #UD, since this
     * CPU runs no nested guests and the Java host drives SVM through {@code svm.SvmUnit}
     * rather than with these instructions.
     */
    public static void svmInstruction(X86State s, long a) {
        if (s.guestMode && s.cpl == 0 && s.core.intercept(SVM_EXITS[Insn.ext(a)], 0, 0)) {
            return;
        }
        throw s.ud();
    }

    // ---- port I/O -----------------------------------------------------------------------------------

    /** IN / OUT with the port in the immediate (ext 0) or DX (ext 1); #GP when CPL &gt; IOPL. */
    public static void io(X86State s, long a, long b, boolean in) {
        if (s.cpl > s.iopl()) {
            throw s.gp0();                                      // no TSS I/O permission bitmap
        }
        int size = Math.min(Insn.size(a), 2);
        int port = Insn.ext(a) == 0 ? Insn.imm(b) & 0xff : (int) s.r[RDX] & 0xffff;
        if (s.guestMode && s.core.ioIntercept(port, size, in, false, false, 3, 0)) {
            return;
        }
        if (in) {
            s.setReg(RAX, size, s.core.portIo(port, size, true, 0));
        } else {
            s.core.portIo(port, size, false, s.reg(RAX, size));
        }
        next(s, a);
    }

    // ---- segment registers -------------------------------------------------------------------------

    /** MOV Sreg, Ew (not CS); MOV SS blocks interrupts for one instruction. */
    public static void movToSeg(X86State s, long a, long b) {
        int seg = Insn.ext(a);
        if (seg == X86Arch.CS || seg > X86Arch.GS) {
            throw s.ud();
        }
        Segments.loadData(s, seg, (int) Operands.readE(s, a, b, 1));
        if (seg == X86Arch.SS) {
            s.interruptShadow = true;
        }
        next(s, a);
    }

    /** MOV Ev, Sreg: a register gets the selector zero-extended, memory 16 bits. */
    public static void movFromSeg(X86State s, long a, long b) {
        int seg = Insn.ext(a);
        if (seg > X86Arch.GS) {
            throw s.ud();
        }
        if ((a & Insn.MEM) != 0) {
            s.mem.write(Operands.ea(s, a, b), 1, s.segSel[seg]);
        } else {
            s.setReg(Insn.rm(a), Insn.size(a), s.segSel[seg]);
        }
        next(s, a);
    }

    public static void pushSeg(X86State s, long a) {
        StackOps.push(s, Insn.size(a), s.segSel[Insn.ext(a)]);
        next(s, a);
    }

    public static void popSeg(X86State s, long a) {
        int size = Insn.size(a);
        long sp = s.r[X86State.RSP];
        int sel = (int) s.mem.read(sp, size) & 0xffff;
        Segments.loadData(s, Insn.ext(a), sel);
        s.r[X86State.RSP] = sp + (1 << size);
        next(s, a);
    }

    /** RETF with the operand size (32 by default, 64 with REX.W) and an optional release count. */
    public static void retf(X86State s, long a, long b) {
        Segments.farReturn(s, Insn.size(a), Insn.imm(b) & 0xffff);
    }
}
