package org.hyperstrand.sparc;

import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_INV_PGSZ;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_INV_RA;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_INV_VA;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_MMU_MISS;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_PRIV_VIOL;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_PROT_VIOL;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_UNALIGNED;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_D_FAULT_CTX_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_I_FAULT_ADDR_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_I_FAULT_CTX_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_I_FAULT_TYPE_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.TTE_P;
import static org.hyperstrand.core.hcall.api.HvConstants.TTE_W;
import static org.hyperstrand.core.hcall.api.HvConstants.TTE_X;
import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.sparc.cpu.SparcArch;
import org.hyperstrand.sparc.mmu.Mmu;
import org.hyperstrand.sparc.mmu.TsbDescriptor;
import org.hyperstrand.sparc.trap.TrapType;
import org.junit.jupiter.api.Test;

/**
 * The MMU as a running guest sees it: TLB refills from TSBs and permanent mappings inside the
 * CPU, slow and fast misses with the fault area, protection and access faults, demaps, context
 * switches, the watchdog without a fault area, and the counters.
 */
class SparcMmuTest {

    /** A virtual window for data, far from the identity-mapped pages. */
    private static final long VA = 0x4000_0000L;
    private static final long SENTINEL = 0x77;
    private static final int STOP = MmuRig.STOP;

    private static int[] loadFrom(long va, int rd) {
        return SparcRig.code(setx(G1, G2, va), ldx(rd, G1, 0));
    }

    private static MmuRig rigWithTsb(int... program) {
        MmuRig rig = new MmuRig().program(program).identityMap().faultArea();
        TsbDescriptor d = MmuRig.tsb(MmuRig.TSB0, 0);
        rig.mmu.walker().configure(true, new TsbDescriptor[] {d});
        rig.mmuOn();
        return rig;
    }

    @Test
    void tsbHitLoadsTheTlbWithoutTheGuestNoticing() {
        MmuRig rig = rigWithTsb(SparcRig.code(setx(G1, G2, VA), ldx(L0, G1, 0x18), ldx(L1, G1, 0x20), movi(L2, 5),
                stx(L2, G1, 0x28), ldx(L3, G1, 0x28), STOP));
        rig.tsbEntry(MmuRig.tsb(MmuRig.TSB0, 0), VA, 0, MmuRig.tte(MmuRig.DATA, 0, TTE_W));
        rig.write64(MmuRig.DATA + 0x18, 0x1111);
        rig.write64(MmuRig.DATA + 0x20, 0x2222);
        rig.runToStop();
        assertEquals(0x1111, rig.s.r[L0]);
        assertEquals(0x2222, rig.s.r[L1]);
        assertEquals(5, rig.s.r[L3]);
        assertEquals(5, rig.read64(MmuRig.DATA + 0x28), "the store went to the mapped real page");
        assertEquals(0, rig.s.tl, "no trap");
        Mmu.Counters c = rig.mmu.counters();
        assertEquals(1, c.tsbHits(), "one refill from the TSB");
        assertEquals(0, c.tsbMisses());
        assertEquals(1, c.dtlbMisses());
        assertTrue(c.permanentHits() >= 1, "code and trap table come from permanent mappings");
        assertEquals(1, rig.core.counters().get("tsb hits"));
    }

    @Test
    void demappedTranslationIsRefilledFromTheTsb() {
        MmuRig rig = rigWithTsb(SparcRig.code(loadFrom(VA, L0), STOP));
        TsbDescriptor d = MmuRig.tsb(MmuRig.TSB0, 0);
        rig.tsbEntry(d, VA, 0, MmuRig.tte(MmuRig.DATA, 0, 0));
        rig.write64(MmuRig.DATA, 42);
        rig.runToStop();
        assertEquals(42, rig.s.r[L0]);
        assertTrue(rig.mmu.dtlb().lookup(VA, 0) >= 0);
        rig.mmu.demapPage(VA + 0x100, 0, false, true);
        assertEquals(-1, rig.mmu.dtlb().lookup(VA, 0), "demap of any address in the page");
        // the guest changes the TSB entry; the next access sees the new page
        rig.tsbEntry(d, VA, 0, MmuRig.tte(MmuRig.DATA + 0x2000, 0, 0));
        rig.write64(MmuRig.DATA + 0x2000, 43);
        rig.s.pc = MmuRig.CODE;
        rig.s.npc = MmuRig.CODE + 4;
        rig.runToStop();
        assertEquals(43, rig.s.r[L0]);
        assertEquals(2, rig.mmu.counters().tsbHits());
    }

