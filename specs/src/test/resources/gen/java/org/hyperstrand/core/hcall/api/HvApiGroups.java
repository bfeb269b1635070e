// Generated from the hypercall spec (specs/hypercalls) by 'hv spec gen --lang java'. Do not edit.
package org.hyperstrand.core.hcall.api;

import java.util.List;

/**
 * The API groups and the versions this hypervisor offers of each.
 */
public final class HvApiGroups {
    /**
     * One group: its position in {@link #ALL}, name, id and offered versions (parallel arrays).
     */
    public record Group(int index, String name, long id, int[] majors, int[] minors, String[] archs) {
        /**
         * True if the group is offered on the named binding.
         */
        public boolean offeredOn(String binding) {
            for (String a : archs) {
                if (a.equals(binding)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Basic services every guest needs.
     */
    public static final long CORE = 0x01L;
    public static final int CORE_INDEX = 0;
    /**
     * Calls only x86 guests have.
     */
    public static final long X86_TIMER = 0x1000L;
    public static final int X86_TIMER_INDEX = 1;

    public static final List<Group> ALL = List.of(
            new Group(0, "core", 0x01L, new int[] {1, 1}, new int[] {0, 1}, new String[] {"sparc64", "x86_64"}),
            new Group(1, "x86_timer", 0x1000L, new int[] {1}, new int[] {0}, new String[] {"x86_64"}));

    private HvApiGroups() {
    }

    /**
     * The index of the group with this id in {@link #ALL}, or -1.
     */
    public static int indexOf(long id) {
        for (Group g : ALL) {
            if (g.id() == id) {
                return g.index();
            }
        }
        return -1;
    }
}
