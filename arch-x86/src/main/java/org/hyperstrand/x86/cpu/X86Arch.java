package org.hyperstrand.x86.cpu;

/**
 * Architectural constants of the x86-64 CPU model: control-register, EFER and RFLAGS bits,
 * MSR numbers, exception vectors, segment register numbers and paging geometry. Values are
 * those of the AMD64 architecture; names follow the manuals.
 */
public final class X86Arch {

    private X86Arch() {
    }

    // ---- paging ---------------------------------------------------------------------------
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final long PAGE_OFFSET_MASK = PAGE_SIZE - 1;
    /** Physical address bits this CPU reports (CPUID 0x8000_0008); page-table bits above are reserved. */
    public static final int MAXPHYADDR = 40;
    /** Linear address bits (4-level paging). */
    public static final int LINEAR_BITS = 48;

    public static final long PTE_P = 1L;
    public static final long PTE_RW = 1L << 1;
    public static final long PTE_US = 1L << 2;
    public static final long PTE_PWT = 1L << 3;
    public static final long PTE_PCD = 1L << 4;
    public static final long PTE_A = 1L << 5;
    public static final long PTE_D = 1L << 6;
    public static final long PTE_PS = 1L << 7;
    public static final long PTE_G = 1L << 8;
    public static final long PTE_NX = 1L << 63;
    /** Bits 51..12 of an entry: the next table's or the page's physical address. */
    public static final long PTE_ADDR = 0x000f_ffff_ffff_f000L;

    /** #PF error code bits. */
    public static final int PF_P = 1;
    public static final int PF_W = 1 << 1;
    public static final int PF_U = 1 << 2;
    public static final int PF_RSVD = 1 << 3;
    public static final int PF_ID = 1 << 4;

    // ---- CR0 / CR4 / EFER -----------------------------------------------------------------
    public static final long CR0_PE = 1L;
    public static final long CR0_MP = 1L << 1;
    public static final long CR0_EM = 1L << 2;
    public static final long CR0_TS = 1L << 3;
    public static final long CR0_ET = 1L << 4;
    public static final long CR0_NE = 1L << 5;
    public static final long CR0_WP = 1L << 16;
    public static final long CR0_AM = 1L << 18;
    public static final long CR0_NW = 1L << 29;
    public static final long CR0_CD = 1L << 30;
    public static final long CR0_PG = 1L << 31;

    public static final long CR4_VME = 1L;
    public static final long CR4_PVI = 1L << 1;
    public static final long CR4_TSD = 1L << 2;
    public static final long CR4_DE = 1L << 3;
    public static final long CR4_PSE = 1L << 4;
    public static final long CR4_PAE = 1L << 5;
    public static final long CR4_MCE = 1L << 6;
    public static final long CR4_PGE = 1L << 7;
    public static final long CR4_PCE = 1L << 8;
    public static final long CR4_OSFXSR = 1L << 9;
    public static final long CR4_OSXMMEXCPT = 1L << 10;
    /** CR4 bits this model lets software set; any other bit makes MOV to CR4 raise #GP(0). */
    public static final long CR4_SUPPORTED = CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE | CR4_MCE | CR4_PGE | CR4_PCE
            | CR4_OSFXSR | CR4_OSXMMEXCPT;

    public static final long EFER_SCE = 1L;
    public static final long EFER_LME = 1L << 8;
    public static final long EFER_LMA = 1L << 10;
    public static final long EFER_NXE = 1L << 11;
    public static final long EFER_SVME = 1L << 12;
    /** EFER bits software may write. */
    public static final long EFER_WRITABLE = EFER_SCE | EFER_LME | EFER_NXE | EFER_SVME;

    // ---- RFLAGS ---------------------------------------------------------------------------
    public static final long CF = 1L;
    public static final long RESERVED_1 = 1L << 1;
    public static final long PF = 1L << 2;
    public static final long AF = 1L << 4;
    public static final long ZF = 1L << 6;
    public static final long SF = 1L << 7;
    public static final long TF = 1L << 8;
    public static final long IF = 1L << 9;
    public static final long DF = 1L << 10;
    public static final long OF = 1L << 11;
    public static final int IOPL_SHIFT = 12;
    public static final long IOPL = 3L << IOPL_SHIFT;
    public static final long NT = 1L << 14;
    public static final long RF = 1L << 16;
    public static final long VM = 1L << 17;
    public static final long AC = 1L << 18;
    public static final long VIF = 1L << 19;
    public static final long VIP = 1L << 20;
    public static final long ID = 1L << 21;
    /** The six arithmetic flags, kept lazily. */
    public static final long ARITH_FLAGS = CF | PF | AF | ZF | SF | OF;
    /** Bits POPF, IRET and SYSRET can ever change. */
    public static final long FLAGS_WRITABLE = ARITH_FLAGS | TF | IF | DF | IOPL | NT | RF | AC | ID;

