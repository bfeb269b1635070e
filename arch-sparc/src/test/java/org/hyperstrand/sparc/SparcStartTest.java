package org.hyperstrand.sparc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.core.hcall.api.HvErrors;
import org.junit.jupiter.api.Test;

/** cpu_start's trap base on sparc64: checked, then both RTBA and TBA. */
class SparcStartTest {

    @Test
    void aStartedCpuTakesTheGivenTrapBase() {
        SparcRig rig = new SparcRig();
        assertEquals(HvErrors.EOK, rig.core.startAt(SparcRig.CODE, 7, SparcRig.TBA_BASE));
        assertEquals(SparcRig.TBA_BASE, rig.core.state().tba);
        assertEquals(SparcRig.TBA_BASE, rig.core.state().rtba);
        assertEquals(SparcRig.CODE, rig.core.state().pc);
        assertEquals(7, rig.core.state().r[8]);
    }

    @Test
    void aBadTrapBaseIsRefusedAndNothingStarts() {
        SparcRig rig = new SparcRig();
        long pcBefore = rig.core.state().pc;
        assertEquals(HvErrors.EBADALIGN, rig.core.startAt(SparcRig.CODE, 0, SparcRig.TBA_BASE + 0x80));
        assertEquals(HvErrors.ENORADDR, rig.core.startAt(SparcRig.CODE, 0, TestGuest.SIZE));
        assertEquals(HvErrors.ENORADDR, rig.core.startAt(SparcRig.CODE, 0, -256));
        assertEquals(pcBefore, rig.core.state().pc);
    }
}
