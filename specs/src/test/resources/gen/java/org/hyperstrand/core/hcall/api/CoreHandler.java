// Generated from the hypercall spec (specs/hypercalls) by 'hv spec gen --lang java'. Do not edit.
package org.hyperstrand.core.hcall.api;

import org.hyperstrand.core.hcall.HcallFrame;

/**
 * Handlers for the calls of API group core (0x01).
 * <p>Basic services every guest needs.
 * <p>Each method returns the call's status (HvErrors) and stores results with {@code frame.setResult(n, value)}.
 */
public interface CoreHandler {

    /**
     * api_set_version (core 0x00, since 1.0): Negotiate the version of an API group.
     *
     * @param frame the caller's registers; results go here
     * @param group ARG0 (u64): API group id
     * @param major ARG1 (u64): requested major version
     * @param minor ARG2 (u64): requested minor version
     * @return the status; EINVAL if unknown group
     * <br>RET1 actual_minor (u64): the minor version granted
     */
    long apiSetVersion(HcallFrame frame, long group, long major, long minor);

    /**
     * mach_exit (fast 0x00, since 1.0): Stop the domain.
     *
     * @param frame the caller's registers; results go here
     * @param code ARG0 (u64): exit status
     * @return the status
     * <br>The call does not return to the guest when it succeeds.
     */
    long machExit(HcallFrame frame, long code);

    /**
     * cpu_state (fast 0x17, since 1.0): Report the state of a CPU.
     *
     * @param frame the caller's registers; results go here
     * @param cpu ARG0 (cpuid): the CPU to ask about
     * @return the status; ENOCPU if cpu is not a CPU of this domain
     * <br>RET1 state (u64): one of the cpu_state constants
     */
    long cpuState(HcallFrame frame, long cpu);

    /**
     * cpu_poke (fast 0x13, since 1.1): Wake a CPU sitting in cpu_yield.
     *
     * @param frame the caller's registers; results go here
     * @param cpu ARG0 (cpuid): the CPU to wake
     * @return the status; ENOCPU if cpu is not a CPU of this domain; EINVAL if cpu is the caller
     * <br>Deprecated for guests since 1.1: poke is implied by cpu_mondo_send
     */
    long cpuPoke(HcallFrame frame, long cpu);

    /**
     * mmu_map_addr (hyperfast 0x83, since 1.0): Map a page for the calling CPU only.
     *
     * @param frame the caller's registers; results go here
     * @param va ARG0 (va): virtual address
     * @param ctx ARG1 (ctx): context
     * @param tte ARG2 (tte): TTE data
     * @param flags ARG3 (flags): MMU_FLAGS
     * @return the status; EINVAL if va or ctx out of range
     */
    long mmuMapAddr(HcallFrame frame, long va, long ctx, long tte, long flags);
}
