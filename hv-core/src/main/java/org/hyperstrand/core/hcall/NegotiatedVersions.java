package org.hyperstrand.core.hcall;

import org.hyperstrand.core.hcall.api.HcallDispatcher;
import org.hyperstrand.core.hcall.api.HvApiGroups;
import org.hyperstrand.core.hcall.api.HvErrors;

/**
 * One domain's negotiated group versions, with the api_set_version and api_get_version rules of
 * the sun4v API (reference section 2.2): unknown group EINVAL; major 0 disables the group;
 * an unoffered major ENOTSUPPORTED; a minor above the highest offered is lowered to it.
 */
public final class NegotiatedVersions implements ApiVersions {

    /** The outcome of api_set_version / api_get_version: status, then the version in force. */
    public record Answer(long status, long major, long minor) {
    }

    private final HcallDispatcher dispatcher;
    private final int[] major = new int[HvApiGroups.ALL.size()];
    private final int[] minor = new int[HvApiGroups.ALL.size()];

    public NegotiatedVersions(HcallDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public boolean allows(int groupIndex, int sinceMajor, int sinceMinor, int removedMajor, int removedMinor) {
        int ma = major[groupIndex];
        int mi = minor[groupIndex];
        if (ma == 0) {
            return false;
        }
        boolean entered = ma > sinceMajor || (ma == sinceMajor && mi >= sinceMinor);
        boolean gone = ma > removedMajor || (ma == removedMajor && mi >= removedMinor);
        return entered && !gone;
    }

    /** api_set_version(group, major, minor). */
    public Answer set(long groupId, long wantMajor, long wantMinor) {
        int g = known(groupId);
        if (g < 0) {
            return new Answer(HvErrors.EINVAL, 0, 0);
        }
        if (wantMajor == 0) {
            major[g] = 0;
            minor[g] = 0;
            return new Answer(HvErrors.EOK, 0, 0);
        }
        HvApiGroups.Group group = HvApiGroups.ALL.get(g);
        int highestMinor = -1;
        for (int i = 0; i < group.majors().length; i++) {
            if (group.majors()[i] == wantMajor) {
                highestMinor = Math.max(highestMinor, group.minors()[i]);
            }
        }
        if (highestMinor < 0 || !dispatcher.implemented(g)) {
            return new Answer(HvErrors.ENOTSUPPORTED, 0, 0);
        }
        major[g] = (int) wantMajor;
        minor[g] = (int) Math.min(Math.max(wantMinor, 0), highestMinor);
        if (wantMinor < 0) {
            minor[g] = highestMinor; // an unsigned minor beyond 2^63 is still "above the highest"
        }
        return new Answer(HvErrors.EOK, major[g], minor[g]);
    }

    /** api_get_version(group): 0.0 until negotiated. */
    public Answer get(long groupId) {
        int g = known(groupId);
        if (g < 0) {
            return new Answer(HvErrors.EINVAL, 0, 0);
        }
        return new Answer(HvErrors.EOK, major[g], minor[g]);
    }

    /** Forgets every negotiation, as a domain reset does. */
    public void reset() {
        java.util.Arrays.fill(major, 0);
        java.util.Arrays.fill(minor, 0);
    }

    private int known(long groupId) {
        int g = HvApiGroups.indexOf(groupId);
        return g >= 0 && HvApiGroups.ALL.get(g).offeredOn(dispatcher.binding()) ? g : -1;
    }
}
