package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.svm.Vmcb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exits that are not an instruction of the guest: interrupts, faults of the nesting, failures. */
final class EventExits {

    private static final Logger LOG = LoggerFactory.getLogger(EventExits.class);

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
     * is memory-mapped, so nothing answers there; as a bus error on a real machine, the access
     * raises a machine check (#MC) in the guest, whose handler sees RIP at the access. A write
     * to a page mapped in read-only from another domain, or a fetch from a mapped-in page, is
     * refused by its nested entry and ends the same way (the ldc_mapin spec says so). The
     * hypervisor logs the address, which the guest cannot learn from #MC. During the delivery of
     * an event (its stack or IDT outside memory) the guest could not take the #MC either: the
     * domain stops with the address.
     */
    static int nestedPageFault(X86Vcpu v) {
        Vmcb m = v.vmcb();
        long info = m.get64(EXITINFO1);
        long interrupted = m.get32(EXITINTINFO);
        if ((interrupted & EVENT_VALID) != 0) {
            // the guest's stack or IDT is outside its memory: it could not take a #MC either
            return v.fail("guest-physical address 0x" + Long.toHexString(m.get64(EXITINFO2)) + " is not memory of "
                    + "this domain (" + accessName(info) + " while delivering vector "
                    + (interrupted & EVENT_VECTOR_MASK)
                    + ", nested page fault, EXITINFO1 0x" + Long.toHexString(info) + ") at rip 0x"
                    + Long.toHexString(m.get64(RIP)));
        }
        return machineCheck(v, m.get64(EXITINFO2), info);
    }

    /**
     * Guest-physical {@code gpa} is not the domain's memory, or a page mapped in from another
     * domain that does not allow the access ({@code info}: the nested fault's EXITINFO1): logs it
     * and raises #MC in the guest, RIP at the access. The NPF exit and the
     * hypervisor's own accesses for the guest (string I/O) follow this one rule.
     */
    static int machineCheck(X86Vcpu v, long gpa, long info) {
        // a present nested entry that refused the access: a page mapped in from another domain
        // without write rights, or fetched from (ldc_mapin never grants execute)
        String what = (info & 1) != 0 ? "mapped in without the right for a" : "not memory of this domain";
        LOG.info("{}: guest-physical address 0x{} is {} ({}{}, EXITINFO1 0x{}) at rip 0x{}: "
                        + "#MC raised in the guest", v.describe(), Long.toHexString(gpa), what, accessName(info),
                ((info >>> 33) & 1) != 0 ? " of a guest page-table entry" : "", Long.toHexString(info),
                Long.toHexString(v.vmcb().get64(RIP)));
        v.injectException(X86Arch.MC, 0);
        return ExitHandler.RESUME;
    }

    /** The kind of access of a nested fault's EXITINFO1 (reference/amd-v-svm.md 5.2). */
    private static String accessName(long info) {
        return (info & 0x10) != 0 ? "instruction fetch" : (info & 2) != 0 ? "write" : "read";
    }

    /** VMRUN refused the VMCB: a hypervisor bug, shown with the VMCB. */
    static int invalid(X86Vcpu v) {
        return v.fail("VMRUN failed its consistency checks (VMEXIT_INVALID): " + v.cpu().svm().invalidReason());
    }
}
