package org.hyperstrand.x86;

import static org.hyperstrand.x86.PageTables.A;
import static org.hyperstrand.x86.PageTables.D;
import static org.hyperstrand.x86.PageTables.NX;
import static org.hyperstrand.x86.PageTables.P;
import static org.hyperstrand.x86.PageTables.RW;
import static org.hyperstrand.x86.PageTables.US;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/**
 * 4-level paging: #PF error codes and CR2 for each kind of violation, accessed and dirty bits,
 * large pages, and the software TLB against INVLPG and CR3/CR0 writes. The rig's code, stack
 * and IDT stay identity-mapped (2 MiB supervisor pages); tests map {@link #VA} with 4 KiB pages.
 */
class X86PagingTest {

    /** A linear address outside the identity map, under its own PML4 entry. */
    private static final long VA = 0x80_0000_0000L;
    private static final long FRAME = 0x30_0000;
    private static final long FRAME2 = 0x30_1000;

    private static final String LOAD = "48 8b 03  # movq (%rbx),%rax";
    private static final String STORE = "48 89 03  # movq %rax,(%rbx)";

    private static X86Rig rig(String... code) {
        X86Rig rig = new X86Rig().program(code);
        new PageTables(rig).identity(P | RW).load();
        rig.s.r[X86State.RBX] = VA;
        return rig;
    }

    private static PageTables tables(X86Rig rig) {
        PageTables pt = new PageTables(rig);
        pt.identity(P | RW);
        return pt;
    }

    private static void assertPageFault(X86Rig rig, int error, long cr2, long rip) {
        rig.expectException(X86Arch.PF_VECTOR);
        assertEquals(error, rig.stack(0), "error code");
        assertEquals(rip, rig.stack(1), "RIP of the faulting instruction");
        assertEquals(cr2, rig.s.cr2, "CR2");
    }

    @Test
    void readOfANotPresentPage() {
        X86Rig rig = rig(LOAD, X86Rig.HLT);
        assertPageFault(rig, 0, VA, X86Rig.CODE);
    }

    @Test
    void writeOfANotPresentPageSetsTheWriteBit() {
        X86Rig rig = rig(STORE, X86Rig.HLT);
        rig.s.r[X86State.RBX] = VA + 0x123;
        assertPageFault(rig, X86Arch.PF_W, VA + 0x123, X86Rig.CODE);
    }

    @Test
    void writeToAReadOnlyPageWithWpFaultsAndReadsWork() {
        X86Rig rig = new X86Rig().program(LOAD, STORE, X86Rig.HLT);
        tables(rig).map4k(VA, FRAME, P).load();
        rig.write64(FRAME, 0x77);
        rig.s.r[X86State.RBX] = VA;
        assertPageFault(rig, X86Arch.PF_P | X86Arch.PF_W, VA, X86Rig.CODE + 3);
        assertEquals(0x77, rig.reg(X86State.RAX));
    }

    @Test
    void withoutWpTheSupervisorWritesReadOnlyPages() {
        X86Rig rig = new X86Rig().program(
                LOAD,
                "0f 20 c1  # movq %cr0,%rcx",
                "48 81 e1 ff ff fe ff  # andq $~0x10000,%rcx",
                "0f 22 c1  # movq %rcx,%cr0",
                "48 c7 c0 2a 00 00 00  # movq $42,%rax",
                STORE,
                X86Rig.HLT);
        tables(rig).map4k(VA, FRAME, P).load();
        rig.s.r[X86State.RBX] = VA;
        rig.runToHalt();
        assertEquals(42, rig.read64(FRAME));
        assertEquals(0, rig.s.cr0 & X86Arch.CR0_WP);
    }

    @Test
    void userAccessToASupervisorPage() {
        X86Rig rig = new X86Rig().program(LOAD, X86Rig.HLT);
        PageTables pt = rig.userMode();
        pt.map4k(VA, FRAME, P | RW).load();
        rig.s.r[X86State.RBX] = VA;
        assertPageFault(rig, X86Arch.PF_P | X86Arch.PF_U, VA, X86Rig.CODE);
        assertEquals(X86Rig.KERNEL_STACK - 48, rig.s.r[X86State.RSP], "the handler runs on RSP0");
        assertEquals(0x1b, rig.stack(2), "user CS in the frame");
        assertEquals(0x23, rig.stack(5), "user SS in the frame");
        assertEquals(X86Rig.STACK_TOP, rig.stack(4), "user RSP in the frame");
    }

