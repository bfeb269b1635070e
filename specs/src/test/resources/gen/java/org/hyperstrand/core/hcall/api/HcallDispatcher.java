// Generated from the hypercall spec (specs/hypercalls) by 'hv spec gen --lang java'. Do not edit.
package org.hyperstrand.core.hcall.api;

import org.hyperstrand.core.hcall.ApiVersions;
import org.hyperstrand.core.hcall.HcallFrame;

/**
 * Routes a hypercall to its group's handler after the availability checks.
 * <p>Built once per domain and binding; dispatching allocates nothing.
 */
public final class HcallDispatcher {
    private static final String[][] CALL_ARCHS = {
            {"sparc64", "x86_64"}, // api_set_version
            {"sparc64", "x86_64"}, // mach_exit
            {"sparc64", "x86_64"}, // cpu_state
            {"sparc64", "x86_64"}, // cpu_poke
            {"sparc64"}, // mmu_map_addr
            {"x86_64"}, // timer_set
    };

    private final String binding;
    private final boolean[] offered = new boolean[CALL_ARCHS.length];
    private final CoreHandler core;
    private final X86TimerHandler x86Timer;

    private HcallDispatcher(Builder b) {
        this.binding = b.binding;
        this.core = b.core;
        this.x86Timer = b.x86Timer;
        for (int i = 0; i < CALL_ARCHS.length; i++) {
            for (String a : CALL_ARCHS[i]) {
                offered[i] |= a.equals(binding);
            }
        }
    }

    /**
     * A builder for the dispatcher of one binding (architecture name as in the spec).
     */
    public static Builder builder(String binding) {
        return new Builder(binding);
    }

    /**
     * The binding this dispatcher serves.
     */
    public String binding() {
        return binding;
    }

    /**
     * True if the group with this index in HvApiGroups.ALL can be enabled here: it has a handler,
     * <p>or it has no calls to handle (such a group only records a version, like sun4v's errata group).
     */
    public boolean implemented(int groupIndex) {
        return switch (groupIndex) {
            case HvApiGroups.CORE_INDEX -> core != null;
            case HvApiGroups.X86_TIMER_INDEX -> x86Timer != null;
            default -> false;
        };
    }

    /**
     * Runs the fast call selected by {@code function}.
     * @return the status for the guest; EBADTRAP for an unknown, unoffered or unnegotiated call
     */
    public long dispatchFast(long function, HcallFrame frame, ApiVersions versions) {
        switch ((int) function) {
            case 0x00:
                if (function != 0x00L || !offered[1] || core == null || !versions.allows(HvApiGroups.CORE_INDEX, 1, 0, Integer.MAX_VALUE, 0)) {
                    return HvErrors.EBADTRAP;
                }
                return core.machExit(frame, frame.arg(0));
            case 0x13:
                if (function != 0x13L || !offered[3] || core == null || !versions.allows(HvApiGroups.CORE_INDEX, 1, 1, Integer.MAX_VALUE, 0)) {
                    return HvErrors.EBADTRAP;
                }
                return core.cpuPoke(frame, frame.arg(0));
            case 0x17:
                if (function != 0x17L || !offered[2] || core == null || !versions.allows(HvApiGroups.CORE_INDEX, 1, 0, Integer.MAX_VALUE, 0)) {
                    return HvErrors.EBADTRAP;
                }
                return core.cpuState(frame, frame.arg(0));
            case 0x400:
                if (function != 0x400L || !offered[5] || x86Timer == null || !versions.allows(HvApiGroups.X86_TIMER_INDEX, 1, 0, Integer.MAX_VALUE, 0)) {
                    return HvErrors.EBADTRAP;
                }
                return x86Timer.timerSet(frame, frame.arg(0));
            default:
                return HvErrors.EBADTRAP;
        }
    }

    /**
     * Runs the hyperfast call selected by {@code trap}.
     * @return the status for the guest; EBADTRAP for an unknown, unoffered or unnegotiated call
     */
    public long dispatchHyperfast(long trap, HcallFrame frame, ApiVersions versions) {
        switch ((int) trap) {
            case 0x83:
                if (trap != 0x83L || !offered[4] || core == null || !versions.allows(HvApiGroups.CORE_INDEX, 1, 0, Integer.MAX_VALUE, 0)) {
                    return HvErrors.EBADTRAP;
                }
                return core.mmuMapAddr(frame, frame.arg(0), frame.arg(1), frame.arg(2), frame.arg(3));
            default:
                return HvErrors.EBADTRAP;
        }
    }

    /**
     * Runs the core call selected by {@code function}.
     * @return the status for the guest; EBADTRAP for an unknown, unoffered or unnegotiated call
     */
    public long dispatchCore(long function, HcallFrame frame) {
        switch ((int) function) {
            case 0x00:
                if (function != 0x00L || !offered[0] || core == null) {
                    return HvErrors.EBADTRAP;
                }
                return core.apiSetVersion(frame, frame.arg(0), frame.arg(1), frame.arg(2));
            default:
                return HvErrors.EBADTRAP;
        }
    }

    /**
     * Collects the handlers; a group without one answers EBADTRAP to every call.
     */
    public static final class Builder {
        private final String binding;
        private CoreHandler core;
        private X86TimerHandler x86Timer;

        private Builder(String binding) {
            this.binding = binding;
        }

        /**
         * The handler of group core.
         */
        public Builder core(CoreHandler handler) {
            this.core = handler;
            return this;
        }

        /**
         * The handler of group x86_timer.
         */
        public Builder x86Timer(X86TimerHandler handler) {
            this.x86Timer = handler;
            return this;
        }

        public HcallDispatcher build() {
            return new HcallDispatcher(this);
        }
    }
}
