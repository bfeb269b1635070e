package org.hyperstrand.x86;

import static org.hyperstrand.x86.PageTables.A;
import static org.hyperstrand.x86.PageTables.D;
import static org.hyperstrand.x86.PageTables.NX;
import static org.hyperstrand.x86.PageTables.P;
import static org.hyperstrand.x86.PageTables.PS;
import static org.hyperstrand.x86.PageTables.RW;
import static org.hyperstrand.x86.PageTables.US;
import static org.hyperstrand.x86.TestGuest.PA_BASE;
import static org.hyperstrand.x86.TestGuest.SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.x86.cpu.ExitCode;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86Fault;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.host.NestedPageTables;
import org.hyperstrand.x86.mmu.X86Memory;
import org.hyperstrand.x86.svm.SvmUnit;
import org.hyperstrand.x86.svm.Vmcb;
import org.hyperstrand.x86.svm.VmcbLayout;
import org.junit.jupiter.api.Test;

/**
 * AMD-V nested paging (reference/amd-v-svm.md 5): programs run under VMRUN with nested tables
 * from {@link NestedPageTables} as they run without them, and each way a nested walk can fail
 * ends the guest with the NPF #VMEXIT and the EXITINFO1/EXITINFO2 kvm-unit-tests' svm_npt
 * expects (5.2). The guest uses the boot tables (guest CR3 in the top 16 KiB of its memory);
 * the nested tables map [0, 2 MiB) with 4 KiB pages and the rest with 2 MiB pages (see
 * {@link #splitMap}). Then the memory path's fault-free uses, and the table builder.
 */
class X86NestedPagingTest {

    private static final String LOAD = "48 8b 03  # movq (%rbx),%rax";
    private static final String STORE = "48 89 03  # movq %rax,(%rbx)";
    /** A data word on a page with a 4 KiB nested mapping. */
    private static final long DATA = X86Rig.DATA + 0x18;
    /** A data word on a 2 MiB nested page. */
    private static final long DATA_2M = 0x30_0008;
    /** Bit 45 of an entry: at or above MAXPHYADDR (40), so reserved. */
    private static final long HIGH_RESERVED = 1L << 45;
    private static final long BUDGET = 1_000_000;

    private final X86Rig rig = new X86Rig();
    private final PhysicalMemory memory = rig.guest.memory;
    private NestedPageTables nested;
    private Vmcb vmcb;

    /**
     * The guest's memory as two blocks, [0, 4 KiB) and the rest, at the same host addresses as
     * {@link TestGuest}'s one block: the builder then maps [0, 2 MiB) (code, data, stack, IDT)
     * with 4 KiB pages and [2 MiB, 8 MiB) (the boot page tables) with 2 MiB pages.
     */
    private static RealMemoryMap splitMap() {
        return new RealMemoryMap(List.of(new MemoryBlock(0, PA_BASE, 0x1000),
                new MemoryBlock(0x1000, PA_BASE + 0x1000, SIZE - 0x1000)));
    }

    /** Boots the rig on {@code code} at {@link X86Rig#CODE}, RBX = {@link #DATA}, and builds nested tables. */
    private void guest(String... code) {
        rig.program(code);
        rig.s.r[X86State.RBX] = DATA;
        nested = NestedPageTables.build(memory, splitMap(), rig.guest::allocateHypervisorPages);
    }

