package org.hyperstrand.core.spi;

import java.nio.ByteOrder;
import org.hyperstrand.core.hcall.api.CoreHandler;
import org.hyperstrand.core.hcall.api.HcallDispatcher;

/**
 * One architecture, plugged into the core through {@link java.util.ServiceLoader}. The core
 * never names an architecture: it asks the backends which one runs an image and lets that
 * backend build the CPU models.
 *
 * <p>Mandatory: {@link #binding}, {@link #elfMachine}, {@link #byteOrder}, {@link #createCore}.
 * Optional (with defaults): {@link #coreCalls}, {@link #addCalls}, {@link #mapsImportedPages}.
 */
public interface ArchBackend {

    /** The binding name of the hypercall spec this architecture uses, e.g. as in "binding NAME {". */
    String binding();

    /** The ELF e_machine value of the images this backend runs. */
    int elfMachine();

    /** Byte order of guest memory as this architecture sees it. */
    ByteOrder byteOrder();

    /** A CPU model for virtual CPU {@code vcpuId} of a domain. */
    VcpuCore createCore(GuestContext guest, int vcpuId);

    /**
     * Optional: the core-group handler this architecture's guests see. The core passes its
     * architecture-neutral handler; a backend that serves calls of its own (the sun4v MMU calls,
     * say) returns a handler that answers those and forwards the rest.
     */
    default CoreHandler coreCalls(CoreHandler neutral) {
        return neutral;
    }

    /**
     * Optional: installs handlers for hypercall groups of the spec that only this architecture
     * offers (a platform group, say) into the dispatcher of domain {@code domain}.
     */
    default void addCalls(HcallDispatcher.Builder builder, GuestContext domain) {
    }

    /**
     * Optional: true if this architecture's CPU models honour the imported pages of a domain's
     * {@link org.hyperstrand.core.mem.RealMemoryMap} (ldc_mapin): loads reach them, stores only
     * where {@code isWritable} allows and instruction fetch never, and a replaced map is picked up
     * at the start of every run with every translation derived from the old one dropped. Only
     * then does the core map pages in for this architecture's guests.
     */
    default boolean mapsImportedPages() {
        return false;
    }
}