    @Test
    void userWriteToAReadOnlyUserPage() {
        X86Rig rig = new X86Rig().program(LOAD, STORE, X86Rig.HLT);
        PageTables pt = rig.userMode();
        pt.map4k(VA, FRAME, P | US).load();
        rig.s.r[X86State.RBX] = VA;
        assertPageFault(rig, X86Arch.PF_P | X86Arch.PF_W | X86Arch.PF_U, VA, X86Rig.CODE + 3);
    }

    @Test
    void aClearUserBitInAnUpperLevelDeniesUserAccess() {
        X86Rig rig = new X86Rig().program(LOAD, X86Rig.HLT);
        PageTables pt = rig.userMode();
        pt.map4k(VA, FRAME, P | RW | US);
        rig.write64(pt.pml4e(VA), rig.read64(pt.pml4e(VA)) & ~US);
        pt.load();
        rig.s.r[X86State.RBX] = VA;
        assertPageFault(rig, X86Arch.PF_P | X86Arch.PF_U, VA, X86Rig.CODE);
    }

    @Test
    void fetchFromANoExecutePage() {
        X86Rig rig = new X86Rig().program("ff e3  # jmpq *%rbx", X86Rig.HLT);
        tables(rig).map4k(VA, FRAME, P | RW | NX).load();
        rig.put(FRAME, X86Rig.HLT);
        rig.s.r[X86State.RBX] = VA + 0x10;
        assertPageFault(rig, X86Arch.PF_P | X86Arch.PF_ID, VA + 0x10, VA + 0x10);
    }

    @Test
    void fetchFromANotPresentPageSetsTheFetchBit() {
        X86Rig rig = new X86Rig().program("ff d3  # callq *%rbx", X86Rig.HLT);
        tables(rig).load();
        rig.s.r[X86State.RBX] = VA;
        assertPageFault(rig, X86Arch.PF_ID, VA, VA);
        assertEquals(X86Rig.CODE + 2, rig.read64(X86Rig.STACK_TOP - 8), "the call pushed its return address first");
    }

    @Test
    void executableMappingRuns() {
        X86Rig rig = new X86Rig().program("ff e3  # jmpq *%rbx");
        tables(rig).map4k(VA, FRAME, P).load();
        rig.put(FRAME, "b8 07 00 00 00  # movl $7,%eax", X86Rig.HLT);
        rig.s.r[X86State.RBX] = VA;
        rig.runToHalt();
        assertEquals(7, rig.reg(X86State.RAX));
        assertEquals(VA + 6, rig.s.rip);
    }

    @Test
    void reservedBitsFaultWithTheReservedFlag() {
        X86Rig rig = new X86Rig().program(LOAD, X86Rig.HLT);
        tables(rig).map4k(VA, FRAME | (1L << 51), P | RW).load();
        rig.s.r[X86State.RBX] = VA;
        assertPageFault(rig, X86Arch.PF_P | X86Arch.PF_RSVD, VA, X86Rig.CODE);
    }

    @Test
    void noExecuteIsReservedWhileEferNxeIsClear() {
        X86Rig rig = new X86Rig().program(
                "b9 80 00 00 c0  # movl $0xc0000080,%ecx",
                "0f 32  # rdmsr",
                "25 ff f7 ff ff  # andl $~0x800,%eax",
                "0f 30  # wrmsr",
                LOAD,
                X86Rig.HLT);
        tables(rig).map4k(VA, FRAME, P | RW | NX).load();
        rig.s.r[X86State.RBX] = VA;
        rig.expectException(X86Arch.PF_VECTOR);
        assertEquals(X86Arch.PF_P | X86Arch.PF_RSVD, rig.stack(0));
        assertEquals(0x501, rig.s.efer);
    }