    // ---- MSRs -----------------------------------------------------------------------------
    public static final int MSR_TSC = 0x10;
    public static final int MSR_APIC_BASE = 0x1b;
    public static final int MSR_PAT = 0x277;
    public static final int MSR_EFER = 0xc000_0080;
    public static final int MSR_STAR = 0xc000_0081;
    public static final int MSR_LSTAR = 0xc000_0082;
    public static final int MSR_CSTAR = 0xc000_0083;
    public static final int MSR_SFMASK = 0xc000_0084;
    public static final int MSR_FS_BASE = 0xc000_0100;
    public static final int MSR_GS_BASE = 0xc000_0101;
    public static final int MSR_KERNEL_GS_BASE = 0xc000_0102;
    public static final int MSR_TSC_AUX = 0xc000_0103;

    /** IA32_APIC_BASE as this model reports it: the default base, the BSP flag added for CPU 0. */
    public static final long APIC_BASE_DEFAULT = 0xfee0_0000L;
    public static final long APIC_BASE_BSP = 1L << 8;
    /** PAT power-on value. */
    public static final long PAT_DEFAULT = 0x0007_0406_0007_0406L;

    // ---- exceptions -----------------------------------------------------------------------
    public static final int DE = 0;
    public static final int DB = 1;
    public static final int NMI = 2;
    public static final int BP = 3;
    public static final int OF_VECTOR = 4;
    public static final int BR = 5;
    public static final int UD = 6;
    public static final int NM = 7;
    public static final int DF_VECTOR = 8;
    public static final int TS = 10;
    public static final int NP = 11;
    public static final int SS_VECTOR = 12;
    public static final int GP = 13;
    public static final int PF_VECTOR = 14;
    public static final int MF = 16;
    public static final int AC_VECTOR = 17;
    public static final int MC = 18;
    public static final int XM = 19;

    /** Vectors 10..14 and 17 push an error code, as does #DF (8). */
    public static boolean pushesErrorCode(int vector) {
        return vector == DF_VECTOR || (vector >= TS && vector <= PF_VECTOR) || vector == AC_VECTOR;
    }

    private static final String[] EXCEPTION_NAMES = {
        "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow", "#BR bound range",
        "#UD invalid opcode", "#NM device not available", "#DF double fault", "coprocessor segment overrun",
        "#TS invalid TSS", "#NP segment not present", "#SS stack fault", "#GP general protection",
        "#PF page fault", "reserved 15", "#MF x87 error", "#AC alignment check", "#MC machine check",
        "#XM SIMD error",
    };

    /** "#GP general protection" for vector 13, "vector 0x21" for a vector with no exception name. */
    public static String vectorName(int vector) {
        return vector >= 0 && vector < EXCEPTION_NAMES.length ? EXCEPTION_NAMES[vector]
                : "vector 0x" + Integer.toHexString(vector);
    }

    // ---- segments -------------------------------------------------------------------------
    public static final int ES = 0;
    public static final int CS = 1;
    public static final int SS = 2;
    public static final int DS = 3;
    public static final int FS = 4;
    public static final int GS = 5;
    public static final String[] SEGMENT_NAMES = {"es", "cs", "ss", "ds", "fs", "gs"};

    /**
     * Hidden segment attributes in the packed 12-bit form of the VMCB save area: type in bits
     * 3..0, S 4, DPL 6..5, P 7, AVL 8, L 9, D/B 10, G 11.
     */
    public static final int ATTR_TYPE_WRITABLE = 1 << 1;
    public static final int ATTR_TYPE_CODE = 1 << 3;
    public static final int ATTR_S = 1 << 4;
    public static final int ATTR_DPL_SHIFT = 5;
    public static final int ATTR_P = 1 << 7;
    public static final int ATTR_L = 1 << 9;
    public static final int ATTR_DB = 1 << 10;
    public static final int ATTR_G = 1 << 11;

    /** Packs the attribute bits of an 8-byte descriptor into the 12-bit form. */
    public static int packAttributes(long descriptor) {
        int hi = (int) (descriptor >>> 32);
        return ((hi >>> 8) & 0xff) | ((hi >>> 12) & 0xf00);
    }

    /** Base bits 31..0 of an 8-byte code or data descriptor. */
    public static long descriptorBase(long descriptor) {
        return ((descriptor >>> 16) & 0xff_ffffL) | ((descriptor >>> 32) & 0xff00_0000L);
    }

    /** The byte-granular limit of an 8-byte descriptor (scaled by 4 KiB when G is set). */
    public static long descriptorLimit(long descriptor) {
        long limit = (descriptor & 0xffff) | ((descriptor >>> 32) & 0xf_0000L);
        return (descriptor & (1L << 55)) != 0 ? (limit << 12) | 0xfff : limit;
    }

    /** True if {@code addr} is canonical for 48-bit linear addresses. */
    public static boolean canonical(long addr) {
        return (addr << (64 - LINEAR_BITS)) >> (64 - LINEAR_BITS) == addr;
    }
}
