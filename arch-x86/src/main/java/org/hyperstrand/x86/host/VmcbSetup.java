package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import org.hyperstrand.x86.cpu.ExitCode;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.svm.Vmcb;

/**
 * The control area of a new vCPU's VMCB, after KVM's init_vmcb with nested paging
 * (reference/amd-v-svm.md 7.1): the guest owns its control registers, page tables and
 * exceptions; the hypervisor takes what it must emulate or must not let the guest do.
 */
final class VmcbSetup {

    private VmcbSetup() {
    }

    /** Exits 0x60-0x7F the hypervisor intercepts. */
    static final int MISC1 = bits1(ExitCode.INTR, ExitCode.NMI, 0x62 /* SMI */, 0x63 /* INIT */, ExitCode.RDPMC,
            ExitCode.CPUID, ExitCode.RSM, ExitCode.INVD, ExitCode.HLT, ExitCode.INVLPGA, ExitCode.IOIO, ExitCode.MSR,
            ExitCode.TASK_SWITCH, ExitCode.SHUTDOWN);
    /** Exits 0x80-0x9F the hypervisor intercepts. */
    static final int MISC2 = bits2(ExitCode.VMRUN, ExitCode.VMMCALL, ExitCode.VMLOAD, ExitCode.VMSAVE, ExitCode.STGI,
            ExitCode.CLGI, ExitCode.SKINIT, ExitCode.WBINVD, ExitCode.MONITOR, ExitCode.MWAIT, ExitCode.XSETBV,
            ExitCode.RDPRU);

    /** Every vCPU runs its guest with ASID 1: each has a CPU of its own. */
    static final int GUEST_ASID_VALUE = 1;

    static void controls(Vmcb v, GuestPlatform platform) {
        v.set32(INTERCEPT_CR, 0);
        v.set32(INTERCEPT_DR, 0);
        v.set32(INTERCEPT_EXCEPTIONS, 0);
        v.set32(INTERCEPT_MISC1, MISC1);
        v.set32(INTERCEPT_MISC2, MISC2);
        v.set32(INTERCEPT_MISC3, 0);
        v.set64(IOPM_BASE_PA, platform.iopm);
        v.set64(MSRPM_BASE_PA, platform.msrpm);
        v.set64(TSC_OFFSET, 0);
        v.set32(GUEST_ASID, GUEST_ASID_VALUE);
        v.set8(TLB_CONTROL, TLB_FLUSH_NONE);
        v.set32(INT_CTL, INT_CTL_V_INTR_MASKING);
        v.set64(NESTED_CTL, 1);
        v.set64(N_CR3, platform.nestedRoot());
        v.set64(G_PAT, X86Arch.PAT_DEFAULT);
        v.set32(EVENTINJ, 0);
        v.set32(VMCB_CLEAN, 0);
    }

    private static int bits1(int... codes) {
        int w = 0;
        for (int c : codes) {
            w |= misc1Bit(c);
        }
        return w;
    }

    private static int bits2(int... codes) {
        int w = 0;
        for (int c : codes) {
            w |= misc2Bit(c);
        }
        return w;
    }
}