    @Test
    void accessedAndDirtyBitsAreSetByReadsAndWrites() {
        X86Rig rig = new X86Rig().program(LOAD, X86Rig.HLT, STORE, X86Rig.HLT);
        PageTables pt = tables(rig);
        pt.map4k(VA, FRAME, P | RW).load();
        rig.s.r[X86State.RBX] = VA;
        rig.runToHalt();
        long pte = rig.read64(pt.pte(VA));
        assertEquals(A, pte & (A | D), "read: accessed, not dirty");
        assertTrue((rig.read64(pt.pml4e(VA)) & A) != 0, "upper levels are marked accessed");
        assertTrue((rig.read64(pt.pde(VA)) & A) != 0);
        rig.runToHalt();
        assertEquals(A | D, rig.read64(pt.pte(VA)) & (A | D), "write: dirty");
    }

    @Test
    void aWriteAfterAReadStillSetsTheDirtyBit() {
        X86Rig rig = new X86Rig().program(LOAD, LOAD, STORE, LOAD, X86Rig.HLT);
        PageTables pt = tables(rig);
        pt.map4k(VA, FRAME, P | RW).load();
        rig.s.r[X86State.RBX] = VA;
        rig.runToHalt();
        assertEquals(A | D, rig.read64(pt.pte(VA)) & (A | D));
    }

    @Test
    void largePagesTranslate() {
        X86Rig rig = new X86Rig().program(
                LOAD,
                "48 89 c1  # movq %rax,%rcx",
                "48 8b 16  # movq (%rsi),%rdx",
                X86Rig.HLT);
        PageTables pt = tables(rig);
        pt.map2m(VA, 0x40_0000, P | RW).map1g(VA + (1L << 30), 0, P | RW).load();
        rig.write64(0x40_0000 + 0x1_2348, 0x2222);
        rig.write64(0x5_6780, 0x1111);
        rig.s.r[X86State.RBX] = VA + 0x1_2348;
        rig.s.r[X86State.RSI] = VA + (1L << 30) + 0x5_6780;
        rig.runToHalt();
        assertEquals(0x2222, rig.reg(X86State.RCX));
        assertEquals(0x1111, rig.reg(X86State.RDX));
    }

    @Test
    void theTlbKeepsAStaleTranslationUntilInvlpg() {
        X86Rig rig = new X86Rig().program(
                LOAD,
                "48 89 c1  # movq %rax,%rcx",
                X86Rig.HLT,
                LOAD,
                "48 89 c2  # movq %rax,%rdx",
                "0f 01 3b  # invlpg (%rbx)",
                LOAD,
                X86Rig.HLT);
        PageTables pt = tables(rig);
        pt.map4k(VA, FRAME, P | RW).load();
        rig.write64(FRAME, 1);
        rig.write64(FRAME2, 2);
        rig.s.r[X86State.RBX] = VA;
        rig.runToHalt();
        rig.write64(pt.pte(VA), FRAME2 | P | RW);            // the guest edits its PTE without INVLPG
        rig.runToHalt();
        assertEquals(1, rig.reg(X86State.RCX));
        assertEquals(1, rig.reg(X86State.RDX), "stale until invalidated, as on hardware");
        assertEquals(2, rig.reg(X86State.RAX), "fresh after INVLPG");
    }

    @Test
    void invlpgInsideALargePageDropsIt() {
        X86Rig rig = new X86Rig().program(LOAD, X86Rig.HLT, "0f 01 3b  # invlpg (%rbx)", LOAD, X86Rig.HLT);
        PageTables pt = tables(rig);
        pt.map2m(VA, 0x40_0000, P | RW).load();
        rig.write64(0x40_5000, 1);
        rig.write64(0x60_5000, 2);
        rig.s.r[X86State.RBX] = VA + 0x5000;
        rig.runToHalt();
        assertEquals(1, rig.reg(X86State.RAX));
        rig.write64(pt.pde(VA), 0x60_0000 | P | RW | PageTables.PS);
        rig.s.r[X86State.RBX] = VA + 0x1000;                    // another 4 KiB piece of the same 2 MiB page
        rig.write64(0x60_1000, 3);
        rig.runToHalt();
        assertEquals(3, rig.reg(X86State.RAX));
    }

