// Generated from the hypercall spec (specs/hypercalls) by 'hv spec gen --lang java'. Do not edit.
package org.hyperstrand.core.hcall.api;

/**
 * Call numbers: fast-trap function numbers, core-trap function numbers and hyper-fast trap numbers.
 */
public final class HvCalls {
    public static final long FAST_MACH_EXIT = 0x00L;
    public static final long FAST_CPU_POKE = 0x13L;
    public static final long FAST_CPU_STATE = 0x17L;
    public static final long FAST_TIMER_SET = 0x400L;
    public static final long HYPERFAST_MMU_MAP_ADDR = 0x83L;
    public static final long CORE_API_SET_VERSION = 0x00L;

    private HvCalls() {
    }

    /**
     * The name of the fast call with this number, or null.
     */
    public static String fastName(long number) {
        return switch ((int) number) {
            case 0x00 -> number == 0x00L ? "mach_exit" : null;
            case 0x13 -> number == 0x13L ? "cpu_poke" : null;
            case 0x17 -> number == 0x17L ? "cpu_state" : null;
            case 0x400 -> number == 0x400L ? "timer_set" : null;
            default -> null;
        };
    }

    /**
     * The name of the hyperfast call with this number, or null.
     */
    public static String hyperfastName(long number) {
        return switch ((int) number) {
            case 0x83 -> number == 0x83L ? "mmu_map_addr" : null;
            default -> null;
        };
    }

    /**
     * The name of the core call with this number, or null.
     */
    public static String coreName(long number) {
        return switch ((int) number) {
            case 0x00 -> number == 0x00L ? "api_set_version" : null;
            default -> null;
        };
    }
}
