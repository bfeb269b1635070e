package org.hyperstrand.core.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;

/**
 * A guest image: an ELF64 executable whose PT_LOAD segments are placed at their physical
 * addresses (p_paddr) as real addresses of the domain. Only what booting needs is read: the
 * header's class, byte order, machine and entry, and the loadable segments.
 */
public final class ElfImage {

    /** One PT_LOAD segment: file bytes at {@code offset}, zero-filled up to {@code memSize}. */
    public record Segment(long realAddress, long offset, long fileSize, long memSize) {
    }

    private static final int PT_LOAD = 1;

    private final String name;
    private final byte[] bytes;
    private final ByteOrder order;
    private final int machine;
    private final long entry;
    private final List<Segment> segments;

    private ElfImage(String name, byte[] bytes, ByteOrder order, int machine, long entry, List<Segment> segments) {
        this.name = name;
        this.bytes = bytes;
        this.order = order;
        this.machine = machine;
        this.entry = entry;
        this.segments = List.copyOf(segments);
    }

    /** Parses an image; {@code name} appears in error messages. */
    public static ElfImage parse(String name, byte[] bytes) throws ImageException {
        if (bytes.length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new ImageException(name + ": not an ELF image");
        }
        if (bytes[4] != 2) {
            throw new ImageException(name + ": not a 64-bit ELF image (ELF class " + bytes[4] + ")");
        }
        ByteOrder order = switch (bytes[5]) {
            case 1 -> ByteOrder.LITTLE_ENDIAN;
            case 2 -> ByteOrder.BIG_ENDIAN;
            default -> throw new ImageException(name + ": unknown ELF byte order " + bytes[5]);
        };
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        int type = b.getShort(16) & 0xffff;
        if (type != 2) {
            throw new ImageException(name + ": not an executable (ELF type " + type + ")");
        }
        int machine = b.getShort(18) & 0xffff;
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        if (phnum == 0 || phentsize < 56 || phoff < 0 || phoff + (long) phnum * phentsize > bytes.length) {
            throw new ImageException(name + ": program headers are missing or cut off");
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            if (b.getInt(at) != PT_LOAD) {
                continue;
            }
            long offset = b.getLong(at + 8);
            long paddr = b.getLong(at + 24);
            long filesz = b.getLong(at + 32);
            long memsz = b.getLong(at + 40);
            if (offset < 0 || filesz < 0 || memsz < filesz || offset + filesz > bytes.length || offset + filesz < 0) {
                throw new ImageException(String.format("%s: segment %d at 0x%x has sizes outside the file", name, i,
                        paddr));
            }
            if (memsz > 0) {
                segments.add(new Segment(paddr, offset, filesz, memsz));
            }
        }
        if (segments.isEmpty()) {
            throw new ImageException(name + ": no loadable segment");
        }
        return new ElfImage(name, bytes, order, machine, entry, segments);
    }

    public String name() {
        return name;
    }

    public ByteOrder byteOrder() {
        return order;
    }

    public int machine() {
        return machine;
    }

    public long entry() {
        return entry;
    }

    public List<Segment> segments() {
        return segments;
    }

    /**
     * Copies every segment into the domain's memory, zero-filling the rest of each segment.
     * Fails, touching nothing, if any segment or the entry point lies outside that memory.
     */
    public void load(PhysicalMemory memory, RealMemoryMap map) throws ImageException {
        for (Segment s : segments) {
            if (map.toPhysical(s.realAddress(), s.memSize()) < 0) {
                throw new ImageException(String.format("%s: segment at 0x%x (0x%x bytes) lies outside the domain's "
                        + "memory (%s)", name, s.realAddress(), s.memSize(), describe(map)));
            }
        }
        if (map.toPhysical(entry, 4) < 0) {
            throw new ImageException(String.format("%s: entry point 0x%x lies outside the domain's memory (%s)",
                    name, entry, describe(map)));
        }
        for (Segment s : segments) {
            long pa = map.toPhysical(s.realAddress(), s.memSize());
            memory.write(pa, bytes, (int) s.offset(), (int) s.fileSize());
            byte[] zeros = new byte[(int) Math.min(s.memSize() - s.fileSize(), PhysicalMemory.CHUNK_SIZE)];
            for (long done = s.fileSize(); done < s.memSize(); done += zeros.length) {
                int n = (int) Math.min(zeros.length, s.memSize() - done);
                memory.write(pa + done, zeros, 0, n);
            }
        }
    }

    private static String describe(RealMemoryMap map) {
        return String.join(", ", map.blocks().stream()
                .map(b -> String.format("0x%x-0x%x", b.ra(), b.ra() + b.size() - 1)).toList());
    }
}
