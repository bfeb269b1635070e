package org.hyperstrand.x86.cpu;

import static org.hyperstrand.x86.cpu.X86Arch.EFER_LMA;
import static org.hyperstrand.x86.cpu.X86Arch.EFER_LME;
import static org.hyperstrand.x86.cpu.X86Arch.EFER_NXE;
import static org.hyperstrand.x86.cpu.X86Arch.EFER_WRITABLE;

/**
 * The model-specific registers RDMSR and WRMSR reach. Any other MSR raises #GP(0), as does a
 * write of a non-canonical address to FS_BASE, GS_BASE, KERNEL_GS_BASE, LSTAR or CSTAR, a
 * reserved EFER bit or a change of EFER.LME while paging is on.
 *
 * <table>
 *   <caption>MSRs</caption>
 *   <tr><td>0x10 TSC</td><td>reads now() + offset; a write sets the offset</td></tr>
 *   <tr><td>0x1B APIC_BASE</td><td>0xFEE0_0000, BSP flag on vCPU 0; xAPIC disabled (no local
 *       APIC yet); writes ignored</td></tr>
 *   <tr><td>0x277 PAT</td><td>stored (no memory types are modelled)</td></tr>
 *   <tr><td>0xC000_0080 EFER</td><td>SCE, LME, NXE writable; LMA read-only</td></tr>
 *   <tr><td>0xC000_0081..84</td><td>STAR, LSTAR, CSTAR, SFMASK (only the low 32 bits of SFMASK)</td></tr>
 *   <tr><td>0xC000_0100..103</td><td>FS_BASE, GS_BASE, KERNEL_GS_BASE, TSC_AUX (32 bits)</td></tr>
 *   <tr><td>0xC001_0114 VM_CR</td><td>0: SVM enabled, not locked; writes ignored</td></tr>
 *   <tr><td>0xC001_0117 VM_HSAVE_PA</td><td>4 KiB-aligned host-save area address (#GP otherwise)</td></tr>
 * </table>
 */
public final class Msrs {

    private Msrs() {
    }

    public static final int MSR_VM_CR = 0xc001_0114;
    public static final int MSR_VM_HSAVE_PA = 0xc001_0117;

    /** The value of MSR {@code msr}, or #GP(0). */
    public static long read(X86State s, int msr, int vcpuId) {
        switch (msr) {
            case X86Arch.MSR_TSC: return s.guest.now() + s.tscOffset;
            case X86Arch.MSR_APIC_BASE: return X86Arch.APIC_BASE_DEFAULT | (vcpuId == 0 ? X86Arch.APIC_BASE_BSP : 0);
            case X86Arch.MSR_PAT: return s.pat;
            case X86Arch.MSR_EFER: return s.efer;
            case X86Arch.MSR_STAR: return s.star;
            case X86Arch.MSR_LSTAR: return s.lstar;
            case X86Arch.MSR_CSTAR: return s.cstar;
            case X86Arch.MSR_SFMASK: return s.sfmask;
            case X86Arch.MSR_FS_BASE: return s.segBase[X86Arch.FS];
            case X86Arch.MSR_GS_BASE: return s.segBase[X86Arch.GS];
            case X86Arch.MSR_KERNEL_GS_BASE: return s.kernelGsBase;
            case X86Arch.MSR_TSC_AUX: return s.tscAux;
            case MSR_VM_CR: return 0;
            case MSR_VM_HSAVE_PA: return s.hsavePa;
            default: throw s.gp0();
        }
    }

    /** Writes MSR {@code msr}, or raises #GP(0). */
    public static void write(X86State s, int msr, long v) {
        switch (msr) {
            case X86Arch.MSR_TSC:
                s.tscOffset = v - s.guest.now();
                break;
            case X86Arch.MSR_APIC_BASE:
                break;
            case X86Arch.MSR_PAT:
                s.pat = v;
                break;
            case X86Arch.MSR_EFER: {
                if ((v & ~(EFER_WRITABLE | EFER_LMA)) != 0) {
                    throw s.gp0();
                }
                if (((v ^ s.efer) & EFER_LME) != 0 && (s.cr0 & X86Arch.CR0_PG) != 0) {
                    throw s.gp0();
                }
                long old = s.efer;
                s.efer = (v & EFER_WRITABLE) | (old & EFER_LMA);
                if (((old ^ s.efer) & EFER_NXE) != 0) {
                    s.mem.flush();
                }
                break;
            }
            case X86Arch.MSR_STAR:
                s.star = v;
                break;
            case X86Arch.MSR_LSTAR:
                s.lstar = canonical(s, v);
                break;
            case X86Arch.MSR_CSTAR:
                s.cstar = canonical(s, v);
                break;
            case X86Arch.MSR_SFMASK:
                s.sfmask = v & 0xffff_ffffL;
                break;
            case X86Arch.MSR_FS_BASE:
                s.segBase[X86Arch.FS] = canonical(s, v);
                break;
            case X86Arch.MSR_GS_BASE:
                s.segBase[X86Arch.GS] = canonical(s, v);
                break;
            case X86Arch.MSR_KERNEL_GS_BASE:
                s.kernelGsBase = canonical(s, v);
                break;
            case X86Arch.MSR_TSC_AUX:
                s.tscAux = v & 0xffff_ffffL;
                break;
            case MSR_VM_CR:
                break;
            case MSR_VM_HSAVE_PA:
                if ((v & 0xfff) != 0 || (v >>> X86Arch.MAXPHYADDR) != 0) {
                    throw s.gp0();
                }
                s.hsavePa = v;
                break;
            default:
                throw s.gp0();
        }
    }

    private static long canonical(X86State s, long v) {
        if (!X86Arch.canonical(v)) {
            throw s.gp0();
        }
        return v;
    }
}
