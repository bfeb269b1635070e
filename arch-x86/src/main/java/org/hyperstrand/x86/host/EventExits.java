package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import org.hyperstrand.x86.svm.Vmcb;

/** Exits that are not an instruction of the guest: interrupts, faults of the nesting, failures. */
final class EventExits {

    private EventExits() {
    }

    /** INTR, NMI, SMI, INIT: the host's own event (the quantum timer); the guest resumes as it was. */
    static int physicalInterrupt(X86Vcpu v) {
        return ExitHandler.RESUME;
    }

    /** A triple fault: the guest cannot go on. */
    static int shutdown(X86Vcpu v) {
        return v.fail("triple fault (#VMEXIT SHUTDOWN): an exception while delivering #DF; see the last exception below");
    }

    /** Hardware task switches do not exist in long mode; reaching one means a broken guest state. */
    static int taskSwitch(X86Vcpu v) {
        return v.fail("task switch (#VMEXIT TASK_SWITCH) to selector 0x" + Long.toHexString(v.vmcb().get64(EXITINFO1)));
    }

    /**
     * A guest-physical address that is not the domain's memory (nested page fault). No device
     * is memory-mapped yet, so nothing can answer it: the domain stops with the address.
     */
    static int nestedPageFault(X86Vcpu v) {
        Vmcb m = v.vmcb();
        long info = m.get64(EXITINFO1);
        String access = (info & 0x10) != 0 ? "instruction fetch" : (info & 2) != 0 ? "write" : "read";
        return v.fail("guest-physical address 0x" + Long.toHexString(m.get64(EXITINFO2)) + " is not memory of this domain ("
                + access + (((info >>> 33) & 1) != 0 ? " of a guest page-table entry" : "") + ", nested page fault, "
                + "EXITINFO1 0x" + Long.toHexString(info) + ") at rip 0x" + Long.toHexString(m.get64(RIP)));
    }

    /** VMRUN refused the VMCB: a hypervisor bug, shown with the VMCB. */
    static int invalid(X86Vcpu v) {
        return v.fail("VMRUN failed its consistency checks (VMEXIT_INVALID): " + v.cpu().svm().invalidReason());
    }
}
