package org.hyperstrand.core.machine;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.function.Supplier;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.VcpuCore;

/** Mocked backends for tests of the machine that need domains but not a real CPU model. */
public final class TestBackends {

    private TestBackends() {
    }

    /** A sparc64 backend whose CPUs are made by {@code cores}. */
    public static ArchBackend sparc(Supplier<VcpuCore> cores) {
        ArchBackend backend = mock(ArchBackend.class);
        when(backend.binding()).thenReturn("sparc64");
        when(backend.coreCalls(any())).thenAnswer(inv -> inv.getArgument(0));
        when(backend.createCore(any(), anyInt())).thenAnswer(inv -> cores.get());
        return backend;
    }

    /** A sparc64 backend whose CPUs never run anything. */
    public static ArchBackend inert() {
        return sparc(TestBackends::inertCore);
    }

    /** A CPU that only holds a hypercall frame; further behaviour can be stubbed on it. */
    public static VcpuCore inertCore() {
        VcpuCore core = mock(VcpuCore.class);
        when(core.frame()).thenReturn(new HcallFrame());
        return core;
    }
}