    @Test
    void invlpgOfASmallPageKeepsTheCachedLargePages() {
        X86Rig rig = new X86Rig().program(
                "48 8b 0e  # movq (%rsi),%rcx (identity-mapped 2 MiB page)",
                LOAD,
                "0f 01 3b  # invlpg (%rbx)",
                "48 8b 0e  # movq (%rsi),%rcx",
                X86Rig.HLT);
        tables(rig).map4k(VA, FRAME, P | RW).load();
        rig.s.r[X86State.RBX] = VA;
        rig.s.r[X86State.RSI] = X86Rig.DATA;
        assertEquals(VcpuExit.BUDGET, rig.core.run(3));
        long misses = rig.core.counters().get("data tlb misses");
        long flushes = rig.core.counters().get("tlb flushes");
        rig.runToHalt();
        assertEquals(misses, rig.core.counters().get("data tlb misses"), "the 2 MiB translation survived");
        assertEquals(flushes, rig.core.counters().get("tlb flushes"));
    }

    @Test
    void aCr3WriteFlushesTheTlb() {
        X86Rig rig = new X86Rig().program(
                LOAD, "48 89 c1  # movq %rax,%rcx",
                "0f 20 d8  # movq %cr3,%rax", "0f 22 d8  # movq %rax,%cr3",
                LOAD, X86Rig.HLT);
        PageTables pt = tables(rig);
        pt.map4k(VA, FRAME, P | RW).load();
        rig.write64(FRAME, 1);
        rig.write64(FRAME2, 2);
        rig.s.r[X86State.RBX] = VA;
        assertEquals(VcpuExit.BUDGET, rig.core.run(2));
        rig.write64(pt.pte(VA), FRAME2 | P | RW);
        rig.runToHalt();
        assertEquals(1, rig.reg(X86State.RCX));
        assertEquals(2, rig.reg(X86State.RAX));
    }

    @Test
    void anAccessCrossingIntoAMissingPageFaultsOnTheSecondPage() {
        X86Rig rig = new X86Rig().program(LOAD, X86Rig.HLT);
        tables(rig).map4k(VA, FRAME, P | RW).load();
        rig.s.r[X86State.RBX] = VA + 0xffc;
        assertPageFault(rig, 0, VA + 0x1000, X86Rig.CODE);
    }

    @Test
    void aWriteCrossingIntoAReadOnlyPageWritesNothing() {
        X86Rig rig = new X86Rig().program("48 c7 c0 ff ff ff ff  # movq $-1,%rax", STORE, X86Rig.HLT);
        tables(rig).map4k(VA, FRAME, P | RW).map4k(VA + 0x1000, FRAME2, P).load();
        rig.s.r[X86State.RBX] = VA + 0xffc;
        assertPageFault(rig, X86Arch.PF_P | X86Arch.PF_W, VA + 0x1000, X86Rig.CODE + 7);
        assertEquals(0, rig.read64(FRAME + 0xff8));
    }

    @Test
    void aCrossingAccessJoinsBothPages() {
        X86Rig rig = new X86Rig().program(LOAD, "48 ff c0  # incq %rax", STORE, X86Rig.HLT);
        tables(rig).map4k(VA, FRAME, P | RW).map4k(VA + 0x1000, FRAME2 + 0x1000, P | RW).load();
        rig.write64(FRAME + 0xff8, 0x4433_2211_0000_0000L);
        rig.write64(FRAME2 + 0x1000, 0x0000_0000_8877_6655L);
        rig.s.r[X86State.RBX] = VA + 0xffc;
        rig.runToHalt();
        assertEquals(0x8877_6655_4433_2212L, rig.reg(X86State.RAX));
        assertEquals(0x4433_2212_0000_0000L, rig.read64(FRAME + 0xff8));
    }

    @Test
    void aNonCanonicalAddressIsAGeneralProtectionFault() {
        X86Rig rig = rig(LOAD, X86Rig.HLT);
        rig.s.r[X86State.RBX] = 0x8000_0000_0000L;
        rig.expectException(X86Arch.GP);
        assertEquals(0, rig.stack(0));
    }

    @Test
    void guestPhysicalMemoryOutsideTheDomainStopsTheCpu() {
        X86Rig rig = new X86Rig().program(LOAD, X86Rig.HLT);
        tables(rig).map4k(VA, 0x8000_0000L, P | RW).load();
        rig.s.r[X86State.RBX] = VA;
        assertEquals(VcpuExit.FATAL, rig.run());
        assertTrue(rig.core.report().contains("outside the domain's memory"), rig.core.report());
    }
}
