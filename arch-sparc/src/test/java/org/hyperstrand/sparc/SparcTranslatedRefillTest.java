package org.hyperstrand.sparc;

import static org.hyperstrand.core.hcall.api.HvConstants.TTE_P;
import static org.hyperstrand.core.hcall.api.HvConstants.TTE_W;
import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.sparc.jit.TranslationConfig;
import org.hyperstrand.sparc.mmu.Mmu;
import org.hyperstrand.sparc.mmu.TsbDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLB refills that translated blocks do without leaving ({@link Mmu#serveData}): they load the
 * TLB and count exactly as the interpreter's miss path does, and refuse, changing nothing, what
 * would trap; and a refill that evicts a page another load of the block keeps makes that load
 * translate again, so the block sees a TSB change the interpreter sees.
 */
class SparcTranslatedRefillTest {

    private static final long VA = 0x4000_0000L;
    /** 256 pages from here, all mapped to one real page: more than the data TLB holds. */
    private static final int ROTATING = 256;
    /** A page outside the rotating ones (its own TSB entry), remapped by the guest while it runs. */
    private static final long MOVING = VA + 300L * 8192;
    private static final long OLD_PAGE = MmuRig.DATA;
    private static final long ROTATING_PAGE = MmuRig.DATA + 0x2000;
    private static final long NEW_PAGE = MmuRig.DATA + 0x4000;
    private static final int PASSES = 2000;

    private static MmuRig rig(TranslationConfig translation, int... program) {
        MmuRig rig = new MmuRig();
        rig.core.setTranslation(translation);
        rig.program(program).identityMap().faultArea();
        rig.mmu.walker().configure(true, new TsbDescriptor[] {tsb()});
        rig.mmuOn();
        return rig;
    }

    private static TsbDescriptor tsb() {
        return MmuRig.tsb(MmuRig.TSB0, 0);
    }

    @Test
    void serveDataRefillsLikeTheMissPathAndRefusesWithoutATrap() {
        MmuRig rig = rig(TranslationConfig.OFF, MmuRig.STOP);
        rig.tsbEntry(tsb(), VA, 0, MmuRig.tte(OLD_PAGE, 0, TTE_P)); // read-only, privileged
        Mmu.Counters before = rig.mmu.counters();
        long fault = rig.faultWord(0);

        assertEquals(-1, rig.mmu.serveData(VA + 8, 0, true, true), "a store to a read-only page would trap");
        assertEquals(-1, rig.mmu.serveData(VA + 8, 0, false, false), "a user access to a TTE.P page would trap");
        assertEquals(-1, rig.mmu.serveData(VA + 0x2000, 0, true, false), "TSB miss");
        assertEquals(-1, rig.mmu.serveData(1L << 62, 0, true, false), "VA out of range");
        assertEquals(before, rig.mmu.counters(), "refusals count nothing");
        assertEquals(-1, rig.mmu.dtlb().lookup(VA, 0), "and load nothing");
        assertEquals(0, rig.s.tl, "and deliver no trap");
        assertEquals(fault, rig.faultWord(0));

        assertEquals(OLD_PAGE + 8, rig.mmu.serveData(VA + 8, 0, true, false));
        assertTrue(rig.mmu.dtlb().lookup(VA, 0) >= 0);
        Mmu.Counters after = rig.mmu.counters();
        assertEquals(before.dtlbMisses() + 1, after.dtlbMisses());
        assertEquals(before.tsbHits() + 1, after.tsbHits());
        assertEquals(OLD_PAGE + 16, rig.mmu.serveData(VA + 16, 0, true, false), "now a TLB hit");
        assertEquals(after, rig.mmu.counters());
    }

    /**
     * Each pass loads the moving page, loads from the rotating pages (every fourth pass a new
     * page: a TLB refill that evicts the oldest entry) and rewrites the moving page's TSB entry
     * to a new real page. The TLB
     * keeps the old translation until the rotating loads push it out; from then on the load
     * reads the new page. With {@code movingFirst} false the rotating load comes first, so the
     * refill that evicts the moving page happens earlier in the same pass as its load.
     */
    private static int[] remapWhileRunning(boolean movingFirst) {
        long entry = MmuRig.TSB0 + 16 * ((MOVING >>> 13) & (MmuRig.TSB_ENTRIES - 1));
        return SparcRig.code(
                setx(G1, O0, MOVING),
                setx(G2, O0, VA),
                setx(G3, O0, entry + 8),
                setx(G4, O0, MmuRig.tte(NEW_PAGE, 0, 0)),
                movi(G5, 0),
                movi(G6, 2048),         // a quarter page: one pass in four refills
                setx(G7, O0, ROTATING * 8192L - 1),
                set32(L0, PASSES),
                movi(L1, 0),
                movingFirst ? ldx(L2, G1, 0) : mem(LDX, L3, G2, G5),   // loop:
                movingFirst ? mem(LDX, L3, G2, G5) : ldx(L2, G1, 0),
                add(L1, L1, L2),
                stx(G4, G3, 0),
                add(G5, G5, G6),
                and(G5, G5, G7),
                subcci(L0, L0, 1),
                bne(-7),
                nop(),
                MmuRig.STOP);
    }

    private static MmuRig remapRun(TranslationConfig translation, boolean movingFirst) {
        MmuRig rig = rig(translation, remapWhileRunning(movingFirst));
        // the TSB's page, so the guest can write its entries with the MMU on
        assertEquals(0, rig.mmu.mapPermanent(MmuRig.TSB0, MmuRig.tte(MmuRig.TSB0, 1, TTE_W | TTE_P), false, true));
        rig.tsbEntry(tsb(), MOVING, 0, MmuRig.tte(OLD_PAGE, 0, 0));
        for (int i = 0; i < ROTATING; i++) {
            rig.tsbEntry(tsb(), VA + i * 8192L, 0, MmuRig.tte(ROTATING_PAGE, 0, 0));
        }
        rig.write64(OLD_PAGE, 1);
        rig.write64(NEW_PAGE, 1000);
        rig.runToStop();
        return rig;
    }

    @ParameterizedTest(name = "moving page loaded first: {0}")
    @ValueSource(booleans = {true, false})
    void aRefillInsideABlockMakesItsOtherLoadsTranslateAgain(boolean movingFirst) {
        MmuRig interpreted = remapRun(TranslationConfig.OFF, movingFirst);
        MmuRig translated = remapRun(TranslationConfig.eager(), movingFirst);
        long sum = interpreted.s.r[L1];
        assertTrue(sum > PASSES && sum < 1000L * PASSES, "the test needs both pages read, not " + sum);
        assertEquals(sum, translated.s.r[L1], "a translated load kept a translation the TLB had dropped");
        assertEquals(interpreted.mmu.counters(), translated.mmu.counters());
        assertEquals(interpreted.s.retired, translated.s.retired);
        assertEquals(interpreted.core.report(), translated.core.report());
        assertTrue(translated.core.translation().translated() > 0, "no block was translated");
        assertEquals(0, translated.core.translation().failures());
    }
}
