package org.hyperstrand.sparc;

import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_INV_RA;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_PROT_VIOL;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FLAG_DMMU;
import static org.hyperstrand.core.hcall.api.HvConstants.TTE_W;
import static org.hyperstrand.core.hcall.api.HvErrors.ENORADDR;
import static org.hyperstrand.core.hcall.api.HvErrors.EOK;
import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.mem.ImportedPage;
import org.hyperstrand.sparc.mmu.TsbDescriptor;
import org.hyperstrand.sparc.trap.TrapType;
import org.junit.jupiter.api.Test;

/**
 * Pages of another domain mapped into this one (ldc_mapin) as the sun4v CPU model sees them:
 * loads reach them, stores only when they were mapped writable, whatever translation the store
 * used, fetches never, and once the map no longer has them nothing reaches them, even through
 * a translation the CPU had cached. The "other domain's" page is host memory the test reads
 * directly.
 */
class SparcMappedPageTest {

    /** Where the page appears: past the 1 MiB of memory, as in a mapin window. */
    private static final long WINDOW = 0x40_0000;
    /** The host page behind it (in the test guest's memory, read back through its RA). */
    private static final long EXPORTED_RA = 0xe_0000;
    private static final long VA = 0x4000_0000L;
    private static final long SENTINEL = 0x77;
    private static final long DATA = 0x0123_4567_89ab_cdefL;

    private static MmuRig rig(boolean writable, int... program) {
        MmuRig rig = new MmuRig().program(program).identityMap().faultArea();
        rig.write64(EXPORTED_RA + 0x10, DATA);
        rig.domain.replaceRealMemory(rig.domain.realMemory().withImport(
                new ImportedPage(WINDOW, TestGuest.PA_BASE + EXPORTED_RA, 0x2000, writable)));
        rig.write64(MmuRig.FAULT_AREA + MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET, SENTINEL);
        rig.handler(TrapType.DATA_ACCESS_EXCEPTION, false, MmuRig.STOP);
        rig.handler(TrapType.INSTRUCTION_ACCESS_EXCEPTION, false, MmuRig.STOP);
        return rig;
    }

    private static int[] at(long addr, int... insns) {
        return SparcRig.code(setx(G1, G2, addr), SparcRig.code(insns));
    }

