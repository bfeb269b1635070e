package org.hyperstrand.x86.cpu;

/**
 * AMD SVM #VMEXIT codes (reference/amd-v-svm.md section 2). The execution code checks an
 * intercept at each instruction point, after the checks that outrank it (#UD, #GP for CPL),
 * before any side effect:
 * <pre>
 *     if (s.guestMode &amp;&amp; s.core.intercept(ExitCode.X, info1, info2)) { return; }
 * </pre>
 * and the SVM unit ({@code svm.SvmUnit}) decides from the VMCB's intercept vectors whether it
 * becomes a #VMEXIT.
 */
public final class ExitCode {

    private ExitCode() {
    }

    /** MOV from CRn: READ_CR0 + n; MOV to CRn: WRITE_CR0 + n. */
    public static final int READ_CR0 = 0x000;
    public static final int WRITE_CR0 = 0x010;
    public static final int READ_DR0 = 0x020;
    public static final int WRITE_DR0 = 0x030;
    /** Exception vector v: EXCEPTION_0 + v. */
    public static final int EXCEPTION_0 = 0x040;
    public static final int INTR = 0x060;
    public static final int NMI = 0x061;
    public static final int VINTR = 0x064;
    public static final int CR0_SELECTIVE_WRITE = 0x065;
    public static final int IDTR_READ = 0x066;
    public static final int GDTR_READ = 0x067;
    public static final int LDTR_READ = 0x068;
    public static final int TR_READ = 0x069;
    public static final int IDTR_WRITE = 0x06a;
    public static final int GDTR_WRITE = 0x06b;
    public static final int LDTR_WRITE = 0x06c;
    public static final int TR_WRITE = 0x06d;
    public static final int RDTSC = 0x06e;
    public static final int RDPMC = 0x06f;
    public static final int PUSHF = 0x070;
    public static final int POPF = 0x071;
    public static final int CPUID = 0x072;
    public static final int RSM = 0x073;
    public static final int IRET = 0x074;
    public static final int SWINT = 0x075;
    public static final int INVD = 0x076;
    public static final int PAUSE = 0x077;
    public static final int HLT = 0x078;
    public static final int INVLPG = 0x079;
    public static final int IOIO = 0x07b;
    public static final int MSR = 0x07c;
    public static final int INVLPGA = 0x07a;
    public static final int TASK_SWITCH = 0x07d;
    public static final int SHUTDOWN = 0x07f;
    public static final int VMRUN = 0x080;
    public static final int VMMCALL = 0x081;
    public static final int VMLOAD = 0x082;
    public static final int VMSAVE = 0x083;
    public static final int STGI = 0x084;
    public static final int CLGI = 0x085;
    public static final int SKINIT = 0x086;
    public static final int RDTSCP = 0x087;
    public static final int ICEBP = 0x088;
    public static final int WBINVD = 0x089;
    public static final int MONITOR = 0x08a;
    public static final int MWAIT = 0x08b;
    public static final int XSETBV = 0x08d;
    public static final int RDPRU = 0x08e;
    /** Nested page fault: EXITINFO1 page-fault bits (bit 32 final address, 33 guest table), EXITINFO2 the gPA. */
    public static final int NPF = 0x400;
    /** VMRUN's consistency checks failed (-1). */
    public static final long INVALID = -1L;

    /** A readable name for exit code {@code code}, for reports. */
    public static String name(long code) {
        if (code == INVALID) {
            return "VMEXIT_INVALID";
        }
        if (code >= 0 && code < 0x10) {
            return "CR" + code + "_READ";
        }
        if (code >= 0x10 && code < 0x20) {
            return "CR" + (code - 0x10) + "_WRITE";
        }
        if (code >= 0x20 && code < 0x30) {
            return "DR" + (code - 0x20) + "_READ";
        }
        if (code >= 0x30 && code < 0x40) {
            return "DR" + (code - 0x30) + "_WRITE";
        }
        if (code >= 0x40 && code < 0x60) {
            String v = X86Arch.vectorName((int) code - 0x40);
            return "EXCP_" + (v.startsWith("#") ? v.substring(1, v.indexOf(' ') > 0 ? v.indexOf(' ') : v.length())
                    : Long.toHexString(code - 0x40));
        }
        if (code >= 0x60 && code < 0x90) {
            return MISC_NAMES[(int) code - 0x60];
        }
        if (code == NPF) {
            return "NPF";
        }
        return "0x" + Long.toHexString(code);
    }

    private static final String[] MISC_NAMES = {
        "INTR", "NMI", "SMI", "INIT", "VINTR", "CR0_SEL_WRITE", "IDTR_READ", "GDTR_READ",
        "LDTR_READ", "TR_READ", "IDTR_WRITE", "GDTR_WRITE", "LDTR_WRITE", "TR_WRITE", "RDTSC", "RDPMC",
        "PUSHF", "POPF", "CPUID", "RSM", "IRET", "SWINT", "INVD", "PAUSE",
        "HLT", "INVLPG", "INVLPGA", "IOIO", "MSR", "TASK_SWITCH", "FERR_FREEZE", "SHUTDOWN",
        "VMRUN", "VMMCALL", "VMLOAD", "VMSAVE", "STGI", "CLGI", "SKINIT", "RDTSCP",
        "ICEBP", "WBINVD", "MONITOR", "MWAIT", "MWAIT_CONDITIONAL", "XSETBV", "RDPRU", "EFER_WRITE_TRAP",
    };
}
