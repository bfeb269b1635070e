// Generated from the hypercall spec (specs/hypercalls) by 'hv spec gen --lang java'. Do not edit.
package org.hyperstrand.core.hcall.api;

import java.util.List;

/**
 * Each call's group, arguments and results as the spec names them, by kind and number.
 */
public final class HvCallSignatures {
    /**
     * One argument or result: its name and its spec type (u64, ra, cpuid...).
     */
    public record Param(String name, String type) {
    }

    /**
     * One call: name, group, arguments from ARG0, results from RET1, and whether it returns on success.
     */
    public record Signature(String name, String group, List<Param> args, List<Param> results, boolean noReturn) {
    }

    private static final Signature FAST_MACH_EXIT = new Signature("mach_exit", "core", List.of(new Param("code", "u64")), List.of(), true);
    private static final Signature FAST_CPU_POKE = new Signature("cpu_poke", "core", List.of(new Param("cpu", "cpuid")), List.of(), false);
    private static final Signature FAST_CPU_STATE = new Signature("cpu_state", "core", List.of(new Param("cpu", "cpuid")), List.of(new Param("state", "u64")), false);
    private static final Signature FAST_TIMER_SET = new Signature("timer_set", "x86_timer", List.of(new Param("deadline", "u64")), List.of(), false);
    private static final Signature HYPERFAST_MMU_MAP_ADDR = new Signature("mmu_map_addr", "core", List.of(new Param("va", "va"), new Param("ctx", "ctx"), new Param("tte", "tte"), new Param("flags", "flags")), List.of(), false);
    private static final Signature CORE_API_SET_VERSION = new Signature("api_set_version", "core", List.of(new Param("group", "u64"), new Param("major", "u64"), new Param("minor", "u64")), List.of(new Param("actual_minor", "u64")), false);

    private HvCallSignatures() {
    }

    /**
     * The fast call with this number, or null when the spec has none.
     */
    public static Signature fast(long number) {
        return switch ((int) number) {
            case 0x00 -> number == 0x00L ? FAST_MACH_EXIT : null;
            case 0x13 -> number == 0x13L ? FAST_CPU_POKE : null;
            case 0x17 -> number == 0x17L ? FAST_CPU_STATE : null;
            case 0x400 -> number == 0x400L ? FAST_TIMER_SET : null;
            default -> null;
        };
    }

    /**
     * The hyperfast call with this number, or null when the spec has none.
     */
    public static Signature hyperfast(long number) {
        return switch ((int) number) {
            case 0x83 -> number == 0x83L ? HYPERFAST_MMU_MAP_ADDR : null;
            default -> null;
        };
    }

    /**
     * The core call with this number, or null when the spec has none.
     */
    public static Signature core(long number) {
        return switch ((int) number) {
            case 0x00 -> number == 0x00L ? CORE_API_SET_VERSION : null;
            default -> null;
        };
    }
}
