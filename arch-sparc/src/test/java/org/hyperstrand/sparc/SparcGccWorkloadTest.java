package org.hyperstrand.sparc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.sparc.trap.TrapType;
import org.junit.jupiter.api.Test;

/**
 * Compiler-generated code: a gcc -O2 build of a small C workload must compute what the same C
 * code computes on the host and under qemu-sparc64 (see {@link SparcGccWorkloadFixture}).
 */
class SparcGccWorkloadTest {

    @Test
    void gccCompiledWorkloadComputesTheReferenceResult() {
        SparcRig rig = new SparcRig();
        rig.put(SparcGccWorkloadFixture.LOAD_ADDRESS, SparcGccWorkloadFixture.IMAGE);
        rig.core.start(SparcGccWorkloadFixture.LOAD_ADDRESS, 0);
        rig.tba(SparcRig.TBA_BASE);
        rig.handler(TrapType.SPILL_0_NORMAL, false, SparcRig.spillHandler());
        rig.handler(TrapType.FILL_0_NORMAL, false, SparcRig.fillHandler());

        int exit;
        do {
            exit = rig.run(10_000);  // many small slices: the state must carry across runs
        } while (exit == VcpuExit.BUDGET);
        assertEquals(VcpuExit.HYPERCALL, exit, rig.core::report);
        assertEquals(Long.toHexString(SparcGccWorkloadFixture.EXPECTED), Long.toHexString(rig.reg(Asm.O0)),
                rig.core::report);
        long spills = rig.s.globalRegister(1, 5);
        assertTrue(spills > 0, "the recursion spilled windows");
        assertEquals(spills, rig.s.globalRegister(1, 6), "and filled each one back");
        assertTrue(rig.core.retired() > 50_000, "retired " + rig.core.retired());
    }
}