    @Test
    void stalePageStaysUntilDemapped() {
        MmuRig rig = rigWithTsb(SparcRig.code(loadFrom(VA, L0), STOP));
        TsbDescriptor d = MmuRig.tsb(MmuRig.TSB0, 0);
        rig.tsbEntry(d, VA, 0, MmuRig.tte(MmuRig.DATA, 0, 0));
        rig.write64(MmuRig.DATA, 1);
        rig.write64(MmuRig.DATA + 0x2000, 2);
        rig.runToStop();
        rig.tsbEntry(d, VA, 0, MmuRig.tte(MmuRig.DATA + 0x2000, 0, 0));
        rig.s.pc = MmuRig.CODE;
        rig.s.npc = MmuRig.CODE + 4;
        rig.runToStop();
        assertEquals(1, rig.s.r[L0], "the TLB still holds the old translation, as hardware would");
        rig.mmu.demapAll(true, true);
        rig.s.pc = MmuRig.CODE;
        rig.s.npc = MmuRig.CODE + 4;
        rig.runToStop();
        assertEquals(2, rig.s.r[L0]);
        assertTrue(rig.mmu.itlb().lookup(MmuRig.CODE, 0) >= 0, "demap_all keeps permanent mappings");
    }

    @Test
    void largePagesTranslateEverySubpage() {
        // a 64 KiB page in a TSB indexed by 8 KiB: the entry sits at the index of the VA used
        MmuRig rig = rigWithTsb(SparcRig.code(loadFrom(VA + 0x6008, L0), setx(G3, G4, VA + 8), ldx(L1, G3, 0), STOP));
        TsbDescriptor d = MmuRig.tsb(MmuRig.TSB0, 0);
        rig.tsbEntry(d, VA + 0x6000, 0, MmuRig.tte(MmuRig.DATA, 1, 0));
        rig.write64(MmuRig.DATA + 0x6008, 0x64);
        rig.write64(MmuRig.DATA + 0x8, 0x65);
        rig.runToStop();
        assertEquals(0x64, rig.s.r[L0]);
        assertEquals(0x65, rig.s.r[L1], "the second access hits the 64 KiB TLB entry, no new search");
        assertEquals(1, rig.mmu.counters().tsbHits());
        int e = rig.mmu.dtlb().lookup(VA, 0);
        assertEquals(16, rig.mmu.dtlb().shift(e));
    }

