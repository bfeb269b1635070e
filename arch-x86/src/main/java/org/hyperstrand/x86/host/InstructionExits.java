package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.Cpuid;
import org.hyperstrand.x86.cpu.Msrs;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86Fault;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.svm.Vmcb;

/** Exits of intercepted instructions that the hypervisor emulates or refuses. */
final class InstructionExits {

    private InstructionExits() {
    }

    /**
     * VMMCALL: a hypercall with %rax = 0x80 (fast) or 0xff (core), for hv-core to dispatch;
     * any other %rax gets EBADTRAP. At CPL 3 it raises #UD, as an unintercepted VMMCALL would.
     */
    static int vmmcall(X86Vcpu v) {
        Vmcb m = v.vmcb();
        if ((m.get8(CPL) & 3) != 0) {
            v.injectException(X86Arch.UD, 0);
            return ExitHandler.RESUME;
        }
        long trap = m.get64(RAX);
        if (trap == X86Vcpu.FAST_TRAP || trap == X86Vcpu.CORE_TRAP) {
            return v.hypercall(trap);
        }
        m.set64(RAX, HvErrors.EBADTRAP);
        v.skipInstruction();
        return ExitHandler.RESUME;
    }

    /** HLT: the vCPU parks until an interrupt, a timer or a poke (hv-core's HALT). */
    static int hlt(X86Vcpu v) {
        v.skipInstruction();
        return VcpuExit.HALT;
    }

    /**
     * CPUID: the CPU's leaves as the guest should see them: SVM is not offered to guests (no
     * nested virtualization), so its feature bit and leaf read as 0.
     */
    static int cpuid(X86Vcpu v) {
        Vmcb m = v.vmcb();
        X86State s = v.cpu().state();
        int leaf = (int) m.get64(RAX);
        int[] out = v.cpuidOut;
        Cpuid.leaf(leaf, (int) s.r[X86State.RCX], v.vcpuId(), out);
        if (leaf == 0x8000_0001) {
            out[2] &= ~(1 << 2);
        } else if (leaf == Cpuid.SVM_LEAF) {
            java.util.Arrays.fill(out, 0);
        }
        m.set64(RAX, out[0] & 0xffff_ffffL);
        s.r[X86State.RBX] = out[1] & 0xffff_ffffL;
        s.r[X86State.RCX] = out[2] & 0xffff_ffffL;
        s.r[X86State.RDX] = out[3] & 0xffff_ffffL;
        v.skipInstruction();
        return ExitHandler.RESUME;
    }

    /**
     * RDMSR / WRMSR of an intercepted MSR. EFER is the VMCB's (SVME hidden from the guest and
     * kept set), the TSC moves the VMCB's TSC_OFFSET, the SVM MSRs raise #GP; the rest behave
     * as the CPU's own MSRs, #GP included.
     */
    static int msr(X86Vcpu v) {
        Vmcb m = v.vmcb();
        X86State s = v.cpu().state();
        int msr = (int) s.r[X86State.RCX];
        boolean write = m.get64(EXITINFO1) != 0;
        long value = (s.r[X86State.RDX] << 32) | (m.get64(RAX) & 0xffff_ffffL);
        if (msr == Msrs.MSR_VM_CR || msr == Msrs.MSR_VM_HSAVE_PA) {
            v.injectException(X86Arch.GP, 0);
            return ExitHandler.RESUME;
        }
        if (!write) {
            long result;
            if (msr == X86Arch.MSR_EFER) {
                result = m.get64(EFER) & ~X86Arch.EFER_SVME;
            } else {
                try {
                    result = Msrs.read(s, msr, v.vcpuId());
                } catch (X86Fault f) {
                    v.injectException(X86Arch.GP, 0);
                    return ExitHandler.RESUME;
                }
            }
            m.set64(RAX, result & 0xffff_ffffL);
            s.r[X86State.RDX] = result >>> 32;
        } else if (msr == X86Arch.MSR_EFER) {
            long efer = m.get64(EFER);
            if ((value & ~(X86Arch.EFER_WRITABLE & ~X86Arch.EFER_SVME | X86Arch.EFER_LMA)) != 0
                    || (((value ^ efer) & X86Arch.EFER_LME) != 0 && (m.get64(CR0) & X86Arch.CR0_PG) != 0)) {
                v.injectException(X86Arch.GP, 0);
                return ExitHandler.RESUME;
            }
            m.set64(EFER, (value & X86Arch.EFER_WRITABLE) | X86Arch.EFER_SVME | (efer & X86Arch.EFER_LMA));
            v.dirty |= CLEAN_CR;
        } else if (msr == X86Arch.MSR_TSC) {
            m.set64(TSC_OFFSET, value - v.platform().guest().now());
            v.dirty |= CLEAN_INTERCEPTS;
        } else {
            try {
                Msrs.write(s, msr, value);
            } catch (X86Fault f) {
                v.injectException(X86Arch.GP, 0);
                return ExitHandler.RESUME;
            }
        }
        v.skipInstruction();
        return ExitHandler.RESUME;
    }

    /** An instruction the guest may execute but that has no effect here (INVD, WBINVD). */
    static int skip(X86Vcpu v) {
        v.skipInstruction();
        return ExitHandler.RESUME;
    }

    /**
     * SVM instructions (no nested virtualization is offered), RDPMC, RSM, MONITOR/MWAIT,
     * XSETBV, RDPRU: none is advertised to the guest, so each raises #UD, as KVM does for
     * what it does not expose.
     */
    static int undefined(X86Vcpu v) {
        v.injectException(X86Arch.UD, 0);
        return ExitHandler.RESUME;
    }
}