    /**
     * The VMCB of the CPU's current state as the guest: NP_ENABLE with the nested tables,
     * ASID 1, HLT intercepted, and INTR and VMRUN as VMRUN requires.
     */
    private Vmcb vmcb() {
        if (vmcb == null) {
            rig.s.efer |= X86Arch.EFER_SVME;
            rig.s.hsavePa = rig.guest.allocateHypervisorPages(1);
            vmcb = new Vmcb(memory, rig.guest.allocateHypervisorPages(1));
            rig.core.svm().captureState(vmcb);
            vmcb.set32(VmcbLayout.INTERCEPT_MISC1, VmcbLayout.misc1Bit(ExitCode.INTR) | VmcbLayout.misc1Bit(ExitCode.HLT));
            vmcb.set32(VmcbLayout.INTERCEPT_MISC2, VmcbLayout.misc2Bit(ExitCode.VMRUN));
            vmcb.set32(VmcbLayout.GUEST_ASID, 1);
            vmcb.set64(VmcbLayout.NESTED_CTL, 1);
            vmcb.set64(VmcbLayout.N_CR3, nested.root());
            vmcb.set64(VmcbLayout.G_PAT, X86Arch.PAT_DEFAULT);
        }
        return vmcb;
    }

    /** VMRUN until an exit other than the end of a quantum; returns its exit code. */
    private long vmrun() {
        Vmcb v = vmcb();
        rig.s.npfInfo1 = 0;
        rig.s.faultAddress = -1;
        long code;
        do {
            int exit = rig.core.vmrun(v, BUDGET);
            assertEquals(SvmUnit.EXIT, exit, rig.core::report);
            code = v.get64(VmcbLayout.EXITCODE);
        } while (code == ExitCode.INTR);
        return code;
    }

    /** Runs the guest to its HLT (intercepted: RIP stays on it). */
    private void runToHlt(long hltRip) {
        long code = vmrun();
        assertEquals(ExitCode.HLT, code, () -> ExitCode.name(code) + "\n" + rig.core.report());
        assertEquals(hltRip, vmcb.get64(VmcbLayout.RIP), rig.core::report);
    }

    /**
     * Runs the guest and expects the NPF #VMEXIT at the instruction at {@code rip} (NPF is
     * fault-like) with EXITINFO1 {@code info1} and EXITINFO2 {@code gpa}, as the CPU state
     * also records them.
     */
    private void assertNestedPageFault(long info1, long gpa, long rip) {
        long code = vmrun();
        assertEquals(ExitCode.NPF, code, () -> ExitCode.name(code) + "\n" + rig.core.report());
        assertEquals(Long.toHexString(info1), Long.toHexString(vmcb.get64(VmcbLayout.EXITINFO1)), "EXITINFO1");
        assertEquals(Long.toHexString(gpa), Long.toHexString(vmcb.get64(VmcbLayout.EXITINFO2)), "EXITINFO2");
        assertEquals(Long.toHexString(info1), Long.toHexString(rig.s.npfInfo1), "npfInfo1");
        assertEquals(gpa, rig.s.faultAddress, "faultAddress");
        assertEquals(rip, vmcb.get64(VmcbLayout.RIP), "RIP of the faulting instruction");
    }

    // ---- nested entries ---------------------------------------------------------------------------

    /**
     * Host address of the nested entry for {@code gpa} at level {@code shift} (39 PML4E, 30 PDPE,
     * 21 PDE, 12 PTE).
     */
    private long nestedEntry(long gpa, int shift) {
        long table = nested.root();
        for (int level = 39; ; level -= 9) {
            long slot = table + (((gpa >>> level) & 511) << 3);
            if (level == shift) {
                return slot;
            }
            long e = memory.read64LE(slot);
            assertTrue((e & P) != 0 && (e & PS) == 0, "no nested table below level " + level);
            table = e & X86Arch.PTE_ADDR;
        }
    }

    /** Host address of the nested leaf entry (4 KiB PTE or 2 MiB PDE) that maps {@code gpa}. */
    private long nestedLeaf(long gpa) {
        long pde = nestedEntry(gpa, 21);
        return (memory.read64LE(pde) & PS) != 0 ? pde : nestedEntry(gpa, 12);
    }

    /** Clears and sets bits of the nested entry at host {@code hpa}; drops the CPU's translations (5.3). */
    private void edit(long hpa, long clear, long set) {
        memory.write64LE(hpa, (memory.read64LE(hpa) & ~clear) | set);
        rig.s.mem.flush();
    }