    @Test
    void slowMissFillsTheFaultAreaWhenATsbIsConfigured() {
        MmuRig rig = rigWithTsb(SparcRig.code(loadFrom(VA + 0x1238, L0), STOP));
        rig.handler(TrapType.DATA_ACCESS_MMU_MISS, false, STOP);
        rig.runToStop();
        assertEquals(1, rig.s.tl);
        assertEquals(TrapType.DATA_ACCESS_MMU_MISS, rig.s.tt[1]);
        assertEquals(FAULT_TYPE_MMU_MISS, rig.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));
        assertEquals(VA, rig.faultWord(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET), "page-aligned address");
        assertEquals(0, rig.faultWord(MMU_FAULT_AREA_D_FAULT_CTX_OFFSET));
        assertEquals(1, rig.mmu.counters().tsbMisses());
        assertEquals(1, rig.mmu.counters().slowMissTraps());
    }

    @Test
    void aMisalignedAccessIsReportedOnTheDataSideWithItsAddress() {
        MmuRig rig = new MmuRig().program(SparcRig.code(loadFrom(VA + 0x1234, L0), STOP)).identityMap().faultArea()
                .mmuOn();
        rig.handler(TrapType.MEM_ADDRESS_NOT_ALIGNED, false, STOP);
        rig.runToStop();
        assertEquals(TrapType.MEM_ADDRESS_NOT_ALIGNED, rig.s.tt[1]);
        assertEquals(FAULT_TYPE_UNALIGNED, rig.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));
        assertEquals(VA + 0x1234, rig.faultWord(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET), "the exact address");
        assertEquals(0, rig.faultWord(MMU_FAULT_AREA_D_FAULT_CTX_OFFSET));
        assertEquals(0, rig.mmu.counters().dtlbMisses(), "checked before any translation");
    }

    @Test
    void fastMissWritesOnlyAddressAndContext() {
        MmuRig rig = new MmuRig().program(SparcRig.code(loadFrom(VA + 0x2468, L0), STOP)).identityMap().faultArea()
                .mmuOn();
        rig.write64(MmuRig.FAULT_AREA + MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET, SENTINEL);
        rig.handler(TrapType.FAST_DATA_ACCESS_MMU_MISS, false, STOP);
        rig.runToStop();
        assertEquals(TrapType.FAST_DATA_ACCESS_MMU_MISS, rig.s.tt[1]);
        assertEquals(MmuRig.CODE + 6 * 4, rig.s.tpc[1], "the load, after the setx");
        assertEquals(SENTINEL, rig.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET), "type not written");
        assertEquals(VA + 0x2000, rig.faultWord(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET));
        assertEquals(0, rig.faultWord(MMU_FAULT_AREA_D_FAULT_CTX_OFFSET));
        assertEquals(1, rig.mmu.counters().fastMissTraps());
    }

    @Test
    void fastMissHandlerMapsWithMmuMapAddrAndRetries() {
        // the handler: o0 = D addr, o1 = ctx, o2 = TTE for DATA, o3 = DMMU; ta 0x83; retry
        int[] handler = SparcRig.code(
                set32(G1, MmuRig.FAULT_AREA), ldx(O0, G1, MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET),
                ldx(O1, G1, MMU_FAULT_AREA_D_FAULT_CTX_OFFSET), setx(O2, G2, MmuRig.tte(MmuRig.DATA, 0, TTE_W)),
                movi(O3, 1), ta(0x83), retry());
        MmuRig rig = new MmuRig().program(SparcRig.code(movi(L1, 9), setx(G1, G2, VA), stx(L1, G1, 0x40),
                ldx(L0, G1, 0x40), STOP)).identityMap().faultArea().mmuOn();
        long at = MmuRig.TBA + 0x5000;  // beyond the 128 bytes of the vector: branch there
        rig.put(at, handler);
        rig.handler(TrapType.FAST_DATA_ACCESS_MMU_MISS, false, ba((int) ((at - (MmuRig.TBA
                + (TrapType.FAST_DATA_ACCESS_MMU_MISS << 5))) / 4)), nop());
        rig.runToStop();
        assertEquals(9, rig.s.r[L0]);
        assertEquals(9, rig.read64(MmuRig.DATA + 0x40));
        assertEquals(0, rig.s.tl, "retried after the mapping");
        assertEquals(1, rig.mmu.counters().fastMissTraps());
    }

    @Test
    void instructionMissesAreFastOrSlowToo() {
        long target = 0x5000_0000L;
        MmuRig rig = new MmuRig().program(SparcRig.code(setx(G1, G2, target), jmpl(G0, G1, 0), nop(), STOP))
                .identityMap().faultArea().mmuOn();
        rig.write64(MmuRig.FAULT_AREA + MMU_FAULT_AREA_I_FAULT_TYPE_OFFSET, SENTINEL);
        rig.handler(TrapType.FAST_INSTRUCTION_ACCESS_MMU_MISS, false, STOP);
        rig.runToStop();
        assertEquals(TrapType.FAST_INSTRUCTION_ACCESS_MMU_MISS, rig.s.tt[1]);
        assertEquals(target, rig.s.tpc[1]);
        assertEquals(target, rig.faultWord(MMU_FAULT_AREA_I_FAULT_ADDR_OFFSET));
        assertEquals(SENTINEL, rig.faultWord(MMU_FAULT_AREA_I_FAULT_TYPE_OFFSET));

        MmuRig slow = rigWithTsb(SparcRig.code(setx(G1, G2, target + 0x40), jmpl(G0, G1, 0), nop(), STOP));
        slow.handler(TrapType.INSTRUCTION_ACCESS_MMU_MISS, false, STOP);
        slow.runToStop();
        assertEquals(TrapType.INSTRUCTION_ACCESS_MMU_MISS, slow.s.tt[1]);
        assertEquals(FAULT_TYPE_MMU_MISS, slow.faultWord(MMU_FAULT_AREA_I_FAULT_TYPE_OFFSET));
        assertEquals(target, slow.faultWord(MMU_FAULT_AREA_I_FAULT_ADDR_OFFSET));
        assertEquals(1, slow.mmu.counters().tsbMisses(), "only the jump target found nothing");
    }

    @Test
    void codeRunsFromATsbMappedPage() {
        long target = 0x5000_0000L;
        MmuRig rig = rigWithTsb(SparcRig.code(setx(G1, G2, target), jmpl(O7, G1, 0), nop(), STOP));
        rig.tsbEntry(MmuRig.tsb(MmuRig.TSB0, 0), target, 0, MmuRig.tte(MmuRig.DATA, 0, TTE_X));
        rig.put(MmuRig.DATA, movi(L5, 77), retl(), nop());
        rig.runToStop();
        assertEquals(77, rig.s.r[L5]);
        assertEquals(0, rig.s.tl);
        assertEquals(1, rig.mmu.counters().tsbHits());
    }

    @Test
    void fetchNeedsTheExecuteBitInTheTsbEntry() {
        long target = 0x5000_0000L;
        MmuRig rig = rigWithTsb(SparcRig.code(setx(G1, G2, target), jmpl(O7, G1, 0), nop(), STOP));
        rig.tsbEntry(MmuRig.tsb(MmuRig.TSB0, 0), target, 0, MmuRig.tte(MmuRig.DATA, 0, 0));
        rig.handler(TrapType.INSTRUCTION_ACCESS_MMU_MISS, false, STOP);
        rig.runToStop();
        assertEquals(TrapType.INSTRUCTION_ACCESS_MMU_MISS, rig.s.tt[1], "an entry without X is a miss for fetches");
    }

    @Test
    void storeToAReadOnlyPageIsAFastProtectionFault() {
        MmuRig rig = rigWithTsb(SparcRig.code(setx(G1, G2, VA + 0x2010), ldx(L0, G1, 0), stx(L0, G1, 0), STOP));
        rig.tsbEntry(MmuRig.tsb(MmuRig.TSB0, 0), VA + 0x2000, 0, MmuRig.tte(MmuRig.DATA, 0, 0));
        rig.write64(MmuRig.FAULT_AREA + MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET, SENTINEL);
        rig.handler(TrapType.FAST_DATA_ACCESS_PROTECTION, false, STOP);
        rig.runToStop();
        assertEquals(TrapType.FAST_DATA_ACCESS_PROTECTION, rig.s.tt[1]);
        assertEquals(MmuRig.CODE + 7 * 4, rig.s.tpc[1], "the store; the load went through");
        assertEquals(VA + 0x2000, rig.faultWord(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET));
        assertEquals(SENTINEL, rig.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));
        assertEquals(1, rig.mmu.counters().protectionTraps());
    }

    @Test
    void userAccessToAPrivilegedPageIsADataAccessException() {
        // drop to user mode with done; the user code loads from a TTE.P page
        MmuRig rig = rigWithTsb(SparcRig.code(wrpr(TL, G0, 1), set32(G3, MmuRig.CODE + 0x100), wrprr(TNPC, G3, G0),
                wrpr(TSTATE, G0, 0), done()));
        rig.put(MmuRig.CODE + 0x100, SparcRig.code(loadFrom(VA, L0), STOP));
        rig.tsbEntry(MmuRig.tsb(MmuRig.TSB0, 0), VA, 0, MmuRig.tte(MmuRig.DATA, 0, TTE_P));
        rig.handler(TrapType.DATA_ACCESS_EXCEPTION, false, STOP);
        rig.handler(TrapType.INSTRUCTION_ACCESS_EXCEPTION, false, STOP);
        rig.runToStop();
        assertEquals(TrapType.INSTRUCTION_ACCESS_EXCEPTION, rig.s.tt[1], "the code page itself is privileged");
        assertEquals(FAULT_TYPE_PRIV_VIOL, rig.faultWord(MMU_FAULT_AREA_I_FAULT_TYPE_OFFSET));
        assertEquals(MmuRig.CODE + 0x100, rig.faultWord(MMU_FAULT_AREA_I_FAULT_ADDR_OFFSET));

        MmuRig user = rigWithTsb(SparcRig.code(wrpr(TL, G0, 1), setx(G3, G4, VA + 0x2000 + 0x100 - 4),
                wrprr(TNPC, G3, G0), wrpr(TSTATE, G0, 0), done()));
        TsbDescriptor d = MmuRig.tsb(MmuRig.TSB0, 0);
        user.tsbEntry(d, VA + 0x2000, 0, MmuRig.tte(MmuRig.DATA + 0x2000, 0, TTE_X));
        user.put(MmuRig.DATA + 0x2000 + 0x100 - 4, nop());
        user.put(MmuRig.DATA + 0x2000 + 0x100, SparcRig.code(loadFrom(VA, L0), STOP));
        user.tsbEntry(d, VA, 0, MmuRig.tte(MmuRig.DATA, 0, TTE_P));
        user.handler(TrapType.DATA_ACCESS_EXCEPTION, false, STOP);
        user.runToStop();
        assertEquals(TrapType.DATA_ACCESS_EXCEPTION, user.s.tt[1]);
        assertEquals(FAULT_TYPE_PRIV_VIOL, user.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));
        assertEquals(VA, user.faultWord(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET));
        assertEquals(0, (user.s.tstate[1] >>> 8) & SparcArch.PSTATE_PRIV, "taken from user mode");
    }

    @Test
    void fetchFromAPageMappedWithoutExecuteIsAProtectionViolation() {
        long target = 0x5000_0000L;
        MmuRig rig = new MmuRig().program(SparcRig.code(setx(G1, G2, target), jmpl(O7, G1, 0), nop(), STOP))
                .identityMap().faultArea().mmuOn();
        rig.mmu.mapAddr(target, 0, MmuRig.tte(MmuRig.DATA, 0, 0), true, true);
        rig.handler(TrapType.INSTRUCTION_ACCESS_EXCEPTION, false, STOP);
        rig.runToStop();
        assertEquals(TrapType.INSTRUCTION_ACCESS_EXCEPTION, rig.s.tt[1]);
        assertEquals(FAULT_TYPE_PROT_VIOL, rig.faultWord(MMU_FAULT_AREA_I_FAULT_TYPE_OFFSET));
    }

    @Test
    void badTsbEntriesAreAccessExceptions() {
        MmuRig rig = rigWithTsb(SparcRig.code(loadFrom(VA, L0), STOP));
        TsbDescriptor d = MmuRig.tsb(MmuRig.TSB0, 0);
        rig.tsbEntry(d, VA, 0, MmuRig.tte(MmuRig.DATA, 2, 0));  // 512 KiB: not on this CPU
        rig.handler(TrapType.DATA_ACCESS_EXCEPTION, false, STOP);
        rig.runToStop();
        assertEquals(FAULT_TYPE_INV_PGSZ, rig.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));

        MmuRig ra = rigWithTsb(SparcRig.code(loadFrom(VA, L0), STOP));
        ra.tsbEntry(d, VA, 0, MmuRig.tte(0x4000_0000L, 0, 0));  // beyond the 1 MiB of memory
        ra.handler(TrapType.DATA_ACCESS_EXCEPTION, false, STOP);
        ra.runToStop();
        assertEquals(FAULT_TYPE_INV_RA, ra.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));
        assertEquals(VA, ra.faultWord(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET));

        MmuRig hole = rigWithTsb(SparcRig.code(loadFrom(0x0000_8000_0000_0000L, L0), STOP));
        hole.handler(TrapType.DATA_ACCESS_EXCEPTION, false, STOP);
        hole.runToStop();
        assertEquals(FAULT_TYPE_INV_VA, hole.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));
    }

    @Test
    void withoutAFaultAreaAnMmuFaultIsTheGuestWatchdog() {
        MmuRig rig = new MmuRig().program(SparcRig.code(loadFrom(VA, L0), STOP)).identityMap().mmuOn();
        rig.put(MmuRig.RTBA + (TrapType.WATCHDOG_RESET << 5), STOP);
        rig.runToStop();
        assertEquals(MmuRig.RTBA + 0x40, rig.s.pc);
        assertEquals(SparcArch.MAXPTL, rig.s.tl);
        assertEquals(TrapType.FAST_DATA_ACCESS_MMU_MISS, rig.s.tt[SparcArch.MAXPTL]);
        assertFalse(rig.mmu.enabled(), "the watchdog reset turns the MMU off");
    }

    @Test
    void trapAtMaxTlGoesToTheWatchdogWithTheMmuOff() {
        MmuRig rig = new MmuRig().program(SparcRig.code(wrpr(TL, G0, 2), loadFrom(VA, L0), STOP)).identityMap()
                .faultArea().mmuOn();
        rig.put(MmuRig.RTBA + 0x40, STOP);
        rig.runToStop();
        assertEquals(MmuRig.RTBA + 0x40, rig.s.pc);
        assertFalse(rig.mmu.enabled());
        assertEquals(VA, rig.faultWord(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET), "the fault was reported first");
    }

    @Test
    void permanentMappingsServeContextZeroAfterTheTsbs() {
        MmuRig rig = rigWithTsb(SparcRig.code(loadFrom(VA, L0), STOP));
        rig.write64(MmuRig.DATA, 5);
        rig.write64(MmuRig.DATA + 0x2000, 6);
        assertEquals(0, rig.mmu.mapPermanent(VA, MmuRig.tte(MmuRig.DATA, 0, 0), false, true));
        rig.runToStop();
        assertEquals(5, rig.s.r[L0]);
        int e = rig.mmu.dtlb().lookup(VA, 0);
        assertTrue(rig.mmu.dtlb().locked(e), "loaded as a locked entry");
        rig.mmu.demapAll(true, true);
        assertTrue(rig.mmu.dtlb().lookup(VA, 0) >= 0, "demaps leave it");

        // a TSB entry for the same page comes first once the TLB is empty again
        assertEquals(0, rig.mmu.unmapPermanent(VA, false, true));
        assertEquals(-1, rig.mmu.dtlb().lookup(VA, 0), "unmap removes it from this CPU's TLB");
        assertEquals(0, rig.mmu.mapPermanent(VA, MmuRig.tte(MmuRig.DATA, 0, 0), false, true));
        rig.tsbEntry(MmuRig.tsb(MmuRig.TSB0, 0), VA, 0, MmuRig.tte(MmuRig.DATA + 0x2000, 0, 0));
        rig.s.pc = MmuRig.CODE;
        rig.s.npc = MmuRig.CODE + 4;
        rig.runToStop();
        assertEquals(6, rig.s.r[L0], "TSB #0 is searched before the permanent mappings");
    }

    @Test
    void permanentMappingsTranslateOnlyForTheCpusThatInstalledThem() {
        MmuRig rig = new MmuRig().program(SparcRig.code(loadFrom(VA, L0), STOP)).identityMap().faultArea().mmuOn();
        org.hyperstrand.core.domain.Vcpu other = rig.domain.addVcpu(1);
        Mmu otherMmu = ((org.hyperstrand.sparc.cpu.SparcCore) other.core()).mmu();
        assertEquals(0, otherMmu.mapPermanent(VA, MmuRig.tte(MmuRig.DATA, 0, 0), true, true));
        assertEquals(4, rig.mmu.permanentMappings().size(), "the domain's table");
        rig.handler(TrapType.FAST_DATA_ACCESS_MMU_MISS, false, STOP);
        rig.runToStop();
        assertEquals(TrapType.FAST_DATA_ACCESS_MMU_MISS, rig.s.tt[1], "CPU 0 did not install it");
        assertEquals(0, rig.mmu.mapPermanent(VA, MmuRig.tte(MmuRig.DATA, 0, 0), false, true));
        rig.s.tl = 0;
        rig.s.pc = MmuRig.CODE;
        rig.s.npc = MmuRig.CODE + 4;
        rig.s.mem.updateRegime();
        rig.write64(MmuRig.DATA, 31);
        rig.runToStop();
        assertEquals(31, rig.s.r[L0]);
    }

    @Test
    void contextRegistersChooseTheTranslation() {
        long pageA = MmuRig.DATA;
        long pageB = MmuRig.DATA + 0x2000;
        long pageC = MmuRig.DATA + 0x4000;
        MmuRig rig = new MmuRig().program(SparcRig.code(
                movi(G3, 7), movi(G4, 0x10), mema(STX, G3, G4, G0, 0x21),   // secondary ctx 7
                setx(G1, G2, VA), mema(LDX, L0, G1, G0, 0x81),                  // ldxa [VA] ASI_SECONDARY
                movi(G3, 8), mema(STX, G3, G4, G0, 0x21),                          // secondary ctx 8
                mema(LDX, L1, G1, G0, 0x81),
                mema(LDX, L2, G1, G0, 0x80),                                       // ASI_PRIMARY: ctx 0
                movi(G5, 8), mema(LDX, L3, G5, G0, 0x21),                          // read back primary
                STOP)).identityMap().faultArea().mmuOn();
        rig.mmu.mapAddr(VA, 7, MmuRig.tte(pageA, 0, 0), false, true);
        rig.mmu.mapAddr(VA, 8, MmuRig.tte(pageB, 0, 0), false, true);
        rig.mmu.mapAddr(VA, 0, MmuRig.tte(pageC, 0, 0), false, true);
        rig.write64(pageA, 0xa);
        rig.write64(pageB, 0xb);
        rig.write64(pageC, 0xc);
        rig.runToStop();
        assertEquals(0xa, rig.s.r[L0]);
        assertEquals(0xb, rig.s.r[L1]);
        assertEquals(0xc, rig.s.r[L2]);
        assertEquals(0, rig.s.r[L3]);
        assertEquals(8, rig.s.secondaryContext);
    }

    @Test
    void implicitAccessesUseTheNucleusContextAboveTlZero() {
        long pageA = MmuRig.DATA;
        long pageC = MmuRig.DATA + 0x4000;
        MmuRig rig = new MmuRig().program(SparcRig.code(
                setx(G1, G2, VA), movi(G3, 7), movi(G4, 8),
                mema(STX, G3, G4, G0, 0x21),   // primary ctx 7: code and data now come from ctx 7
                ldx(L0, G1, 0),                // primary (ctx 7)
                wrpr(TL, G0, 1),
                ldx(L1, G1, 0),                // nucleus (ctx 0)
                mema(LDX, L2, G1, G0, 0x80),   // ASI_PRIMARY at TL 1: ctx 7
                mema(LDX, L3, G1, G0, 0x04),   // ASI_NUCLEUS: ctx 0
                wrpr(TL, G0, 0),
                ldx(L4, G1, 0),                // primary again
                STOP)).identityMap().faultArea().mmuOn();
        // the code page must also translate in context 7
        rig.mmu.mapAddr(MmuRig.CODE, 7, MmuRig.tte(MmuRig.CODE, 1, TTE_X | TTE_P), true, false);
        rig.mmu.mapAddr(VA, 7, MmuRig.tte(pageA, 0, 0), false, true);
        rig.mmu.mapAddr(VA, 0, MmuRig.tte(pageC, 0, 0), false, true);
        rig.write64(pageA, 0xa);
        rig.write64(pageC, 0xc);
        rig.runToStop();
        assertEquals(0xa, rig.s.r[L0]);
        assertEquals(0xc, rig.s.r[L1]);
        assertEquals(0xa, rig.s.r[L2]);
        assertEquals(0xc, rig.s.r[L3]);
        assertEquals(0xa, rig.s.r[L4]);
    }

    @Test
    void demapContextLeavesOtherContexts() {
        MmuRig rig = new MmuRig().program(SparcRig.code(
                setx(G1, G2, VA), movi(G3, 7), movi(G4, 0x10), mema(STX, G3, G4, G0, 0x21),
                mema(LDX, L0, G1, G0, 0x81), ldx(L1, G1, 0), STOP)).identityMap().faultArea().mmuOn();
        rig.mmu.mapAddr(VA, 7, MmuRig.tte(MmuRig.DATA, 0, 0), false, true);
        rig.mmu.mapAddr(VA, 0, MmuRig.tte(MmuRig.DATA + 0x2000, 0, 0), false, true);
        rig.write64(MmuRig.DATA, 1);
        rig.write64(MmuRig.DATA + 0x2000, 2);
        rig.runToStop();
        assertEquals(1, rig.s.r[L0]);
        assertEquals(2, rig.s.r[L1]);
        rig.mmu.demapContext(7, false, true);
        assertEquals(-1, rig.mmu.dtlb().lookup(VA, 7));
        assertTrue(rig.mmu.dtlb().lookup(VA, 0) >= 0);
        rig.handler(TrapType.FAST_DATA_ACCESS_MMU_MISS, false, STOP);
        rig.s.pc = MmuRig.CODE;
        rig.s.npc = MmuRig.CODE + 4;
        rig.runToStop();
        assertEquals(TrapType.FAST_DATA_ACCESS_MMU_MISS, rig.s.tt[1]);
        assertEquals(7, rig.faultWord(MMU_FAULT_AREA_D_FAULT_CTX_OFFSET), "the secondary context missed");
    }

    @Test
    void moreThanTheTlbHoldsMissesEveryTimeRoundRobin() {
        // touch 160 pages twice through a TSB: 320 refills with a 128-entry DTLB
        int pages = 160;
        MmuRig rig = rigWithTsb(SparcRig.code(
                setx(G1, G2, VA), movi(L0, 2),                   // passes
                movi(L1, pages), mov(G3, G1),                     // loop: pages
                ldx(L2, G3, 0), add(L3, L3, L2), set32(G4, 0x2000), add(G3, G3, G4),
                subcci(L1, L1, 1), bne(-6), nop(),
                subcci(L0, L0, 1), bne(-11), nop(),
                STOP));
        TsbDescriptor d = MmuRig.tsb(MmuRig.TSB0, 0);
        for (int p = 0; p < pages; p++) {
            rig.tsbEntry(d, VA + p * 0x2000L, 0, MmuRig.tte(MmuRig.DATA + (p % 4) * 0x2000L, 0, 0));
        }
        rig.runToStop();
        Mmu.Counters c = rig.mmu.counters();
        assertEquals(2L * pages, c.tsbHits());
        assertEquals(2L * pages, c.dtlbMisses());
        assertEquals(Mmu.DTLB_ENTRIES, rig.mmu.dtlb().size());
    }

    @Test
    void asiRealBypassesTranslation() {
        MmuRig rig = new MmuRig().program(SparcRig.code(set32(G1, MmuRig.DATA + 0x8), mema(LDX, L0, G1, G0, 0x14),
                movi(L1, 3), mema(STX, L1, G1, G0, 0x14), STOP)).identityMap().faultArea().mmuOn();
        rig.write64(MmuRig.DATA + 8, 0x5eal);
        rig.runToStop();
        assertEquals(0x5eal, rig.s.r[L0]);
        assertEquals(3, rig.read64(MmuRig.DATA + 8));
        assertEquals(0, rig.mmu.counters().dtlbMisses());
    }

    @Test
    void storesThroughAVirtualPageInvalidateDecodedCode() {
        // code at a TSB-mapped virtual page, rewritten through a second, writable mapping
        long code = 0x5000_0000L;
        long alias = 0x6000_2000L;  // a different TSB index from code
        MmuRig rig = rigWithTsb(SparcRig.code(setx(G1, G2, code), jmpl(O7, G1, 0), nop(),
                setx(G3, G4, alias), set32(G5, movi(L5, 2)), stw(G5, G3, 0), flush(G1, 0),
                jmpl(O7, G1, 0), nop(), STOP));
        TsbDescriptor d = MmuRig.tsb(MmuRig.TSB0, 0);
        rig.tsbEntry(d, code, 0, MmuRig.tte(MmuRig.DATA, 0, TTE_X));
        rig.tsbEntry(d, alias, 0, MmuRig.tte(MmuRig.DATA, 0, TTE_W));
        rig.put(MmuRig.DATA, movi(L5, 1), retl(), nop());
        rig.runToStop();
        assertEquals(2, rig.s.r[L5], "the second call ran the rewritten instruction");
    }

    @Test
    void reportShowsTheMmu() {
        MmuRig rig = rigWithTsb(SparcRig.code(loadFrom(VA, L0), STOP));
        rig.tsbEntry(MmuRig.tsb(MmuRig.TSB0, 0), VA, 0, MmuRig.tte(MmuRig.DATA, 0, 0));
        rig.runToStop();
        String report = rig.core.report();
        assertTrue(report.contains("mmu on"), report);
        assertTrue(report.contains("tsb hits 1"), report);
        assertTrue(report.contains("ldx"), "the last PCs are decoded through the MMU:\n" + report);
    }
}
