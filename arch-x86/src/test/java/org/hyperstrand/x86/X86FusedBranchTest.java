package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/**
 * A flag-setting op and the Jcc after it run together once decoded (decode.Specializer, the
 * FUSED bit) but still retire as two instructions: budgets that end between them, and the
 * report's list of the last instructions, see the same instruction stream as without fusion.
 */
class X86FusedBranchTest {

    /** A countdown loop: 3 instructions per iteration, the last two a fusable pair. */
    private static final String[] LOOP = {
        "b9 05 00 00 00  # mov $5,%ecx",
        "48 83 c0 02     # add $2,%rax",       // CODE + 5: the loop
        "83 e9 01        # sub $1,%ecx",
        "75 f7           # jne CODE + 5",
        X86Rig.HLT,
    };
    private static final long LOOP_TOP = X86Rig.CODE + 5;
    private static final long SUB = X86Rig.CODE + 9;
    private static final long JNE = X86Rig.CODE + 12;

    @Test
    void budgetsEndingBetweenTheOpAndItsJccCountEveryInstruction() {
        X86Rig rig = new X86Rig().program(LOOP);
        // the first iteration decodes and marks SUB+JNE fused; a budget of one must still stop
        // between them: each run retires exactly one and stops at the next instruction.
        long[] expected = {LOOP_TOP, SUB, JNE, LOOP_TOP, SUB, JNE, LOOP_TOP, SUB, JNE, LOOP_TOP};
        for (long rip : expected) {
            long before = rig.core.retired();
            assertEquals(VcpuExit.BUDGET, rig.run(1));
            assertEquals(before + 1, rig.core.retired());
            assertEquals(rip, rig.s.rip);
        }
        rig.runToHalt();
        assertEquals(10, rig.s.r[X86State.RAX]);
        assertEquals(1 + 5 * 3 + 1, rig.core.retired());           // mov, 5 iterations, hlt
    }

    @Test
    void oddBudgetsStopWhereThePlainStreamStops() {
        for (int budget = 1; budget <= 16; budget++) {
            X86Rig plain = new X86Rig().program(LOOP);
            X86Rig chunked = new X86Rig().program(LOOP);
            long total = 0;
            while (true) {
                int exit = chunked.run(budget);
                total = chunked.core.retired();
                if (exit != VcpuExit.BUDGET) {
                    assertEquals(VcpuExit.HALT, exit);
                    break;
                }
                assertEquals(0, total % budget, "budget " + budget);
                // the same point, reached one instruction at a time
                while (plain.core.retired() < total) {
                    plain.run(1);
                }
                assertEquals(plain.s.rip, chunked.s.rip, "budget " + budget + " after " + total);
                assertEquals(plain.s.r[X86State.RCX], chunked.s.r[X86State.RCX]);
            }
            assertEquals(17, total);
        }
    }

    @Test
    void theReportListsTheFusedJcc() {
        X86Rig rig = new X86Rig().program(LOOP);
        rig.runToHalt();
        String report = rig.core.report();
        int sub = report.lastIndexOf("0x" + Long.toHexString(SUB) + ":");
        int jne = report.lastIndexOf("0x" + Long.toHexString(JNE) + ":");
        int hlt = report.lastIndexOf("0x" + Long.toHexString(JNE + 2) + ":");
        assertEquals(true, sub >= 0 && sub < jne && jne < hlt, report);
    }
}
