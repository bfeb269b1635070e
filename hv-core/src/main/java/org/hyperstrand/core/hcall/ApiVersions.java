package org.hyperstrand.core.hcall;

/** The API group versions a guest has negotiated, as the generated dispatcher asks about them. */
public interface ApiVersions {

    /**
     * True if a call that appeared in {@code sinceMajor.sinceMinor} and is removed from
     * {@code removedMajor.removedMinor} on is enabled by the version negotiated for the group
     * with index {@code groupIndex} in HvApiGroups.ALL. A group never negotiated, or negotiated
     * with major 0, enables nothing.
     */
    boolean allows(int groupIndex, int sinceMajor, int sinceMinor, int removedMajor, int removedMinor);
}
