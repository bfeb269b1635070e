package org.hyperstrand.core.spi;

import java.util.function.Supplier;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.svc.Console;

/**
 * What a CPU model may use of its domain: host memory, the domain's real memory map, time, the
 * console, the trace, and pages of host memory of its own for control structures (an x86 VMCB, nested
 * page tables).
 */
public interface GuestContext {

    /** Host physical memory; reach it only through {@link #realMemory()} translations. */
    PhysicalMemory memory();

    /** The domain's real address space. */
    RealMemoryMap realMemory();

    /** Virtual time in ticks, the same for every CPU of the machine; see {@link #tickFrequency()}. */
    long now();

    /** Ticks per second of {@link #now()}. */
    long tickFrequency();

    /** The domain's console, for device models that print to it (a serial port). */
    default Console console() {
        throw new UnsupportedOperationException("this guest context has no console");
    }

    /**
     * Where this domain's trace goes, or null when it is not traced (the usual case): a backend
     * that serves an exit itself reports it here so a trace shows it.
     */
    default Tracer tracer() {
        return null;
    }

    /**
     * Allocates {@code count} zeroed 4 KiB pages of host physical memory that belong to the
     * hypervisor, outside every domain's memory, and returns the first page's address.
     *
     * @throws IllegalStateException when host memory has no room left for them
     */
    default long allocateHypervisorPages(int count) {
        throw new UnsupportedOperationException("this guest context has no hypervisor memory");
    }

    /**
     * A backend's state for this domain, made by {@code create} on the first call for
     * {@code type} and kept as long as the domain (see {@link BackendStates}).
     */
    default <T> T backendState(Class<T> type, Supplier<? extends T> create) {
        throw new UnsupportedOperationException("this guest context keeps no backend state");
    }
}
