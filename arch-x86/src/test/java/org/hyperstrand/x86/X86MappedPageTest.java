package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntToLongFunction;
import org.hyperstrand.core.mem.ImportedPage;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.host.NestedPageTables;
import org.junit.jupiter.api.Test;

/**
 * Pages of another domain mapped into an x86_64 guest (ldc_mapin): its nested entries carry the
 * rights, so loads reach the page, stores only when it was mapped writable and fetches never
 * (both refused as an NPF, which the guest takes as #MC); the entries are edited in place, and
 * once the map no longer has the page the guest's next run cannot reach it. The "other
 * domain's" page is host memory of the test guest the test reads directly. The window address
 * lies in the first gigabyte, which the boot page tables identity-map.
 */
class X86MappedPageTest {

    private static final long WINDOW = 0x80_0000;
    private static final long EXPORTED = 0x70_0000;
    private static final long DATA = 0x0123_4567_89ab_cdefL;

    private static X86Rig rig(boolean writable, String... program) {
        X86Rig rig = X86Rig.guest();
        rig.installIdt(0x8e);
        rig.write64(EXPORTED + 0x10, DATA);
        rig.guest.map = rig.guest.map.withImport(new ImportedPage(WINDOW, TestGuest.PA_BASE + EXPORTED, 0x2000,
                writable));
        return rig.program(program);
    }

    @Test
    void loadsReachThePageAndAStoreToAReadOnlyOneIsAMachineCheck() {
        X86Rig rig = rig(false,
                "48 c7 c0 10 00 80 00  # movq $0x800010,%rax",
                "48 8b 18  # movq (%rax),%rbx",
                "48 89 18  # movq %rbx,(%rax)",
                X86Rig.HLT);
        rig.expectException(X86Arch.MC);
        assertEquals(DATA, rig.reg(X86State.RBX), "the load saw the exporter's data");
        assertEquals(X86Rig.CODE + 10, rig.stack(0), "RIP at the store");
        assertEquals(DATA, rig.read64(EXPORTED + 0x10), "the store did not reach the page");
    }

    @Test
    void aWritableImportTakesStores() {
        X86Rig rig = rig(true,
                "48 c7 c0 18 00 80 00  # movq $0x800018,%rax",
                "48 c7 00 09 00 00 00  # movq $9,(%rax)",
                "48 8b 58 f8  # movq -8(%rax),%rbx",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(-1, rig.handledVector(), "no exception");
        assertEquals(9, rig.read64(EXPORTED + 0x18));
        assertEquals(DATA, rig.reg(X86State.RBX));
    }

    @Test
    void noInstructionIsFetchedFromAnImport() {
        X86Rig rig = rig(true,
                "48 c7 c0 00 00 80 00  # movq $0x800000,%rax",
                "ff e0  # jmpq *%rax",
                X86Rig.HLT);
        rig.write64(EXPORTED, 0xf4f4_f4f4_f4f4_f4f4L); // HLTs, were they fetched
        rig.expectException(X86Arch.MC);
        assertEquals(WINDOW, rig.stack(0), "RIP at the fetch");
    }

    @Test
    void afterUnmappingTheNextRunNoLongerReachesThePage() {
        X86Rig rig = rig(true,
                "48 c7 c0 10 00 80 00  # movq $0x800010,%rax",
                "48 8b 18  # movq (%rax),%rbx (fills the TLB)",
                X86Rig.HLT,
                "48 89 18  # movq %rbx,(%rax)",
                X86Rig.HLT);
        rig.runToHalt();
        assertEquals(DATA, rig.reg(X86State.RBX));
        rig.guest.map = rig.guest.map.withoutImport(WINDOW);
        rig.expectException(X86Arch.MC);
        rig.write64(EXPORTED + 0x10, 0);
        assertEquals(0, rig.read64(EXPORTED + 0x10));
    }

    @Test
    void importsAreEditedInPlaceWithoutNewTablePages() {
        TestGuest g = new TestGuest();
        IntToLongFunction pages = g::allocateHypervisorPages;
        NestedPageTables t = NestedPageTables.build(g.memory, g.map, pages);
        ImportedPage readOnly = new ImportedPage(WINDOW, TestGuest.PA_BASE + EXPORTED, 0x2000, false);
        t.mapImport(readOnly);
        int used = t.pages();
        long root = t.root();
        long leaf = leaf(g.memory, root, WINDOW + 0x1000);
        assertEquals(TestGuest.PA_BASE + EXPORTED + 0x1000, leaf & X86Arch.PTE_ADDR);
        assertEquals(0, leaf & X86Arch.PTE_RW, "read-only");
        assertTrue((leaf & X86Arch.PTE_NX) != 0, "never executable");
        for (int i = 0; i < 100; i++) {
            t.unmapImport(readOnly);
            assertEquals(0, leaf(g.memory, root, WINDOW));
            t.mapImport(new ImportedPage(WINDOW + 0x2000L * (i % 4), TestGuest.PA_BASE + EXPORTED, 0x2000, true));
            t.unmapImport(new ImportedPage(WINDOW + 0x2000L * (i % 4), TestGuest.PA_BASE + EXPORTED, 0x2000, true));
            t.mapImport(readOnly);
        }
        assertEquals(used, t.pages(), "no table page taken by mapping in and out again");
        assertEquals(root, t.root());
    }

    /** The level-1 entry for {@code gpa} under PML4 {@code root}, or 0 where a level is missing. */
    private static long leaf(PhysicalMemory memory, long root, long gpa) {
        long table = root;
        for (int shift = 39; shift >= 12; shift -= 9) {
            long e = memory.read64LE(table + (((gpa >>> shift) & 511) << 3));
            if (shift == 12 || (e & X86Arch.PTE_P) == 0) {
                return e;
            }
            table = e & X86Arch.PTE_ADDR;
        }
        return 0;
    }
}
