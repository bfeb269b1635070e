package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import org.hyperstrand.x86.cpu.ExitCode;
import org.hyperstrand.x86.svm.Vmcb;

/** A readable dump of a VMCB's exit fields and main controls, for failure reports. */
final class VmcbDump {

    private VmcbDump() {
    }

    static String of(Vmcb v) {
        StringBuilder b = new StringBuilder("VMCB at 0x").append(Long.toHexString(v.pa())).append(":\n");
        long code = v.get64(EXITCODE);
        b.append("  exitcode 0x").append(Long.toHexString(code)).append(" (").append(ExitCode.name(code)).append(')');
        field(b, "exitinfo1", v.get64(EXITINFO1));
        field(b, "exitinfo2", v.get64(EXITINFO2));
        b.append('\n');
        field(b, "  exitintinfo", v.get32(EXITINTINFO));
        field(b, "nrip", v.get64(NEXT_RIP));
        field(b, "eventinj", v.get32(EVENTINJ));
        field(b, "int_ctl", v.get32(INT_CTL));
        b.append('\n');
        field(b, "  intercepts cr", v.get32(INTERCEPT_CR));
        field(b, "dr", v.get32(INTERCEPT_DR));
        field(b, "exc", v.get32(INTERCEPT_EXCEPTIONS));
        field(b, "misc", v.get32(INTERCEPT_MISC1));
        field(b, "misc2", v.get32(INTERCEPT_MISC2));
        b.append('\n');
        field(b, "  asid", v.get32(GUEST_ASID));
        field(b, "np", v.get64(NESTED_CTL));
        field(b, "n_cr3", v.get64(N_CR3));
        field(b, "iopm", v.get64(IOPM_BASE_PA));
        field(b, "msrpm", v.get64(MSRPM_BASE_PA));
        b.append('\n');
        field(b, "  rip", v.get64(RIP));
        field(b, "rsp", v.get64(RSP));
        field(b, "rax", v.get64(RAX));
        field(b, "rflags", v.get64(RFLAGS));
        field(b, "cpl", v.get8(CPL));
        b.append('\n');
        field(b, "  cr0", v.get64(CR0));
        field(b, "cr3", v.get64(CR3));
        field(b, "cr4", v.get64(CR4));
        field(b, "efer", v.get64(EFER));
        field(b, "cs", v.get16(CS));
        return b.append('\n').toString();
    }

    private static void field(StringBuilder b, String name, long value) {
        if (!name.startsWith(" ")) {
            b.append(' ');
        }
        b.append(name).append(" 0x").append(Long.toHexString(value));
    }
}