    private long nested(long hpa) {
        return memory.read64LE(hpa);
    }

    // ---- programs run as they do without nested paging ------------------------------------------

    @Test
    void gccWorkloadComputesTheHostResultUnderNestedPaging() {
        rig.put(X86GccWorkloadFixture.LOAD_ADDRESS, X86GccWorkloadFixture.IMAGE);
        rig.core.start(X86GccWorkloadFixture.LOAD_ADDRESS, 0);
        nested = NestedPageTables.build(memory, splitMap(), rig.guest::allocateHypervisorPages);
        long walksBefore = rig.s.mem.nestedWalker().walks;
        long code = vmrun();
        assertEquals(ExitCode.HLT, code, () -> ExitCode.name(code) + "\n" + rig.core.report());
        assertEquals(Long.toHexString(X86GccWorkloadFixture.EXPECTED), Long.toHexString(vmcb.get64(VmcbLayout.RAX)),
                rig.core::report);
        assertTrue(rig.s.mem.nestedPaging(), "still the guest's translations until the host runs");
        assertTrue(rig.s.mem.nestedWalker().walks > walksBefore, "nested walks");
        assertEquals(0, rig.s.exceptionsDelivered, rig.core::report);
    }

    @Test
    void accessesReachTheSameHostMemoryAndSetNestedAccessedAndDirtyBits() {
        guest("48 c7 c0 2a 00 00 00  # movq $42,%rax",
                STORE,
                "48 8b 0b  # movq (%rbx),%rcx",
                "50  # pushq %rax",
                "5a  # popq %rdx",
                X86Rig.HLT);
        runToHlt(X86Rig.CODE + 15);
        assertEquals(42, rig.read64(DATA), "host memory at PA_BASE + gPA");
        assertEquals(42, rig.reg(X86State.RCX));
        assertEquals(42, rig.reg(X86State.RDX));
        assertEquals(42, rig.read64(X86Rig.STACK_TOP - 8));
        assertEquals(A | D, nested(nestedLeaf(DATA)) & (A | D), "written data page: A and D");
        assertEquals(A, nested(nestedLeaf(X86Rig.CODE)) & (A | D), "code page: A only");
        assertEquals(A, nested(nestedEntry(DATA, 21)) & A, "upper levels: A");
        long cr3 = vmcb.get64(VmcbLayout.CR3);
        assertEquals(A | D, nested(nestedLeaf(cr3)) & (A | D), "guest-table accesses are nested writes");
        assertEquals(A, rig.read64(cr3) & A, "the guest's own accessed bits reach its tables");
    }

    @Test
    void noExecuteOnTheGuestTablesPageDoesNotStopTheWalk() {
        guest(LOAD, X86Rig.HLT);
        long cr3 = rig.s.cr3;
        edit(nestedLeaf(cr3), 0, NX);
        runToHlt(X86Rig.CODE + 3);
    }

    @Test
    void guestPageFaultsStayTheGuestsWithTheirErrorCodes() {
        guest(LOAD, X86Rig.HLT);
        long va = 0x80_0000_0000L;
        new PageTables(rig).identity(P | RW).load();
        rig.s.r[X86State.RBX] = va;
        runToHlt(X86Rig.HANDLERS + 16L * X86Arch.PF_VECTOR);
        long rsp = vmcb.get64(VmcbLayout.RSP);
        assertEquals(0, rig.read64(rsp), "#PF error code: not present, read, supervisor");
        assertEquals(X86Rig.CODE, rig.read64(rsp + 8), "RIP of the faulting instruction");
        assertEquals(va, vmcb.get64(VmcbLayout.CR2));
    }

