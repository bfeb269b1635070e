package org.hyperstrand.x86.host;

import org.hyperstrand.core.hcall.api.X86PlatformHandler;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.x86.decode.CodeCache;

/** The hypervisor's entry for one x86 domain: creates its vCPUs and serves its platform calls. */
public final class X86Host {

    private final GuestPlatform platform;
    private final X86Platform calls;

    public X86Host(GuestContext guest, CodeCache code) {
        this.platform = new GuestPlatform(guest, code);
        this.calls = new X86Platform(guest);
    }

    public X86Vcpu createVcpu(int vcpuId) {
        return new X86Vcpu(platform, vcpuId);
    }

    public X86PlatformHandler platformCalls() {
        return calls;
    }
}
