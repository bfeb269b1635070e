package org.hyperstrand.x86.host;

import org.hyperstrand.core.spi.Tracer;
import org.hyperstrand.x86.cpu.ExitCode;

/**
 * The #VMEXIT handler table, indexed by exit code as KVM's svm_exit_handlers is (exit codes
 * 0x00-0xA6 at their own index, NPF and VMEXIT_INVALID after them). An exit with no handler
 * stops the domain with a VMCB dump: it never silently resumes.
 */
final class ExitHandlers {

    private ExitHandlers() {
    }

    private static final int NPF_INDEX = 0xa7;
    private static final int INVALID_INDEX = 0xa8;
    static final int SIZE = 0xa9;

    private static final ExitHandler[] TABLE = new ExitHandler[SIZE];

    static {
        TABLE[ExitCode.INTR] = EventExits::physicalInterrupt;
        TABLE[ExitCode.NMI] = EventExits::physicalInterrupt;
        TABLE[0x62] = EventExits::physicalInterrupt;            // SMI
        TABLE[0x63] = EventExits::physicalInterrupt;            // INIT
        TABLE[ExitCode.SHUTDOWN] = EventExits::shutdown;
        TABLE[ExitCode.TASK_SWITCH] = EventExits::taskSwitch;
        TABLE[NPF_INDEX] = EventExits::nestedPageFault;
        TABLE[INVALID_INDEX] = EventExits::invalid;
        TABLE[ExitCode.CPUID] = InstructionExits::cpuid;
        TABLE[ExitCode.HLT] = InstructionExits::hlt;
        TABLE[ExitCode.MSR] = InstructionExits::msr;
        TABLE[ExitCode.VMMCALL] = InstructionExits::vmmcall;
        TABLE[ExitCode.IOIO] = IoExits::ioio;
        TABLE[ExitCode.INVD] = InstructionExits::skip;
        TABLE[ExitCode.WBINVD] = InstructionExits::skip;
        for (int code : new int[] {ExitCode.VMRUN, ExitCode.VMLOAD, ExitCode.VMSAVE, ExitCode.STGI, ExitCode.CLGI,
            ExitCode.SKINIT, ExitCode.INVLPGA, ExitCode.RDPMC, ExitCode.RSM, ExitCode.MONITOR, ExitCode.MWAIT,
            ExitCode.XSETBV, ExitCode.RDPRU}) {
            TABLE[code] = InstructionExits::undefined;
        }
    }

    /** The table index of exit code {@code code}, or -1. */
    static int index(long code) {
        if (code >= 0 && code < NPF_INDEX) {
            return (int) code;
        }
        if (code == ExitCode.NPF) {
            return NPF_INDEX;
        }
        return code == ExitCode.INVALID ? INVALID_INDEX : -1;
    }

    /** The exit code of table index {@code i}. */
    static long code(int i) {
        return i == NPF_INDEX ? ExitCode.NPF : i == INVALID_INDEX ? ExitCode.INVALID : i;
    }

    static int handle(X86Vcpu v, long code) {
        int i = index(code);
        ExitHandler h = i >= 0 ? TABLE[i] : null;
        if (h == null) {
            return v.fail("#VMEXIT " + ExitCode.name(code) + " (0x" + Long.toHexString(code)
                    + ") has no handler; the domain is stopped rather than resumed");
        }
        v.exitCounts[i]++;
        Tracer t = v.tracer();
        return t == null ? h.handle(v) : ExitTrace.handle(v, code, h, t);
    }
}
