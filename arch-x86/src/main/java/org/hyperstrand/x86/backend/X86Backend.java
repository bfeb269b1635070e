package org.hyperstrand.x86.backend;

import java.nio.ByteOrder;
import java.util.Map;
import java.util.WeakHashMap;
import org.hyperstrand.core.hcall.api.HcallDispatcher;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.x86.decode.CodeCache;
import org.hyperstrand.x86.host.X86Host;

/**
 * The x86-64 backend: AMD64 CPUs with SVM for ELF images of machine EM_X86_64, using the
 * "x86_64" binding of the hypercall spec (VMMCALL). Each vCPU is an {@code host.X86Vcpu}: the
 * Java hypervisor runs its guest with VMRUN and handles the #VMEXITs.
 *
 * <p>All CPUs on the same host physical memory share one {@link CodeCache}, so a store by any
 * of them invalidates decoded instructions for all. The core-group calls are the
 * architecture-neutral ones; the x86_platform group (timer, time base) is this backend's.
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

    /**
     * Mapped-in pages get nested page-table entries with their rights (never executable), edited
     * in place; each CPU flushes its TLB when it picks up a new map at the start of a run.
     */
    @Override
    public boolean mapsImportedPages() {
        return true;
    }

    @Override
    public VcpuCore createCore(GuestContext guest, int vcpuId) {
        return host(guest).createVcpu(vcpuId);
    }

    @Override
    public void addCalls(HcallDispatcher.Builder builder, GuestContext domain) {
        builder.x86Platform(host(domain).platformCalls());
    }

    /** The domain's host side; the domain keeps it, since it names the domain. */
    private X86Host host(GuestContext guest) {
        return guest.backendState(X86Host.class, () -> new X86Host(guest, codeCache(guest)));
    }

    private synchronized CodeCache codeCache(GuestContext guest) {
        return codeCaches.computeIfAbsent(guest.memory(), m -> new CodeCache());
    }
}
