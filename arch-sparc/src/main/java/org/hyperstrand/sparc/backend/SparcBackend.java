package org.hyperstrand.sparc.backend;

import java.nio.ByteOrder;
import java.util.Map;
import java.util.WeakHashMap;
import org.hyperstrand.core.hcall.api.CoreHandler;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.sparc.cpu.SparcCore;
import org.hyperstrand.sparc.decode.CodeCache;
import org.hyperstrand.sparc.hcall.SparcMmuCalls;
import org.hyperstrand.sparc.jit.TranslationConfig;
import org.hyperstrand.sparc.mmu.PermanentMappings;

/**
 * The sun4v backend: SPARC V9 CPUs for ELF images of machine EM_SPARCV9, using the "sparc64"
 * binding of the hypercall spec.
 *
 * <p>All CPUs on the same host physical memory share one {@link CodeCache}, so a store by any
 * of them invalidates decoded instructions for all. The CPUs of one domain share its permanent
 * mappings (mmu_map_perm_addr). The MMU calls and the real trap base are served by
 * {@link SparcMmuCalls}, in front of the architecture-neutral core handler.
 */
public final class SparcBackend implements ArchBackend {

    /** ELF e_machine of 64-bit SPARC (EM_SPARCV9). */
    public static final int EM_SPARCV9 = 43;

    private final Map<PhysicalMemory, CodeCache> codeCaches = new WeakHashMap<>();
    /** The translation tier of the CPUs made, or null for what the system properties say. */
    private final TranslationConfig translation;

    public SparcBackend() {
        this(null);
    }

    /** A backend whose CPUs use {@code translation} whatever the system properties say (tests, benchmarks). */
    public SparcBackend(TranslationConfig translation) {
        this.translation = translation;
    }

    @Override
    public String binding() {
        return "sparc64";
    }

    @Override
    public int elfMachine() {
        return EM_SPARCV9;
    }

    @Override
    public ByteOrder byteOrder() {
        return ByteOrder.BIG_ENDIAN;
    }

    /** SparcMemory enforces the rights of mapped-in pages and follows map changes at every run. */
    @Override
    public boolean mapsImportedPages() {
        return true;
    }

    @Override
    public VcpuCore createCore(GuestContext guest, int vcpuId) {
        SparcCore core = new SparcCore(guest, vcpuId, codeCache(guest.memory()), permanentMappings(guest));
        if (translation != null) {
            core.setTranslation(translation);
        }
        return core;
    }

    @Override
    public CoreHandler coreCalls(CoreHandler neutral) {
        return new SparcMmuCalls(neutral);
    }

    /** The domain's permanent mappings, kept by the domain (see GuestContext#backendState). */
    private static PermanentMappings permanentMappings(GuestContext guest) {
        return guest.backendState(PermanentMappings.class, PermanentMappings::new);
    }

    private synchronized CodeCache codeCache(PhysicalMemory memory) {
        return codeCaches.computeIfAbsent(memory, m -> new CodeCache());
    }
}
