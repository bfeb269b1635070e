package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/**
 * Compiler-generated code: a gcc -O2 freestanding build of a small C workload must compute what
 * the same C code computes natively on the host (see {@link X86GccWorkloadFixture}).
 */
class X86GccWorkloadTest {

    @Test
    void gccCompiledWorkloadComputesTheHostResult() {
        X86Rig rig = new X86Rig();
        rig.put(X86GccWorkloadFixture.LOAD_ADDRESS, X86GccWorkloadFixture.IMAGE);
        rig.core.start(X86GccWorkloadFixture.LOAD_ADDRESS, 0);
        int exit;
        int slices = 0;
        do {
            exit = rig.core.run(5_000);                        // many small slices: state carries across runs
            slices++;
        } while (exit == VcpuExit.BUDGET);
        assertEquals(VcpuExit.HALT, exit, rig.core::report);
        assertEquals(Long.toHexString(X86GccWorkloadFixture.EXPECTED), Long.toHexString(rig.reg(X86State.RAX)),
                rig.core::report);
        assertTrue(rig.core.retired() > 50_000, "retired " + rig.core.retired());
        assertTrue(slices > 10, "slices " + slices);
        assertEquals(0, rig.s.exceptionsDelivered, rig.core::report);
    }
}
