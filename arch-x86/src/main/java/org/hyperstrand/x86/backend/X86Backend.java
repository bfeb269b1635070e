package org.hyperstrand.x86.backend;

import java.nio.ByteOrder;
import java.util.Map;
import java.util.WeakHashMap;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.x86.cpu.X86Core;
import org.hyperstrand.x86.decode.CodeCache;

/**
 * The x86-64 backend: AMD64 CPUs for ELF images of machine EM_X86_64, using the "x86_64"
 * binding of the hypercall spec (VMMCALL).
 *
 * <p>All CPUs on the same host physical memory share one {@link CodeCache}, so a store by any
 * of them invalidates decoded instructions for all. The core-group calls are the
 * architecture-neutral ones (no x86-specific calls yet).
 */
public final class X86Backend implements ArchBackend {

    /** ELF e_machine of x86-64 (EM_X86_64). */
    public static final int EM_X86_64 = 62;

    private final Map<PhysicalMemory, CodeCache> codeCaches = new WeakHashMap<>();

    @Override
    public String binding() {
        return "x86_64";
    }

    @Override
    public int elfMachine() {
        return EM_X86_64;
    }

    @Override
    public ByteOrder byteOrder() {
        return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public VcpuCore createCore(GuestContext guest, int vcpuId) {
        return new X86Core(guest, vcpuId, codeCache(guest.memory()));
    }

    private synchronized CodeCache codeCache(PhysicalMemory memory) {
        return codeCaches.computeIfAbsent(memory, m -> new CodeCache());
    }
}
