package org.hyperstrand.x86.cpu;

/**
 * AMD SVM #VMEXIT codes of the instruction points where this CPU will check intercepts once it
 * runs guests in SVM guest mode. Each such point in the execution code already reads
 * <pre>
 *     if (s.guestMode &amp;&amp; s.core.intercept(ExitCode.X, info1, info2)) { return; }
 * </pre>
 * so the SVM unit only has to implement {@link X86Core#intercept}; today {@link X86State#guestMode}
 * is never set and the checks cost nothing. The VMMCALL hypercall exit, HLT's HALT exit and the
 * triple-fault FATAL exit are what those intercepts will produce for the Java hypervisor.
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
    public static final int PUSHF = 0x070;
    public static final int POPF = 0x071;
    public static final int CPUID = 0x072;
    public static final int IRET = 0x074;
    public static final int SWINT = 0x075;
    public static final int INVD = 0x076;
    public static final int PAUSE = 0x077;
    public static final int HLT = 0x078;
    public static final int INVLPG = 0x079;
    public static final int IOIO = 0x07b;
    public static final int MSR = 0x07c;
    public static final int SHUTDOWN = 0x07f;
    public static final int VMMCALL = 0x081;
    public static final int RDTSCP = 0x087;
    public static final int ICEBP = 0x088;
    public static final int WBINVD = 0x089;
}