    @Test
    void oneGibibyteNestedPagesTranslate() {
        guest(LOAD, X86Rig.HLT);
        long va = 0x80_0000_0000L;
        long gpa = (1L << 30) + 0x5008;
        new PageTables(rig).identity(P | RW).map4k(va, gpa & ~0xfffL, P | RW).load();
        rig.s.r[X86State.RBX] = va + 8;
        memory.write64LE(0x5008, 0x1234);                      // host [0, PA_BASE) is free memory
        edit(nestedEntry(gpa, 30), 0, NestedPageTables.RIGHTS | PS);   // gPA 1 GiB -> hPA 0
        runToHlt(X86Rig.CODE + 3);
        assertEquals(0x1234, rig.reg(X86State.RAX));
        assertEquals(A, nested(nestedEntry(gpa, 30)) & (A | D));
    }

    // ---- NPF EXITINFO1 (reference 5.2) ------------------------------------------------------------

    @Test
    void notPresentNestedPteOnARead() {
        guest(LOAD, X86Rig.HLT);
        edit(nestedLeaf(DATA), P, 0);
        assertNestedPageFault(0x1_0000_0004L, DATA, X86Rig.CODE);
    }

    @Test
    void userBitClearOnARead() {
        guest(LOAD, X86Rig.HLT);
        edit(nestedLeaf(DATA), US, 0);
        assertNestedPageFault(0x1_0000_0005L, DATA, X86Rig.CODE);
    }

    @Test
    void readOnlyNestedPteOnAWriteAfterAReadWorked() {
        guest(LOAD, STORE, X86Rig.HLT);
        rig.write64(DATA, 0x77);
        edit(nestedLeaf(DATA), RW, 0);
        assertNestedPageFault(0x1_0000_0007L, DATA, X86Rig.CODE + 3);
        assertEquals(0x77, vmcb.get64(VmcbLayout.RAX));
        assertEquals(A, nested(nestedLeaf(DATA)) & (A | D), "the failed write set no dirty bit");
    }

    @Test
    void noExecuteOnTheCodePageWhateverTheGuestsNxe() {
        guest(LOAD, X86Rig.HLT);
        Vmcb v = vmcb();
        v.set64(VmcbLayout.EFER, v.get64(VmcbLayout.EFER) & ~X86Arch.EFER_NXE);
        edit(nestedLeaf(X86Rig.CODE), 0, NX);
        assertNestedPageFault(0x1_0000_0015L, X86Rig.CODE, X86Rig.CODE);
    }

    @Test
    void readOnlyNestedMappingOfTheGuestCr3Page() {
        guest(LOAD, X86Rig.HLT);
        long cr3 = rig.s.cr3;
        edit(nestedLeaf(cr3), RW, 0);
        assertNestedPageFault(0x2_0000_0007L, cr3, X86Rig.CODE);  // the first walk reads PML4E 0
    }

    @Test
    void reservedBitInAFinalNestedPte() {
        guest(LOAD, X86Rig.HLT);
        edit(nestedLeaf(DATA), 0, HIGH_RESERVED);
        assertNestedPageFault(0x1_0000_000DL, DATA, X86Rig.CODE);
    }

    @Test
    void reservedBitInTheCodePagesNestedPteOnAFetch() {
        guest(LOAD, X86Rig.HLT);
        edit(nestedLeaf(X86Rig.CODE), 0, HIGH_RESERVED);
        assertNestedPageFault(0x1_0000_001DL, X86Rig.CODE, X86Rig.CODE);
    }

    @Test
    void lowAddressBitsOfANested2MPageAreReserved() {
        guest(LOAD, X86Rig.HLT);
        rig.s.r[X86State.RBX] = DATA_2M;
        edit(nestedLeaf(DATA_2M), 0, 1L << 13);
        assertNestedPageFault(0x1_0000_000DL, DATA_2M, X86Rig.CODE);
    }

