package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.ref.WeakReference;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.x86.backend.X86Backend;
import org.hyperstrand.x86.host.X86Host;
import org.junit.jupiter.api.Test;

/** What the backend, shared by every domain of a process, keeps of them: nothing. */
class X86BackendTest {

    @Test
    void theCpusOfOneDomainShareItsHost() {
        X86Backend backend = new X86Backend();
        TestGuest guest = new TestGuest();
        backend.createCore(guest, 0);
        X86Host host = guest.backendState(X86Host.class, () -> null);
        assertNotNull(host);
        backend.createCore(guest, 1);
        assertSame(host, guest.backendState(X86Host.class, () -> null));
    }

    @Test
    void aDomainNoLongerUsedCanBeCollectedWhileTheBackendLives() throws InterruptedException {
        X86Backend backend = new X86Backend();
        WeakReference<TestGuest> guest = withOneCpu(backend);
        for (int i = 0; i < 50 && guest.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(guest.get(), "the backend keeps the domain alive");
        assertNotNull(backend);
    }

    private static WeakReference<TestGuest> withOneCpu(X86Backend backend) {
        TestGuest guest = new TestGuest();
        VcpuCore core = backend.createCore(guest, 0);
        assertNotNull(core);
        return new WeakReference<>(guest);
    }
}