    @Test
    void realAddressLoadsReadThePageAndStoresToAReadOnlyOneAreRefused() {
        MmuRig rig = rig(false, at(WINDOW + 0x10, ldx(L0, G1, 0), movi(L1, 5), stx(L1, G1, 0), MmuRig.STOP));
        rig.runToStop();
        assertEquals(DATA, rig.s.r[L0], "the load saw the exporter's data");
        assertEquals(TrapType.DATA_ACCESS_EXCEPTION, rig.s.tt[1]);
        assertEquals(FAULT_TYPE_PROT_VIOL, rig.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));
        assertEquals(WINDOW + 0x10, rig.faultWord(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET));
        assertEquals(DATA, rig.read64(EXPORTED_RA + 0x10), "the store did not reach the page");
    }

    @Test
    void atomicsAndAsiRealStoresAreRefusedToo() {
        int asiReal = 0x14;
        for (int[] store : new int[][] {{ldstub(L1, G1, 0)}, {swap(L1, G1, 0)}, {casxa(G1, 0x80, G0, L1)},
            {mema(STX, L1, G1, G0, asiReal)}}) {
            MmuRig rig = rig(false, at(WINDOW + 0x10, SparcRig.code(store, MmuRig.STOP)));
            rig.runToStop();
            assertEquals(TrapType.DATA_ACCESS_EXCEPTION, rig.s.tt[1]);
            assertEquals(FAULT_TYPE_PROT_VIOL, rig.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));
            assertEquals(DATA, rig.read64(EXPORTED_RA + 0x10));
        }
    }

    @Test
    void aWritableImportTakesStores() {
        MmuRig rig = rig(true, at(WINDOW + 0x18, movi(L1, 9), stx(L1, G1, 0), ldx(L0, G1, -8), MmuRig.STOP));
        rig.runToStop();
        assertEquals(9, rig.read64(EXPORTED_RA + 0x18));
        assertEquals(DATA, rig.s.r[L0]);
        assertEquals(SENTINEL, rig.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET), "no fault");
    }

    @Test
    void aWritableTteDoesNotMakeAReadOnlyImportWritable() {
        MmuRig rig = rig(false, at(VA + 0x10, ldx(L0, G1, 0), movi(L1, 5), stx(L1, G1, 0), MmuRig.STOP)).mmuOn();
        rig.mmu.mapAddr(VA, 0, MmuRig.tte(WINDOW, 0, TTE_W), false, true);
        rig.runToStop();
        assertEquals(DATA, rig.s.r[L0]);
        assertEquals(TrapType.DATA_ACCESS_EXCEPTION, rig.s.tt[1]);
        assertEquals(FAULT_TYPE_PROT_VIOL, rig.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));
        assertEquals(VA + 0x10, rig.faultWord(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET), "the address the store used");
        assertEquals(DATA, rig.read64(EXPORTED_RA + 0x10));
    }

    @Test
    void aTsbEntryWithWSetDoesNotMakeAReadOnlyImportWritableEither() {
        MmuRig rig = rig(false, at(VA + 0x10, ldx(L0, G1, 0), movi(L1, 5), stx(L1, G1, 0), MmuRig.STOP));
        TsbDescriptor d = MmuRig.tsb(MmuRig.TSB0, 0);
        rig.mmu.walker().configure(true, new TsbDescriptor[] {d});
        rig.tsbEntry(d, VA, 0, MmuRig.tte(WINDOW, 0, TTE_W));
        rig.mmuOn().runToStop();
        assertEquals(DATA, rig.s.r[L0], "the TSB entry was taken");
        assertEquals(TrapType.DATA_ACCESS_EXCEPTION, rig.s.tt[1]);
        assertEquals(FAULT_TYPE_PROT_VIOL, rig.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));
        assertEquals(VA + 0x10, rig.faultWord(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET));
        assertEquals(DATA, rig.read64(EXPORTED_RA + 0x10));
    }

    @Test
    void mmuMapAddrTakesAnImportButNoPageLargerThanIt() {
        MmuRig rig = rig(false, MmuRig.STOP);
        HcallFrame f = rig.frame();
        assertEquals(EOK, rig.calls.mmuMapAddr(f, VA, 0, MmuRig.tte(WINDOW, 0, TTE_W), MMU_FLAG_DMMU));
        assertEquals(EOK, rig.calls.mmuMapPermAddr(f, VA + 0x2000, 0, MmuRig.tte(WINDOW, 0, 0), MMU_FLAG_DMMU));
        assertEquals(ENORADDR, rig.calls.mmuMapAddr(f, VA, 0, MmuRig.tte(WINDOW, 1, 0), MMU_FLAG_DMMU),
                "a 64 KiB page reaches past the 8 KiB import");
        assertEquals(ENORADDR, rig.calls.mmuMapAddr(f, VA, 0, MmuRig.tte(WINDOW + 0x2000, 0, 0), MMU_FLAG_DMMU),
                "nothing is mapped in after it");
    }

    @Test
    void noInstructionIsFetchedFromAnImport() {
        MmuRig rig = rig(true, at(WINDOW, jmpl(G0, G1, 0), nop(), MmuRig.STOP));
        rig.put(EXPORTED_RA, nop(), MmuRig.STOP);
        rig.runToStop();
        assertEquals(TrapType.INSTRUCTION_ACCESS_EXCEPTION, rig.s.tt[1]);
        assertEquals(WINDOW, rig.s.tpc[1]);
    }

    @Test
    void onceUnmappedACachedTranslationNoLongerReachesThePage() {
        // the first run loads through the page (filling the CPU's software TLB), the second stores
        MmuRig rig = rig(true, at(WINDOW + 0x10, ldx(L0, G1, 0), MmuRig.STOP, movi(L1, 5), stx(L1, G1, 0), MmuRig.STOP));
        rig.runToStop();
        assertEquals(DATA, rig.s.r[L0]);
        rig.domain.replaceRealMemory(rig.domain.realMemory().withoutImport(WINDOW));
        rig.core.completeHypercall(0); // on past the first stop
        rig.runToStop();
        assertEquals(TrapType.DATA_ACCESS_EXCEPTION, rig.s.tt[1]);
        assertEquals(FAULT_TYPE_INV_RA, rig.faultWord(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET));
        assertEquals(DATA, rig.read64(EXPORTED_RA + 0x10), "the store did not reach the page");
        assertTrue(rig.domain.realMemory().imports().isEmpty());
    }
}