    @Test
    void reservedHighBitInANestedPdpeStopsTheGuestWalk() {
        guest(LOAD, X86Rig.HLT);
        edit(nestedEntry(0, 30), 0, HIGH_RESERVED);
        assertNestedPageFault(0x2_0000_000FL, rig.s.cr3, X86Rig.CODE);
    }

    @Test
    void reservedHighBitInANestedPml4eStopsTheGuestWalk() {
        guest(LOAD, X86Rig.HLT);
        edit(nestedEntry(0, 39), 0, HIGH_RESERVED);
        assertNestedPageFault(0x2_0000_000FL, rig.s.cr3, X86Rig.CODE);
    }

    @Test
    void pageSizeBitInANestedPml4eIsReserved() {
        guest(LOAD, X86Rig.HLT);
        edit(nestedEntry(0, 39), 0, PS);
        assertNestedPageFault(0x2_0000_000FL, rig.s.cr3, X86Rig.CODE);
    }

    @Test
    void guestPhysicalAddressOutsideTheBlocksIsNotPresent() {
        guest(LOAD, X86Rig.HLT);
        rig.s.r[X86State.RBX] = SIZE;                           // the boot tables' 1 GiB page covers it
        assertNestedPageFault(0x1_0000_0004L, SIZE, X86Rig.CODE);
    }

    // ---- the memory path --------------------------------------------------------------------------

    @Test
    void switchingNestedPagingOnAndOffFlushesTheTlb() {
        guest(LOAD, X86Rig.HLT);
        X86Memory mem = rig.s.mem;
        rig.write64(DATA, 5);
        edit(nestedLeaf(DATA), P, 0);
        assertEquals(5, mem.read(DATA, 3));                     // through the map; now cached, linear to host
        mem.enableNestedPaging(nested.root());
        assertTrue(mem.nestedPaging());
        assertThrows(X86Fault.class, () -> mem.read(DATA, 3));
        assertEquals(X86State.NESTED_PAGE_FAULT, rig.s.faultVector);
        assertEquals(0x1_0000_0004L, rig.s.npfInfo1);
        assertEquals(DATA, rig.s.faultAddress);
        mem.disableNestedPaging();
        assertFalse(mem.nestedPaging());
        assertEquals(5, mem.read(DATA, 3));
    }

    @Test
    void peekBytesNeitherFaultsNorSetsAccessedBits() {
        guest(LOAD, X86Rig.HLT);
        X86Memory mem = rig.s.mem;
        mem.enableNestedPaging(nested.root());
        assertEquals(8, mem.peekBytes(X86Rig.CODE, 8));
        assertEquals(0x48, mem.peekedBytes() & 0xff);
        assertEquals(0, nested(nestedLeaf(X86Rig.CODE)) & A);
        edit(nestedLeaf(X86Rig.CODE), P, 0);
        assertEquals(0, mem.peekBytes(X86Rig.CODE, 8));
        assertEquals(0, mem.peekBytes(SIZE, 8));
    }

    @Test
    void gpaToHpaFollowsTheNestedTablesWithoutFaults() {
        guest(LOAD, X86Rig.HLT);
        X86Memory mem = rig.s.mem;
        mem.enableNestedPaging(nested.root());
        assertEquals(PA_BASE + 0xffc, mem.gpaToHpa(0xffc, 8), "contiguous across the 4 KiB pages");
        assertEquals(PA_BASE + 0x30_0000, mem.gpaToHpa(0x30_0000, 4096));
        assertEquals(-1, mem.gpaToHpa(SIZE, 1));
        edit(nestedLeaf(0x1000), X86Arch.PTE_ADDR, PA_BASE + 0x5000);
        assertEquals(-1, mem.gpaToHpa(0xffc, 8), "pages no longer follow on");
        assertEquals(PA_BASE + 0x5010, mem.gpaToHpa(0x1010, 8));
        edit(nestedLeaf(0x1000), P, 0);
        assertEquals(-1, mem.gpaToHpa(0x1010, 8));
    }

