package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import org.hyperstrand.core.spi.Tracer;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.ExitCode;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.svm.Vmcb;

/**
 * The trace of a #VMEXIT the hypervisor handles, e.g. {@code #VMEXIT IOIO out port=0x3f8
 * size=1 value=0x48 -> resumed}: what the guest did, read before the handler changes the
 * registers, and what came of it. Not traced: the host's own interrupts (one ends every
 * quantum) and VMMCALLs that reach hv-core, which traces them as hypercalls by name.
 */
final class ExitTrace {

    private ExitTrace() {
    }

    static int handle(X86Vcpu v, long code, ExitHandler h, Tracer t) {
        if (code >= ExitCode.INTR && code <= 0x63) {   // INTR, NMI, SMI, INIT (exit codes 0x60-0x63)
            return h.handle(v);
        }
        long retired = v.retired();
        String what = describe(v, code);
        int injectedBefore = (int) v.vmcb().get32(EVENTINJ);
        int exit = h.handle(v);
        if (exit == VcpuExit.HYPERCALL) {
            return exit;
        }
        t.event(v.vcpuId(), retired, "#VMEXIT " + what + " -> " + outcome(v, code, exit, injectedBefore));
        return exit;
    }

    private static String describe(X86Vcpu v, long code) {
        Vmcb m = v.vmcb();
        X86State s = v.cpu().state();
        String name = ExitCode.name(code);
        if (code == ExitCode.IOIO) {
            long info = m.get64(EXITINFO1);
            int bytes = (int) (info >>> 4) & 7;
            boolean in = (info & IoExits.TYPE_IN) != 0;
            if ((info & IoExits.STRING) != 0) {
                // INS/OUTS: the count matters, not RAX
                String rep = (info & IoExits.REP) != 0 ? " rep rcx=0x" + Long.toHexString(s.r[X86State.RCX]) : "";
                return name + (in ? " ins" : " outs") + " port=0x" + Long.toHexString((info >>> 16) & 0xffff)
                        + " size=" + bytes + rep;
            }
            String access = name + (in ? " in" : " out") + " port=0x" + Long.toHexString((info >>> 16) & 0xffff)
                    + " size=" + bytes;
            return in ? access : access + " value=0x" + Long.toHexString(m.get64(RAX) & mask(bytes));
        }
        if (code == ExitCode.CPUID) {
            return name + " eax=0x" + Long.toHexString(m.get64(RAX) & 0xffff_ffffL)
                    + " ecx=0x" + Long.toHexString(s.r[X86State.RCX] & 0xffff_ffffL);
        }
        if (code == ExitCode.MSR) {
            boolean write = m.get64(EXITINFO1) != 0;
            String msr = " ecx=0x" + Long.toHexString(s.r[X86State.RCX] & 0xffff_ffffL);
            return write ? name + " wrmsr" + msr + " value=0x"
                    + Long.toHexString((s.r[X86State.RDX] << 32) | (m.get64(RAX) & 0xffff_ffffL))
                    : name + " rdmsr" + msr;
        }
        if (code == ExitCode.VMMCALL) {
            return name + " rax=0x" + Long.toHexString(m.get64(RAX));
        }
        return name;
    }

    private static String outcome(X86Vcpu v, long code, int exit, int injectedBefore) {
        if (exit == VcpuExit.HALT) {
            return "halt";
        }
        if (exit == VcpuExit.FATAL) {
            return "fatal";
        }
        Vmcb m = v.vmcb();
        int injected = (int) m.get32(EVENTINJ);
        if ((injected & EVENT_VALID) != 0 && injected != injectedBefore) {
            return "injected " + X86Arch.vectorName(injected & EVENT_VECTOR_MASK);
        }
        if (code == ExitCode.IOIO && (m.get64(EXITINFO1) & (IoExits.TYPE_IN | IoExits.STRING)) == IoExits.TYPE_IN) {
            int bytes = (int) (m.get64(EXITINFO1) >>> 4) & 7;
            return "resumed value=0x" + Long.toHexString(m.get64(RAX) & mask(bytes));
        }
        if (code == ExitCode.MSR && m.get64(EXITINFO1) == 0) {
            X86State s = v.cpu().state();
            return "resumed value=0x" + Long.toHexString((s.r[X86State.RDX] << 32) | (m.get64(RAX) & 0xffff_ffffL));
        }
        if (code == ExitCode.VMMCALL) {
            return "resumed rax=0x" + Long.toHexString(m.get64(RAX));
        }
        return "resumed";
    }

    private static long mask(int bytes) {
        return bytes >= 8 ? -1L : (1L << (8 * bytes)) - 1;
    }
}
