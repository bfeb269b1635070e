package org.hyperstrand.x86.svm;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import org.hyperstrand.x86.cpu.ExitCode;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;

/**
 * VMRUN's consistency checks (reference/amd-v-svm.md 6.2 step 6, the union of what Bochs, QEMU,
 * KVM's nested SVM and kvm-unit-tests' guest-state tests check). A failure makes VMRUN exit at
 * once with VMEXIT_INVALID; no guest instruction runs. Groups the VMCB marks clean were checked
 * when they were loaded and are not checked again.
 */
final class GuestStateChecks {

    private GuestStateChecks() {
    }

    /** EFER bits 63:16 and 9 are reserved (kvm-unit-tests' mask). */
    private static final long EFER_RESERVED = 0xffff_ffff_ffff_0200L;
    private static final long CR4_RESERVED = ~X86Arch.CR4_SUPPORTED;
    private static final long CR3_MBZ = ~((1L << X86Arch.MAXPHYADDR) - 1);

    /** Why {@code v} cannot be run, or null. */
    static String check(Vmcb v, int clean, X86State s) {
        if ((clean & CLEAN_INTERCEPTS) == 0) {
            int misc2 = (int) v.get32(INTERCEPT_MISC2);
            if ((misc2 & misc2Bit(ExitCode.VMRUN)) == 0) {
                return "the VMRUN intercept is clear";
            }
            if ((v.get32(INTERCEPT_MISC1) & misc1Bit(ExitCode.INTR)) == 0) {
                return "the INTR intercept is clear (this model needs it to end the hypervisor's quantum)";
            }
        }
        if ((clean & CLEAN_ASID) == 0 && v.get32(GUEST_ASID) == 0) {
            return "ASID 0 is the host's";
        }
        if ((clean & CLEAN_IOPM) == 0) {
            long limit = s.guest.memory().size();
            long iopm = v.get64(IOPM_BASE_PA) & ~0xfffL;
            long msrpm = v.get64(MSRPM_BASE_PA) & ~0xfffL;
            if (iopm + PermissionMaps.IOPM_BYTES > limit || msrpm + PermissionMaps.MSRPM_BYTES > limit) {
                return "the IOPM or MSRPM extends beyond host memory";
            }
        }
        if ((clean & CLEAN_NP) == 0 && (v.get64(NESTED_CTL) & 1) != 0) {
            long root = v.get64(N_CR3);
            if ((root & CR3_MBZ) != 0 || root + 4096 > s.guest.memory().size()) {
                return "N_CR3 is not in host memory";
            }
        }
        if ((clean & CLEAN_CR) == 0) {
            long efer = v.get64(EFER);
            long cr0 = v.get64(CR0);
            long cr3 = v.get64(CR3);
            long cr4 = v.get64(CR4);
            if ((efer & X86Arch.EFER_SVME) == 0) {
                return "EFER.SVME is clear in the guest state";
            }
            if ((efer & EFER_RESERVED) != 0) {
                return "reserved EFER bits are set";
            }
            if ((cr0 >>> 32) != 0 || ((cr0 & X86Arch.CR0_CD) == 0 && (cr0 & X86Arch.CR0_NW) != 0)) {
                return "CR0 is illegal (bits 63:32 set, or NW without CD)";
            }
            if ((cr4 & CR4_RESERVED) != 0) {
                return "reserved CR4 bits are set";
            }
            boolean longPaging = (efer & X86Arch.EFER_LME) != 0 && (cr0 & X86Arch.CR0_PG) != 0;
            if (longPaging && (cr3 & CR3_MBZ) != 0) {
                return "CR3 has bits set above MAXPHYADDR";
            }
            if (longPaging && (cr4 & X86Arch.CR4_PAE) == 0) {
                return "EFER.LME and CR0.PG without CR4.PAE";
            }
            if (longPaging && (cr0 & X86Arch.CR0_PE) == 0) {
                return "EFER.LME and CR0.PG without CR0.PE";
            }
            int csAttr = v.get16(CS + SEG_ATTRIB);
            if (longPaging && (csAttr & X86Arch.ATTR_L) != 0 && (csAttr & X86Arch.ATTR_DB) != 0) {
                return "CS.L and CS.D are both set in long mode";
            }
        }
        if ((clean & CLEAN_DR) == 0 && ((v.get64(DR6) >>> 32) != 0 || (v.get64(DR7) >>> 32) != 0)) {
            return "DR6 or DR7 has bits 63:32 set";
        }
        int inject = (int) v.get32(EVENTINJ);
        if ((inject & EVENT_VALID) != 0) {
            int type = (inject >>> EVENT_TYPE_SHIFT) & 7;
            int vector = inject & EVENT_VECTOR_MASK;
            if (type == 1 || type > EVENT_TYPE_SOFT_INT) {
                return "EVENTINJ has a reserved type";
            }
            if (type == EVENT_TYPE_EXCEPTION && (vector == X86Arch.NMI || vector > 31)) {
                return "EVENTINJ injects exception vector " + vector;
            }
            if ((inject & 0x7fff_f000) != 0) {
                return "EVENTINJ has reserved bits set";
            }
        }
        return null;
    }
}