    // ---- the builder ------------------------------------------------------------------------------

    private NestedPageTables build(MemoryBlock... blocks) {
        nested = NestedPageTables.build(memory, new RealMemoryMap(List.of(blocks)), rig.guest::allocateHypervisorPages);
        rig.s.mem.enableNestedPaging(nested.root());
        return nested;
    }

    @Test
    void alignedBlocksGet2MPages() {
        NestedPageTables t = build(new MemoryBlock(0, PA_BASE, SIZE));
        assertEquals(3, t.pages(), "PML4, PDPT, one PD");
        for (long gpa = 0; gpa < SIZE; gpa += 2 << 20) {
            assertEquals((PA_BASE + gpa) | P | RW | US | PS, nested(nestedEntry(gpa, 21)));
        }
        assertEquals(0, nested(nestedEntry(SIZE, 21)), "nothing past the block");
        assertTrue(t.root() >= rig.guest.hypervisorBase, "tables are hypervisor pages");
    }

    @Test
    void misalignedOrPartialStretchesGet4KPages() {
        // host address 4 KiB off 2 MiB alignment: 4 KiB pages throughout
        NestedPageTables t = build(new MemoryBlock(0, PA_BASE + 0x1000, 4 << 20));
        assertEquals(5, t.pages(), "PML4, PDPT, PD, two PTs");
        assertEquals((PA_BASE + 0x2000) | P | RW | US, nested(nestedEntry(0x1000, 12)));
        assertEquals(PA_BASE + 0x1000 + (4 << 20) - 8, rig.s.mem.gpaToHpa((4 << 20) - 8, 8));
        assertEquals(-1, rig.s.mem.gpaToHpa(4 << 20, 1));
    }

    @Test
    void aBlockEndingInsideA2MRegionMapsItsTailWith4KPages() {
        NestedPageTables t = build(new MemoryBlock(0, PA_BASE, 3 << 20));
        assertEquals(4, t.pages(), "PML4, PDPT, PD, one PT");
        assertEquals(PA_BASE | P | RW | US | PS, nested(nestedEntry(0, 21)));
        assertEquals((PA_BASE + (3 << 20) - 0x1000) | P | RW | US, nested(nestedEntry((3 << 20) - 0x1000, 12)));
        assertEquals(0, nested(nestedEntry(3 << 20, 12)), "not present past the block");
    }

    @Test
    void holesBetweenBlocksAreNotPresent() {
        build(new MemoryBlock(0, PA_BASE, 1 << 20), new MemoryBlock(4 << 20, PA_BASE + (4 << 20), 2 << 20));
        X86Memory mem = rig.s.mem;
        assertEquals(PA_BASE + 0x123, mem.gpaToHpa(0x123, 1));
        assertEquals(-1, mem.gpaToHpa(1 << 20, 1));
        assertEquals(-1, mem.gpaToHpa(2 << 20, 1));
        assertEquals(PA_BASE + (4 << 20) + 5, mem.gpaToHpa((4 << 20) + 5, 1));
        assertEquals(PS, nested(nestedEntry(4 << 20, 21)) & PS);
        assertEquals(-1, mem.gpaToHpa(6 << 20, 1));
    }

    @Test
    void blocksThatPagesCannotExpressAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> build(new MemoryBlock(0, PA_BASE + 8, 1 << 20)));
        assertThrows(IllegalArgumentException.class, () -> build(new MemoryBlock(0, memory.size() - 4096, 8192)));
    }

    @Test
    void hypervisorPagesComeFromAboveTheGuestUntilTheyRunOut() {
        long first = rig.guest.allocateHypervisorPages(2);
        assertTrue(first >= PA_BASE + SIZE);
        assertEquals(first + 8192, rig.guest.allocateHypervisorPages(1));
        assertThrows(IllegalStateException.class, () -> rig.guest.allocateHypervisorPages(1024));
    }
}
