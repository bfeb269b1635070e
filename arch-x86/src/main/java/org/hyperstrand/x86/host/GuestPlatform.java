package org.hyperstrand.x86.host;

import java.util.List;
import org.hyperstrand.core.mem.ImportedPage;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.x86.decode.CodeCache;
import org.hyperstrand.x86.dev.Uart16550;
import org.hyperstrand.x86.svm.PermissionMaps;

/**
 * What the hypervisor keeps once per x86 domain and its vCPUs share: the I/O and MSR
 * permission maps their VMCBs point to, the nested page tables of the domain's memory, and
 * the serial port on COM1.
 *
 * <p>Intercept policy (as KVM's init_vmcb, reference/amd-v-svm.md 7.1): every I/O port is
 * intercepted, so a port with no device reads all ones and drops writes; MSRs are intercepted
 * except the ones that are plain guest state (FS/GS bases, KERNEL_GS_BASE, the SYSCALL MSRs,
 * TSC_AUX, PAT), which the guest reads and writes directly.
 */
final class GuestPlatform {

    private final GuestContext guest;
    private final CodeCache code;
    final long iopm;
    final long msrpm;
    final Uart16550 uart;
    private RealMemoryMap mapped;
    private NestedPageTables tables;

    private static final int[] PASS_THROUGH_MSRS = {
        0xc000_0081, 0xc000_0082, 0xc000_0083, 0xc000_0084,    // STAR LSTAR CSTAR SFMASK
        0xc000_0100, 0xc000_0101, 0xc000_0102, 0xc000_0103,    // FS_BASE GS_BASE KERNEL_GS_BASE TSC_AUX
        0x277,                                                  // PAT (G_PAT under nested paging)
    };

    GuestPlatform(GuestContext guest, CodeCache code) {
        this.guest = guest;
        this.code = code;
        PhysicalMemory memory = guest.memory();
        iopm = guest.allocateHypervisorPages(PermissionMaps.IOPM_PAGES);
        PermissionMaps.fill(memory, iopm, PermissionMaps.IOPM_BYTES, true);
        msrpm = guest.allocateHypervisorPages(PermissionMaps.MSRPM_PAGES);
        PermissionMaps.fill(memory, msrpm, PermissionMaps.MSRPM_BYTES, true);
        for (int msr : PASS_THROUGH_MSRS) {
            PermissionMaps.setMsrIntercept(memory, msrpm, msr, false, false);
        }
        uart = new Uart16550(guest.console());
    }

    GuestContext guest() {
        return guest;
    }

    CodeCache code() {
        return code;
    }

    /**
     * N_CR3 of nested tables for the domain's current memory map. When only the pages mapped in
     * from other domains changed, their entries are edited in place (the caller's CPU flushes its
     * TLB when it picks up the new map); when the memory blocks changed (memory added or removed
     * while the domain was stopped), the tables are built again.
     */
    synchronized long nestedRoot() {
        RealMemoryMap map = guest.realMemory();
        if (map != mapped) {
            if (tables == null || !map.blocks().equals(mapped.blocks())) {
                tables = NestedPageTables.build(guest.memory(), map, guest::allocateHypervisorPages);
            } else {
                List<ImportedPage> now = map.imports();
                List<ImportedPage> before = mapped.imports();
                before.stream().filter(p -> !now.contains(p)).forEach(tables::unmapImport);
                now.stream().filter(p -> !before.contains(p)).forEach(tables::mapImport);
            }
            mapped = map;
        }
        return tables.root();
    }
}
