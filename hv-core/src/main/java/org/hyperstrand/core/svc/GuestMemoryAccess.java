package org.hyperstrand.core.svc;

import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;

/**
 * Byte copies between the hypervisor and a guest's real memory, every one checked against the
 * domain's memory map first: a guest can hand in any address, and none may reach past its own
 * memory.
 */
public final class GuestMemoryAccess {

    /** Told of every write, so CPU models can drop code they decoded from those bytes. */
    public interface WriteListener {
        void written(long pa, long len);
    }

    private final PhysicalMemory memory;
    private final RealMemoryMap map;
    private final WriteListener listener;

    public GuestMemoryAccess(PhysicalMemory memory, RealMemoryMap map, WriteListener listener) {
        this.memory = memory;
        this.map = map;
        this.listener = listener;
    }

    /** Access to {@code domain}'s memory that tells its CPU models about every write. */
    public static GuestMemoryAccess of(org.hyperstrand.core.domain.Domain domain) {
        return new GuestMemoryAccess(domain.memory(), domain.realMemory(),
                (pa, len) -> domain.vcpus().forEach(v -> v.core().memoryWritten(pa, len)));
    }

    /** True if [ra, ra+len) is entirely this domain's memory. */
    public boolean valid(long ra, long len) {
        return map.isValid(ra, len);
    }

    /** The host address of [ra, ra+len) of this domain's own memory, or -1 unless it lies whole in one block. */
    public long physical(long ra, long len) {
        return map.isValid(ra, len) ? map.toPhysical(ra, len) : -1;
    }

    /** Copies guest bytes out; the caller checked {@link #valid}. Spans blocks if need be. */
    public byte[] read(long ra, int len) {
        byte[] out = new byte[len];
        for (int done = 0; done < len; ) {
            long pa = map.toPhysical(ra + done, 1);
            int n = (int) Math.min(len - done, contiguous(ra + done, len - done));
            memory.read(pa, out, done, n);
            done += n;
        }
        return out;
    }

    /** Copies bytes into guest memory; the caller checked {@link #valid}. */
    public void write(long ra, byte[] src, int off, int len) {
        for (int done = 0; done < len; ) {
            long pa = map.toPhysical(ra + done, 1);
            int n = (int) Math.min(len - done, contiguous(ra + done, len - done));
            memory.write(pa, src, off + done, n);
            listener.written(pa, n);
            done += n;
        }
    }

    /** How many of {@code len} bytes from {@code ra} lie in the block holding {@code ra}. */
    private long contiguous(long ra, long len) {
        long lo = 1;
        long hi = len;
        while (lo < hi) { // largest n with [ra, ra+n) in one block
            long mid = (lo + hi + 1) >>> 1;
            if (map.toPhysical(ra, mid) >= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
