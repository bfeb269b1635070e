package org.hyperstrand.core.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Host physical memory: sparse, in chunks allocated on first write, so a domain can be given
 * gigabytes it never touches. Reads of an untouched chunk see zeros and allocate nothing.
 *
 * <p>Multi-byte accesses come in both byte orders through {@link VarHandle} views (SPARC is
 * big-endian, x86 little-endian). An access must not cross a chunk boundary unless it goes
 * through the byte-wise {@code *Unaligned} forms; naturally aligned accesses never do.
 * CPU models with a software TLB call {@link #chunkForRead}/{@link #chunkForWrite} once per
 * page and then index the returned array directly.
 */
public final class PhysicalMemory {

    /** 1 MiB chunks: large enough to amortise the lookup, small enough to stay sparse. */
    public static final int CHUNK_SHIFT = 20;
    public static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    public static final long CHUNK_MASK = CHUNK_SIZE - 1;

    private static final VarHandle BE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle CHUNKS = MethodHandles.arrayElementVarHandle(byte[][].class);

    /** Shared by every untouched chunk for reads; never written. */
    private static final byte[] ZERO_CHUNK = new byte[CHUNK_SIZE];

    private final long size;
    private final byte[][] chunks;
    private int allocatedChunks;

    /** @param size bytes of physical address space, a multiple of the chunk size */
    public PhysicalMemory(long size) {
        if (size <= 0 || (size & CHUNK_MASK) != 0 || (size >>> CHUNK_SHIFT) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("physical memory size " + size + " is not a positive multiple of "
                    + CHUNK_SIZE + " within range");
        }
        this.size = size;
        this.chunks = new byte[(int) (size >>> CHUNK_SHIFT)][];
    }

    public long size() {
        return size;
    }

    /** True if [pa, pa+len) lies inside physical memory. */
    public boolean contains(long pa, long len) {
        return pa >= 0 && len >= 0 && pa <= size && len <= size - pa;
    }

    /** Bytes actually backed by host memory: what the guests have written so far. */
    public synchronized long allocatedBytes() {
        return (long) allocatedChunks << CHUNK_SHIFT;
    }

    /** The chunk holding {@code pa} for reading; an untouched chunk reads as zeros. */
    public byte[] chunkForRead(long pa) {
        byte[] c = chunks[(int) (pa >>> CHUNK_SHIFT)];
        if (c != null) {
            return c;
        }
        c = (byte[]) CHUNKS.getAcquire(chunks, (int) (pa >>> CHUNK_SHIFT));
        return c != null ? c : ZERO_CHUNK;
    }

    /** The chunk holding {@code pa} for writing, allocated now if it was untouched. */
    public byte[] chunkForWrite(long pa) {
        byte[] c = chunks[(int) (pa >>> CHUNK_SHIFT)];
        return c != null ? c : allocate((int) (pa >>> CHUNK_SHIFT));
    }

    private synchronized byte[] allocate(int index) {
        byte[] c = (byte[]) CHUNKS.getAcquire(chunks, index);
        if (c == null) {
            c = new byte[CHUNK_SIZE];
            CHUNKS.setRelease(chunks, index, c);
            allocatedChunks++;
        }
        return c;
    }

    /** True if a write could have made this chunk non-zero; an untouched chunk is all zero. */
    public boolean isTouched(long pa) {
        return CHUNKS.getAcquire(chunks, (int) (pa >>> CHUNK_SHIFT)) != null;
    }

    /**
     * Gives [pa, pa+len) back (whole chunks): it reads as zeros again and no longer costs host
     * memory, so the next owner of that memory never sees the previous one's data.
     */
    public synchronized void discard(long pa, long len) {
        if (!contains(pa, len) || ((pa | len) & CHUNK_MASK) != 0) {
            throw new IllegalArgumentException(String.format("cannot discard 0x%x bytes at 0x%x: not whole chunks "
                    + "of physical memory", len, pa));
        }
        for (int i = (int) (pa >>> CHUNK_SHIFT), end = (int) ((pa + len) >>> CHUNK_SHIFT); i < end; i++) {
            if (CHUNKS.getAcquire(chunks, i) != null) {
                CHUNKS.setRelease(chunks, i, (byte[]) null);
                allocatedChunks--;
            }
        }
    }

    private static int off(long pa) {
        return (int) (pa & CHUNK_MASK);
    }

    // ---- byte ---------------------------------------------------------------------------

    public int read8(long pa) {
        return chunkForRead(pa)[off(pa)] & 0xff;
    }

    public void write8(long pa, int value) {
        chunkForWrite(pa)[off(pa)] = (byte) value;
    }

    // ---- big-endian (aligned) -----------------------------------------------------------

    public long read64BE(long pa) {
        return (long) BE64.get(chunkForRead(pa), off(pa));
    }

    public int read32BE(long pa) {
        return (int) BE32.get(chunkForRead(pa), off(pa));
    }

    public int read16BE(long pa) {
        return ((short) BE16.get(chunkForRead(pa), off(pa))) & 0xffff;
    }

    public void write64BE(long pa, long value) {
        BE64.set(chunkForWrite(pa), off(pa), value);
    }

    public void write32BE(long pa, int value) {
        BE32.set(chunkForWrite(pa), off(pa), value);
    }

    public void write16BE(long pa, int value) {
        BE16.set(chunkForWrite(pa), off(pa), (short) value);
    }

    // ---- little-endian (within one chunk) -----------------------------------------------

    public long read64LE(long pa) {
        return (long) LE64.get(chunkForRead(pa), off(pa));
    }

    public int read32LE(long pa) {
        return (int) LE32.get(chunkForRead(pa), off(pa));
    }

    public int read16LE(long pa) {
        return ((short) LE16.get(chunkForRead(pa), off(pa))) & 0xffff;
    }

    public void write64LE(long pa, long value) {
        LE64.set(chunkForWrite(pa), off(pa), value);
    }

    public void write32LE(long pa, int value) {
        LE32.set(chunkForWrite(pa), off(pa), value);
    }

    public void write16LE(long pa, int value) {
        LE16.set(chunkForWrite(pa), off(pa), (short) value);
    }

    // ---- any alignment, any length (slow path) ------------------------------------------

    /** Little-endian value of {@code bytes} bytes (1..8) at any address, across chunks if need be. */
    public long readUnalignedLE(long pa, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | read8(pa + i);
        }
        return v;
    }

    public void writeUnalignedLE(long pa, int bytes, long value) {
        for (int i = 0; i < bytes; i++) {
            write8(pa + i, (int) (value >>> (8 * i)));
        }
    }

    /** Copies {@code len} bytes out of physical memory. */
    public void read(long pa, byte[] dst, int dstOff, int len) {
        while (len > 0) {
            int n = (int) Math.min(len, CHUNK_SIZE - (pa & CHUNK_MASK));
            System.arraycopy(chunkForRead(pa), off(pa), dst, dstOff, n);
            pa += n;
            dstOff += n;
            len -= n;
        }
    }

    /** Copies {@code len} bytes into physical memory. */
    public void write(long pa, byte[] src, int srcOff, int len) {
        while (len > 0) {
            int n = (int) Math.min(len, CHUNK_SIZE - (pa & CHUNK_MASK));
            System.arraycopy(src, srcOff, chunkForWrite(pa), off(pa), n);
            pa += n;
            srcOff += n;
            len -= n;
        }
    }
}
