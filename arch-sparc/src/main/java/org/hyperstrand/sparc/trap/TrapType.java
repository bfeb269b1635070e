package org.hyperstrand.sparc.trap;

/** Trap type (TT) numbers of SPARC V9 and sun4v, as far as this model raises them. */
public final class TrapType {

    public static final int POWER_ON_RESET = 0x001;
    public static final int WATCHDOG_RESET = 0x002;
    public static final int EXTERNALLY_INITIATED_RESET = 0x003;
    public static final int SOFTWARE_INITIATED_RESET = 0x004;
    public static final int INSTRUCTION_ACCESS_EXCEPTION = 0x008;
    /** Slow instruction MMU miss: no translation in the TSBs registered for the context class. */
    public static final int INSTRUCTION_ACCESS_MMU_MISS = 0x009;
    public static final int ILLEGAL_INSTRUCTION = 0x010;
    public static final int PRIVILEGED_OPCODE = 0x011;
    public static final int FP_DISABLED = 0x020;
    public static final int FP_EXCEPTION_IEEE_754 = 0x021;
    public static final int FP_EXCEPTION_OTHER = 0x022;
    public static final int TAG_OVERFLOW = 0x023;
    public static final int CLEAN_WINDOW = 0x024;
    public static final int DIVISION_BY_ZERO = 0x028;
    public static final int DATA_ACCESS_EXCEPTION = 0x030;
    /** Slow data MMU miss: no translation in the TSBs registered for the context class. */
    public static final int DATA_ACCESS_MMU_MISS = 0x031;
    public static final int MEM_ADDRESS_NOT_ALIGNED = 0x034;
    public static final int LDDF_MEM_ADDRESS_NOT_ALIGNED = 0x035;
    public static final int STDF_MEM_ADDRESS_NOT_ALIGNED = 0x036;
    public static final int PRIVILEGED_ACTION = 0x037;
    /** interrupt_level_n is INTERRUPT_LEVEL_0 + n, n = 1..15. */
    public static final int INTERRUPT_LEVEL_0 = 0x040;
    /** Fast instruction MMU miss: no TSB registered for the context class (four vectors). */
    public static final int FAST_INSTRUCTION_ACCESS_MMU_MISS = 0x064;
    /** Fast data MMU miss: no TSB registered for the context class (four vectors). */
    public static final int FAST_DATA_ACCESS_MMU_MISS = 0x068;
    /** Store to a page whose TTE lacks W (four vectors). */
    public static final int FAST_DATA_ACCESS_PROTECTION = 0x06c;
    public static final int CPU_MONDO = 0x07c;
    public static final int DEV_MONDO = 0x07d;
    public static final int RESUMABLE_ERROR = 0x07e;
    public static final int NONRESUMABLE_ERROR = 0x07f;
    /** spill_n_normal is SPILL_0_NORMAL + 4n; the others likewise. */
    public static final int SPILL_0_NORMAL = 0x080;
    public static final int SPILL_0_OTHER = 0x0a0;
    public static final int FILL_0_NORMAL = 0x0c0;
    public static final int FILL_0_OTHER = 0x0e0;
    /** trap_instruction: Tcc number n raises TRAP_INSTRUCTION + n. */
    public static final int TRAP_INSTRUCTION = 0x100;
    /** Tcc numbers 0x80..0xff from privileged mode: the hypervisor's traps (0x180..0x1ff). */
    public static final int HTRAP_INSTRUCTION = 0x180;

    private TrapType() {
    }

    public static boolean isSpill(int tt) {
        return tt >= SPILL_0_NORMAL && tt < FILL_0_NORMAL;
    }

    public static boolean isFill(int tt) {
        return tt >= FILL_0_NORMAL && tt < TRAP_INSTRUCTION;
    }

    public static boolean isCleanWindow(int tt) {
        return tt >= CLEAN_WINDOW && tt < CLEAN_WINDOW + 4;
    }

    /** A readable name for reports. */
    public static String name(int tt) {
        switch (tt) {
            case POWER_ON_RESET: return "power_on_reset";
            case WATCHDOG_RESET: return "watchdog_reset";
            case EXTERNALLY_INITIATED_RESET: return "externally_initiated_reset";
            case SOFTWARE_INITIATED_RESET: return "software_initiated_reset";
            case INSTRUCTION_ACCESS_EXCEPTION: return "instruction_access_exception";
            case INSTRUCTION_ACCESS_MMU_MISS: return "instruction_access_MMU_miss";
            case ILLEGAL_INSTRUCTION: return "illegal_instruction";
            case PRIVILEGED_OPCODE: return "privileged_opcode";
            case FP_DISABLED: return "fp_disabled";
            case FP_EXCEPTION_IEEE_754: return "fp_exception_ieee_754";
            case FP_EXCEPTION_OTHER: return "fp_exception_other";
            case TAG_OVERFLOW: return "tag_overflow";
            case DIVISION_BY_ZERO: return "division_by_zero";
            case DATA_ACCESS_EXCEPTION: return "data_access_exception";
            case DATA_ACCESS_MMU_MISS: return "data_access_MMU_miss";
            case FAST_INSTRUCTION_ACCESS_MMU_MISS: return "fast_instruction_access_MMU_miss";
            case FAST_DATA_ACCESS_MMU_MISS: return "fast_data_access_MMU_miss";
            case FAST_DATA_ACCESS_PROTECTION: return "fast_data_access_protection";
            case MEM_ADDRESS_NOT_ALIGNED: return "mem_address_not_aligned";
            case LDDF_MEM_ADDRESS_NOT_ALIGNED: return "LDDF_mem_address_not_aligned";
            case STDF_MEM_ADDRESS_NOT_ALIGNED: return "STDF_mem_address_not_aligned";
            case PRIVILEGED_ACTION: return "privileged_action";
            case CPU_MONDO: return "cpu_mondo";
            case DEV_MONDO: return "dev_mondo";
            case RESUMABLE_ERROR: return "resumable_error";
            case NONRESUMABLE_ERROR: return "nonresumable_error";
            default:
                break;
        }
        if (isCleanWindow(tt)) {
            return "clean_window";
        }
        if (tt > INTERRUPT_LEVEL_0 && tt < INTERRUPT_LEVEL_0 + 16) {
            return "interrupt_level_" + (tt - INTERRUPT_LEVEL_0);
        }
        if (isSpill(tt)) {
            return "spill_" + ((tt >> 2) & 7) + (tt < SPILL_0_OTHER ? "_normal" : "_other");
        }
        if (isFill(tt)) {
            return "fill_" + ((tt >> 2) & 7) + (tt < FILL_0_OTHER ? "_normal" : "_other");
        }
        if (tt >= TRAP_INSTRUCTION && tt < 0x200) {
            return "trap_instruction(0x" + Integer.toHexString(tt - TRAP_INSTRUCTION) + ")";
        }
        return "tt_0x" + Integer.toHexString(tt);
    }
}
