package org.hyperstrand.x86.cpu;

/**
 * The CPUID leaves this CPU reports. Everything it reports it implements; everything else
 * reads as 0 (as AMD processors answer leaves above the maximum).
 *
 * <table>
 *   <caption>Leaves</caption>
 *   <tr><th>Leaf</th><th>Value</th></tr>
 *   <tr><td>0</td><td>max basic leaf 7; vendor "AuthenticAMD"</td></tr>
 *   <tr><td>1</td><td>EAX family 0x17 model 1 stepping 0 (0x00800F10); EBX APIC ID = vCPU id
 *       (bits 31..24), 1 logical processor, CLFLUSH line 64 bytes; ECX CX16 (13), POPCNT (23),
 *       hypervisor present (31); EDX TSC (4), MSR (5), PAE (6), CX8 (8), PGE (13), CMOV (15),
 *       CLFSH (19)</td></tr>
 *   <tr><td>7.0</td><td>all 0 (no BMI1/BMI2, no SMEP/SMAP, no ERMS)</td></tr>
 *   <tr><td>0x4000_0000</td><td>EAX 0x4000_0000 (no further hypervisor leaves); EBX ECX EDX
 *       "Hyperstrand\0"</td></tr>
 *   <tr><td>0x8000_0000</td><td>max extended leaf 0x8000_000A; vendor again</td></tr>
 *   <tr><td>0x8000_0001</td><td>ECX LAHF/SAHF in 64-bit mode (0), SVM (2), ABM = LZCNT (5);
 *       EDX SYSCALL (11), NX (20), 1 GiB pages (26), RDTSCP (27), long mode (29)</td></tr>
 *   <tr><td>0x8000_0002..4</td><td>brand string "Hyperstrand x86-64 virtual CPU"</td></tr>
 *   <tr><td>0x8000_0007</td><td>EDX invariant TSC (8)</td></tr>
 *   <tr><td>0x8000_0008</td><td>EAX 0x3028: 40 physical, 48 linear address bits</td></tr>
 *   <tr><td>0x8000_000A</td><td>SVM: EAX revision 1; EBX 256 ASIDs; EDX nested paging (0),
 *       NRIP save (3), VMCB clean bits (5), flush by ASID (6)</td></tr>
 * </table>
 *
 * Not reported because not implemented: x87, MMX, SSE*, AVX*, FXSR, XSAVE, APIC, SEP
 * (SYSENTER), MTRR, PSE-36, BMI1/BMI2, MOVBE, RDRAND, SMEP/SMAP, PCID, LA57; of SVM: LBR
 * virtualization, SVM lock, TSC rate, decode assists, pause filter, AVIC, vGIF, vNMI.
 */
public final class Cpuid {

    private Cpuid() {
    }

    public static final int MAX_BASIC = 7;
    public static final int HYPERVISOR_BASE = 0x4000_0000;
    public static final int MAX_EXTENDED = 0x8000_000a;
    public static final int SVM_LEAF = 0x8000_000a;
    public static final int SVM_ASIDS = 256;
    public static final int SVM_FEATURES_EDX = 1 | (1 << 3) | (1 << 5) | (1 << 6);

    public static final int FEATURE_ECX_CX16 = 1 << 13;
    public static final int FEATURE_ECX_POPCNT = 1 << 23;
    public static final int FEATURE_ECX_HYPERVISOR = 1 << 31;
    public static final int FEATURE_EDX = (1 << 4) | (1 << 5) | (1 << 6) | (1 << 8) | (1 << 13) | (1 << 15) | (1 << 19);
    public static final int EXT_ECX = 1 | (1 << 2) | (1 << 5);
    public static final int EXT_EDX = (1 << 11) | (1 << 20) | (1 << 26) | (1 << 27) | (1 << 29);

    private static final int[] VENDOR = words("AuthenticAMD");
    private static final int[] HYPERVISOR = words("Hyperstrand\0");
    private static final int[] BRAND = words(pad("Hyperstrand x86-64 virtual CPU", 48));

    private static String pad(String s, int n) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < n) {
            b.append('\0');
        }
        return b.toString();
    }

    private static int[] words(String s) {
        int[] w = new int[s.length() / 4];
        for (int i = 0; i < w.length; i++) {
            for (int k = 0; k < 4; k++) {
                w[i] |= (s.charAt(4 * i + k) & 0xff) << (8 * k);
            }
        }
        return w;
    }

    /** Fills {@code out} with EAX, EBX, ECX, EDX of leaf {@code leaf}, subleaf {@code subleaf}. */
    public static void leaf(int leaf, int subleaf, int vcpuId, int[] out) {
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        out[3] = 0;
        switch (leaf) {
            case 0:
                out[0] = MAX_BASIC;
                out[1] = VENDOR[0];
                out[3] = VENDOR[1];
                out[2] = VENDOR[2];
                break;
            case 1:
                out[0] = 0x0080_0f10;
                out[1] = (vcpuId << 24) | (1 << 16) | (8 << 8);
                out[2] = FEATURE_ECX_CX16 | FEATURE_ECX_POPCNT | FEATURE_ECX_HYPERVISOR;
                out[3] = FEATURE_EDX;
                break;
            case HYPERVISOR_BASE:
                out[0] = HYPERVISOR_BASE;
                out[1] = HYPERVISOR[0];
                out[2] = HYPERVISOR[1];
                out[3] = HYPERVISOR[2];
                break;
            case 0x8000_0000:
                out[0] = MAX_EXTENDED;
                out[1] = VENDOR[0];
                out[3] = VENDOR[1];
                out[2] = VENDOR[2];
                break;
            case 0x8000_0001:
                out[0] = 0x0080_0f10;
                out[2] = EXT_ECX;
                out[3] = EXT_EDX;
                break;
            case 0x8000_0002:
            case 0x8000_0003:
            case 0x8000_0004: {
                int base = (leaf - 0x8000_0002) * 4;
                for (int k = 0; k < 4; k++) {
                    out[k] = BRAND[base + k];
                }
                break;
            }
            case 0x8000_0007:
                out[3] = 1 << 8;
                break;
            case 0x8000_0008:
                out[0] = (X86Arch.LINEAR_BITS << 8) | X86Arch.MAXPHYADDR;
                break;
            case SVM_LEAF:
                out[0] = 1;
                out[1] = SVM_ASIDS;
                out[3] = SVM_FEATURES_EDX;
                break;
            default:
                break;                                          // leaves 2..7 and others: 0
        }
    }
}
