package org.hyperstrand.x86.svm;

/**
 * Byte offsets and bit fields of the VMCB, the 4 KiB page that holds one guest's SVM controls
 * (0x000-0x3FF) and its state-save area (from 0x400). Offsets are from the start of the page,
 * as in the AMD64 APM vol. 2 appendix B; facts from reference/amd-v-svm.md sections 1, 4 and 6.
 */
public final class VmcbLayout {

    private VmcbLayout() {
    }

    public static final int SIZE = 4096;

    // ---- control area (amd-v-svm.md 1.1) ----------------------------------------------------
    /** Bits 0-15 intercept reads of CR0-CR15, bits 16-31 writes. */
    public static final int INTERCEPT_CR = 0x000;
    /** Bits 0-15 intercept reads of DR0-DR15, bits 16-31 writes. */
    public static final int INTERCEPT_DR = 0x004;
    /** Bit n intercepts exception vector n. */
    public static final int INTERCEPT_EXCEPTIONS = 0x008;
    /** Bit n intercepts exit code 0x60 + n (INTR ... SHUTDOWN). */
    public static final int INTERCEPT_MISC1 = 0x00c;
    /** Bit n intercepts exit code 0x80 + n (VMRUN ... CR write traps). */
    public static final int INTERCEPT_MISC2 = 0x010;
    /** Bit n intercepts exit code 0xA0 + n (INVLPGB ... IDLE_HLT). */
    public static final int INTERCEPT_MISC3 = 0x014;
    public static final int PAUSE_FILTER_THRESHOLD = 0x03c;
    public static final int PAUSE_FILTER_COUNT = 0x03e;
    public static final int IOPM_BASE_PA = 0x040;
    public static final int MSRPM_BASE_PA = 0x048;
    public static final int TSC_OFFSET = 0x050;
    public static final int GUEST_ASID = 0x058;
    public static final int TLB_CONTROL = 0x05c;
    /** V_TPR, V_IRQ, V_INTR_PRIO, V_IGN_TPR, V_INTR_MASKING ({@code INT_CTL_*}). */
    public static final int INT_CTL = 0x060;
    public static final int INT_VECTOR = 0x064;
    /** Bit 0 interrupt shadow, bit 1 guest RFLAGS.IF (written at #VMEXIT). */
    public static final int INT_STATE = 0x068;
    public static final int EXITCODE = 0x070;
    public static final int EXITINFO1 = 0x078;
    public static final int EXITINFO2 = 0x080;
    public static final int EXITINTINFO = 0x088;
    public static final int EXITINTINFO_ERROR = 0x08c;
    /** Bit 0 NP_ENABLE. */
    public static final int NESTED_CTL = 0x090;
    public static final int EVENTINJ = 0x0a8;
    public static final int EVENTINJ_ERROR = 0x0ac;
    public static final int N_CR3 = 0x0b0;
    public static final int VMCB_CLEAN = 0x0c0;
    public static final int NEXT_RIP = 0x0c8;
    public static final int INSN_LENGTH = 0x0d0;
    public static final int INSN_BYTES = 0x0d1;

    // ---- state-save area (amd-v-svm.md 1.6); segment records are 16 bytes -----------------
    public static final int ES = 0x400;
    public static final int CS = 0x410;
    public static final int SS = 0x420;
    public static final int DS = 0x430;
    public static final int FS = 0x440;
    public static final int GS = 0x450;
    public static final int GDTR = 0x460;
    public static final int LDTR = 0x470;
    public static final int IDTR = 0x480;
    public static final int TR = 0x490;
    /** Within a segment record: selector (16), attributes (16), limit (32), base (64). */
    public static final int SEG_SELECTOR = 0;
    public static final int SEG_ATTRIB = 2;
    public static final int SEG_LIMIT = 4;
    public static final int SEG_BASE = 8;
    public static final int CPL = 0x4cb;
    public static final int EFER = 0x4d0;
    public static final int CR4 = 0x548;
    public static final int CR3 = 0x550;
    public static final int CR0 = 0x558;
    public static final int DR7 = 0x560;
    public static final int DR6 = 0x568;
    public static final int RFLAGS = 0x570;
    public static final int RIP = 0x578;
    public static final int RSP = 0x5d8;
    public static final int RAX = 0x5f8;
    public static final int STAR = 0x600;
    public static final int LSTAR = 0x608;
    public static final int CSTAR = 0x610;
    public static final int SFMASK = 0x618;
    public static final int KERNEL_GS_BASE = 0x620;
    public static final int SYSENTER_CS = 0x628;
    public static final int SYSENTER_ESP = 0x630;
    public static final int SYSENTER_EIP = 0x638;
    public static final int CR2 = 0x640;
    public static final int G_PAT = 0x668;

    /** Segment record offsets by this CPU's segment index (ES CS SS DS FS GS). */
    public static final int[] SEGMENTS = {ES, CS, SS, DS, FS, GS};

    // ---- int_ctl (amd-v-svm.md 1.3) ---------------------------------------------------------
    public static final int INT_CTL_V_TPR_MASK = 0xff;
    public static final int INT_CTL_V_IRQ = 1 << 8;
    public static final int INT_CTL_V_INTR_PRIO_SHIFT = 16;
    public static final int INT_CTL_V_IGN_TPR = 1 << 20;
    public static final int INT_CTL_V_INTR_MASKING = 1 << 24;

    // ---- EVENTINJ and EXITINTINFO (amd-v-svm.md 4) ------------------------------------------
    public static final int EVENT_VECTOR_MASK = 0xff;
    public static final int EVENT_TYPE_SHIFT = 8;
    public static final int EVENT_TYPE_INTR = 0;
    public static final int EVENT_TYPE_NMI = 2;
    public static final int EVENT_TYPE_EXCEPTION = 3;
    public static final int EVENT_TYPE_SOFT_INT = 4;
    public static final int EVENT_ERROR_VALID = 1 << 11;
    public static final int EVENT_VALID = 1 << 31;

    // ---- TLB_CONTROL (amd-v-svm.md 1.4) -----------------------------------------------------
    public static final int TLB_FLUSH_NONE = 0;
    public static final int TLB_FLUSH_ALL = 1;
    public static final int TLB_FLUSH_ASID = 3;
    public static final int TLB_FLUSH_ASID_NON_GLOBAL = 7;

    // ---- VMCB clean bits (amd-v-svm.md 1.5): set = unchanged since the last VMRUN --------------
    public static final int CLEAN_INTERCEPTS = 1;
    public static final int CLEAN_IOPM = 1 << 1;
    public static final int CLEAN_ASID = 1 << 2;
    public static final int CLEAN_INT_CTL = 1 << 3;
    public static final int CLEAN_NP = 1 << 4;
    public static final int CLEAN_CR = 1 << 5;
    public static final int CLEAN_DR = 1 << 6;
    public static final int CLEAN_DT = 1 << 7;
    public static final int CLEAN_SEG = 1 << 8;
    public static final int CLEAN_CR2 = 1 << 9;

    // ---- misc intercept bits by exit code (amd-v-svm.md 1.2) -----------------------------------
    /** The INTERCEPT_MISC1 bit of exit code {@code code} (0x60..0x7F). */
    public static int misc1Bit(int code) {
        return 1 << (code - 0x60);
    }

    /** The INTERCEPT_MISC2 bit of exit code {@code code} (0x80..0x9F). */
    public static int misc2Bit(int code) {
        return 1 << (code - 0x80);
    }
}
